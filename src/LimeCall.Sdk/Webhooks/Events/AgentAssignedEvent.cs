using System.Text.Json.Serialization;
using LimeCall.Sdk.Webhooks.Serialization;

namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>agent.assigned</c>: a lead or call was assigned to a rep.</summary>
[LimeCallEventType("agent.assigned")]
public sealed record AgentAssignedEvent : LimeCallEventData
{
    /// <summary>Gets the rep assigned to the call (<c>agent</c>).</summary>
    [JsonConverter(typeof(TolerantObjectConverter<LimeCallAgent>))]
    public LimeCallAgent? Agent { get; init; }

    /// <summary>Gets the call's id (<c>call_id</c>).</summary>
    public string? CallId { get; init; }

    /// <summary>Gets the lead's id (<c>lead_id</c>).</summary>
    public string? LeadId { get; init; }

    /// <summary>Gets the team the event belongs to (<c>team_id</c>).</summary>
    public string? TeamId { get; init; }
}
