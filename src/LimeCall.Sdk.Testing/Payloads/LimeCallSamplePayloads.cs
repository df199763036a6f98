using LimeCall.Sdk.Webhooks.Events;

namespace LimeCall.Sdk.Testing.Payloads;

/// <summary>
/// One realistic payload for every canonical event type, enveloped, plus the flat shape of the
/// LimePhone outbound-webhook document for the events it shows (its samples verbatim where it gives
/// them). The reference sender's test mode and the samples send these; your tests can too.
/// </summary>
public static class LimeCallSamplePayloads
{
    /// <summary>Gets every sample, enveloped ones in the order of <see cref="LimeCallEventTypes.All"/>, each flat one after its enveloped twin.</summary>
    public static IReadOnlyList<LimeCallSamplePayload> All { get; } =
    [
        new(LimeCallEventTypes.CallStarted, LimeCallPayloadShape.Enveloped, """
            {
              "id": "evt_78648b0831b581601838",
              "event": "call.started",
              "timestamp": "2025-01-30T15:00:00Z",
              "data": {
                "call_id": "call_8f2k1x",
                "caller_number": "+14155550123",
                "callee_number": "+14155550199",
                "team_id": "team_001",
                "direction": "inbound",
                "status": "in_progress",
                "agent": {
                  "id": "rep_42",
                  "name": "Dana Whitfield",
                  "email": "dana@example.com"
                },
                "lead": {
                  "id": "lead_7731",
                  "name": "John Doe",
                  "email": "john.doe@example.com",
                  "phone": "+14155550123",
                  "company_name": "Acme Corp",
                  "source": "website_widget"
                },
                "lead_source": "google_ads"
              }
            }
            """),
        new(LimeCallEventTypes.CallInitiated, LimeCallPayloadShape.Enveloped, """
            {
              "id": "evt_b8afccd5d345a12033a0",
              "event": "call.initiated",
              "timestamp": "2025-01-30T15:01:00Z",
              "data": {
                "callback_id": "cb_01JA2B3C",
                "call_id": "call_5tq9m",
                "customer_number": "+14155550123",
                "team_number": "+14155550100",
                "team_id": "team_001",
                "direction": "outbound",
                "status": "initiated",
                "scheduled_at": "2025-01-30T15:00:00Z"
              }
            }
            """),
        new(LimeCallEventTypes.CallConnected, LimeCallPayloadShape.Enveloped, """
            {
              "id": "evt_cfe48e225cc1f5ccb8a4",
              "event": "call.connected",
              "timestamp": "2025-01-30T15:02:00Z",
              "data": {
                "callback_id": "cb_01JA2B3C",
                "call_id": "call_5tq9m",
                "customer_number": "+14155550123",
                "team_number": "+14155550100",
                "team_id": "team_001",
                "direction": "outbound",
                "status": "connected",
                "agent": {
                  "id": "rep_42",
                  "name": "Dana Whitfield",
                  "email": "dana@example.com"
                }
              }
            }
            """),
        new(LimeCallEventTypes.CallCompleted, LimeCallPayloadShape.Enveloped, """
            {
              "id": "evt_c3ea9828188a34155ffc",
              "event": "call.completed",
              "timestamp": "2025-01-30T15:03:00Z",
              "data": {
                "call_id": "call_8f2k1x",
                "caller_number": "+14155550123",
                "callee_number": "+14155550199",
                "team_id": "team_001",
                "direction": "inbound",
                "status": "completed",
                "duration": 184,
                "outcome": "qualified",
                "recording_url": "https://limecall.io/recordings/call_8f2k1x.mp3",
                "agent": {
                  "id": "rep_42",
                  "name": "Dana Whitfield",
                  "email": "dana@example.com"
                },
                "lead": {
                  "id": "lead_7731",
                  "name": "John Doe",
                  "email": "john.doe@example.com",
                  "phone": "+14155550123",
                  "company_name": "Acme Corp",
                  "source": "website_widget"
                },
                "lead_source": "google_ads"
              }
            }
            """),
        new(LimeCallEventTypes.CallCompleted, LimeCallPayloadShape.Flat, """
            {
              "event": "call_completed",
              "call_id": "345678",
              "caller_number": "+1234567890",
              "callee_number": "+0987654321",
              "duration": 184,
              "timestamp": "2025-01-30T15:20:00Z",
              "team_id": "team_001",
              "status": "completed"
            }
            """),
        new(LimeCallEventTypes.CallMissed, LimeCallPayloadShape.Enveloped, """
            {
              "id": "evt_80e5431d6c4315cf3d4d",
              "event": "call.missed",
              "timestamp": "2025-01-30T15:04:00Z",
              "data": {
                "call_id": "call_8f2k1x",
                "caller_number": "+14155550123",
                "callee_number": "+14155550199",
                "team_id": "team_001",
                "direction": "inbound",
                "status": "missed",
                "lead": {
                  "id": "lead_7731",
                  "name": "John Doe",
                  "email": "john.doe@example.com",
                  "phone": "+14155550123",
                  "company_name": "Acme Corp",
                  "source": "website_widget"
                }
              }
            }
            """),
        new(LimeCallEventTypes.CallMissed, LimeCallPayloadShape.Flat, """
            {
              "event": "missed_call",
              "call_id": "123456",
              "caller_number": "+1234567890",
              "callee_number": "+0987654321",
              "timestamp": "2025-01-30T15:00:00Z",
              "team_id": "team_001",
              "status": "missed"
            }
            """),
        new(LimeCallEventTypes.CallRecorded, LimeCallPayloadShape.Enveloped, """
            {
              "id": "evt_67823866ac93a0ed415d",
              "event": "call.recorded",
              "timestamp": "2025-01-30T15:05:00Z",
              "data": {
                "call_id": "call_8f2k1x",
                "caller_number": "+14155550123",
                "callee_number": "+14155550199",
                "team_id": "team_001",
                "direction": "inbound",
                "status": "completed",
                "recording_url": "https://limecall.io/recordings/call_8f2k1x.mp3",
                "duration": 184,
                "recordings": [
                  "https://limecall.io/recordings/call_8f2k1x.mp3"
                ]
              }
            }
            """),
        new(LimeCallEventTypes.CallStatusUpdated, LimeCallPayloadShape.Enveloped, """
            {
              "id": "evt_da8c1cad4b76e3419dbc",
              "event": "call.status_updated",
              "timestamp": "2025-01-30T15:06:00Z",
              "data": {
                "call_id": "call_8f2k1x",
                "caller_number": "+14155550123",
                "callee_number": "+14155550199",
                "team_id": "team_001",
                "direction": "inbound",
                "status": "ringing",
                "previous_status": "queued"
              }
            }
            """),
        new(LimeCallEventTypes.CallStatusUpdated, LimeCallPayloadShape.Flat, """
            {
              "event": "call_status_update",
              "call_id": "456789",
              "caller_number": "+1234567890",
              "callee_number": "+0987654321",
              "timestamp": "2025-01-30T15:15:00Z",
              "team_id": "team_001",
              "status": "ringing"
            }
            """),
        new(LimeCallEventTypes.CallEnded, LimeCallPayloadShape.Enveloped, """
            {
              "id": "evt_8ee31aa3c5bb1e95fa74",
              "event": "call.ended",
              "timestamp": "2025-01-30T15:07:00Z",
              "data": {
                "call_id": "call_8f2k1x",
                "caller_number": "+14155550123",
                "callee_number": "+14155550199",
                "team_id": "team_001",
                "direction": "inbound",
                "status": "ended",
                "duration": 95,
                "hangup_by": "caller"
              }
            }
            """),
        new(LimeCallEventTypes.CallAbandoned, LimeCallPayloadShape.Enveloped, """
            {
              "id": "evt_013b933b4e7fd063e32a",
              "event": "call.abandoned",
              "timestamp": "2025-01-30T15:08:00Z",
              "data": {
                "call_id": "call_8f2k1x",
                "caller_number": "+14155550123",
                "callee_number": "+14155550199",
                "team_id": "team_001",
                "direction": "inbound",
                "status": "abandoned",
                "wait_time": 42
              }
            }
            """),
        new(LimeCallEventTypes.CallOverflowedToVoicemail, LimeCallPayloadShape.Enveloped, """
            {
              "id": "evt_a49b22414deee54571cd",
              "event": "call.overflowed_to_voicemail",
              "timestamp": "2025-01-30T15:09:00Z",
              "data": {
                "call_id": "call_8f2k1x",
                "caller_number": "+14155550123",
                "callee_number": "+14155550199",
                "team_id": "team_001",
                "direction": "inbound",
                "status": "voicemail",
                "voicemail_url": "https://limecall.io/voicemails/vm_3321"
              }
            }
            """),
        new(LimeCallEventTypes.CallDispositionSaved, LimeCallPayloadShape.Enveloped, """
            {
              "id": "evt_00db40ef7eef7bf708e7",
              "event": "call.disposition_saved",
              "timestamp": "2025-01-30T15:10:00Z",
              "data": {
                "call_id": "call_8f2k1x",
                "caller_number": "+14155550123",
                "callee_number": "+14155550199",
                "team_id": "team_001",
                "direction": "inbound",
                "disposition": "Interested - follow up",
                "notes": "Asked for pricing"
              }
            }
            """),
        new(LimeCallEventTypes.CallDispositionModified, LimeCallPayloadShape.Enveloped, """
            {
              "id": "evt_90934debce50b2d3cc1e",
              "event": "call.disposition_modified",
              "timestamp": "2025-01-30T15:11:00Z",
              "data": {
                "call_id": "call_8f2k1x",
                "caller_number": "+14155550123",
                "callee_number": "+14155550199",
                "team_id": "team_001",
                "direction": "inbound",
                "disposition": "Closed won",
                "previous_disposition": "Interested - follow up"
              }
            }
            """),
        new(LimeCallEventTypes.VoicemailReceived, LimeCallPayloadShape.Enveloped, """
            {
              "id": "evt_5b608543e0a9196abebc",
              "event": "voicemail.received",
              "timestamp": "2025-01-30T15:12:00Z",
              "data": {
                "call_id": "call_8f2k1x",
                "caller_number": "+14155550123",
                "callee_number": "+14155550199",
                "team_id": "team_001",
                "direction": "inbound",
                "voicemail_url": "https://limecall.io/voicemails/123456",
                "duration": 37
              }
            }
            """),
        new(LimeCallEventTypes.VoicemailReceived, LimeCallPayloadShape.Flat, """
            {
              "event": "voicemail_received",
              "call_id": "789012",
              "caller_number": "+1234567890",
              "callee_number": "+0987654321",
              "voicemail_url": "https://limecall.io/voicemails/123456",
              "timestamp": "2025-01-30T15:05:00Z",
              "team_id": "team_002"
            }
            """),
        new(LimeCallEventTypes.SmsReceived, LimeCallPayloadShape.Enveloped, """
            {
              "id": "evt_288f1a1f513e03c0fdcc",
              "event": "sms.received",
              "timestamp": "2025-01-30T15:13:00Z",
              "data": {
                "message_id": "msg_567890",
                "sender_number": "+14155550123",
                "receiver_number": "+14155550199",
                "message_content": "Hello, I'm interested in your services.",
                "team_id": "team_002"
              }
            }
            """),
        new(LimeCallEventTypes.SmsReceived, LimeCallPayloadShape.Flat, """
            {
              "event": "sms_received",
              "message_id": "567890",
              "sender_number": "+1234567890",
              "receiver_number": "+0987654321",
              "message_content": "Hello, I’m interested in your services.",
              "timestamp": "2025-01-30T15:10:00Z"
            }
            """),
        new(LimeCallEventTypes.MessageReceived, LimeCallPayloadShape.Enveloped, """
            {
              "id": "evt_77661575659d5e0a2bfb",
              "event": "message.received",
              "timestamp": "2025-01-30T15:14:00Z",
              "data": {
                "message_id": "msg_567890",
                "sender_number": "+14155550123",
                "receiver_number": "+14155550199",
                "message_content": "Hello, I'm interested in your services.",
                "team_id": "team_002",
                "channel": "sms"
              }
            }
            """),
        new(LimeCallEventTypes.MessageSent, LimeCallPayloadShape.Enveloped, """
            {
              "id": "evt_40a9da37e622bcbb62a8",
              "event": "message.sent",
              "timestamp": "2025-01-30T15:15:00Z",
              "data": {
                "message_id": "msg_567890",
                "sender_number": "+14155550199",
                "receiver_number": "+14155550123",
                "message_content": "Thanks! A rep will call you shortly.",
                "team_id": "team_002",
                "channel": "sms"
              }
            }
            """),
        new(LimeCallEventTypes.LeadCaptured, LimeCallPayloadShape.Enveloped, """
            {
              "id": "evt_286a8694882577d10899",
              "event": "lead.captured",
              "timestamp": "2025-01-30T15:16:00Z",
              "data": {
                "lead_id": "lead_7731",
                "name": "John Doe",
                "email": "john.doe@example.com",
                "phone": "+14155550123",
                "country_code": "+1",
                "company_name": "Acme Corp",
                "industry": "Software",
                "message": "Looking for a demo.",
                "page_url": "https://example.com/demo",
                "page_name": "Demo Page",
                "lead_source": "website_widget",
                "team_id": "team_001",
                "is_auto": true
              }
            }
            """),
        new(LimeCallEventTypes.AgentAssigned, LimeCallPayloadShape.Enveloped, """
            {
              "id": "evt_b68b29388a7aae3339ce",
              "event": "agent.assigned",
              "timestamp": "2025-01-30T15:17:00Z",
              "data": {
                "agent": {
                  "id": "rep_42",
                  "name": "Dana Whitfield",
                  "email": "dana@example.com"
                },
                "call_id": "call_8f2k1x",
                "lead_id": "lead_7731",
                "team_id": "team_001"
              }
            }
            """),
        new(LimeCallEventTypes.ContactCreated, LimeCallPayloadShape.Enveloped, """
            {
              "id": "evt_75b1514b412fdfaa78c6",
              "event": "contact.created",
              "timestamp": "2025-01-30T15:18:00Z",
              "data": {
                "contact_id": "ct_1001",
                "name": "John Doe",
                "email": "john.doe@example.com",
                "phone": "+14155550123",
                "tags": [
                  "lead",
                  "demo-request"
                ],
                "lists": []
              }
            }
            """),
        new(LimeCallEventTypes.ContactModified, LimeCallPayloadShape.Enveloped, """
            {
              "id": "evt_16d8db2a9ce288e75527",
              "event": "contact.modified",
              "timestamp": "2025-01-30T15:19:00Z",
              "data": {
                "contact_id": "ct_1001",
                "name": "John Q. Doe",
                "email": "john.doe@example.com",
                "phone": "+14155550123",
                "tags": [],
                "changed_fields": [
                  "name"
                ]
              }
            }
            """),
        new(LimeCallEventTypes.ContactListCreated, LimeCallPayloadShape.Enveloped, """
            {
              "id": "evt_ef6d88afc7b75e56ae1d",
              "event": "contact_list.created",
              "timestamp": "2025-01-30T15:20:00Z",
              "data": {
                "list_id": "lst_77",
                "name": "Demo requests",
                "contact_count": 1
              }
            }
            """),
        new(LimeCallEventTypes.ContactListModified, LimeCallPayloadShape.Enveloped, """
            {
              "id": "evt_d907f669c2145d338bd3",
              "event": "contact_list.modified",
              "timestamp": "2025-01-30T15:21:00Z",
              "data": {
                "list_id": "lst_77",
                "name": "Demo requests",
                "contact_count": 12
              }
            }
            """),
    ];

    /// <summary>Gets the sample for an event type in a shape.</summary>
    /// <param name="eventType">A canonical type or any alias, for example <c>call.missed</c> or <c>missed_call</c>.</param>
    /// <param name="shape">The payload shape; only some types have a flat sample.</param>
    /// <returns>The sample.</returns>
    /// <exception cref="ArgumentException">The type is unknown, or has no sample in that shape.</exception>
    public static LimeCallSamplePayload Get(string eventType, LimeCallPayloadShape shape = LimeCallPayloadShape.Enveloped)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        if (!LimeCallEventTypes.TryGetCanonical(eventType, out var canonical))
        {
            throw new ArgumentException("Not a known LimeCall event type.", nameof(eventType));
        }

        foreach (var sample in All)
        {
            if (sample.Shape == shape && string.Equals(sample.EventType, canonical, StringComparison.Ordinal))
            {
                return sample;
            }
        }

        throw new ArgumentException($"There is no {shape} sample for '{canonical}'.", nameof(shape));
    }
}
