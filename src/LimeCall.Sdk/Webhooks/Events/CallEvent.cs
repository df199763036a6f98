using System.Text.Json.Serialization;
using LimeCall.Sdk.Webhooks.Serialization;

namespace LimeCall.Sdk.Webhooks.Events;

/// <summary>An event about one call: what every call and callback event carries.</summary>
/// <remarks>Fields from the LimeCall webhooks page, the LimePhone outbound-webhook samples and the callback API page; fields a document does not list stay in <see cref="LimeCallEventData.AdditionalProperties"/>.</remarks>
public abstract record CallEvent : LimeCallEventData
{
    /// <summary>Only the SDK defines event records.</summary>
    private protected CallEvent()
    {
    }

    /// <summary>Gets the call's id (<c>call_id</c>).</summary>
    public string? CallId { get; init; }

    /// <summary>Gets the id of the API callback request this call belongs to (<c>callback_id</c>), for callback lifecycle events.</summary>
    public string? CallbackId { get; init; }

    /// <summary>Gets the calling party's number (<c>caller_number</c>).</summary>
    public string? CallerNumber { get; init; }

    /// <summary>Gets the called party's number (<c>callee_number</c>).</summary>
    public string? CalleeNumber { get; init; }

    /// <summary>Gets the customer's number of a callback (<c>customer_number</c>).</summary>
    public string? CustomerNumber { get; init; }

    /// <summary>Gets the team's number of a callback (<c>team_number</c>).</summary>
    public string? TeamNumber { get; init; }

    /// <summary>Gets the team the event belongs to (<c>team_id</c>).</summary>
    public string? TeamId { get; init; }

    /// <summary>Gets the call's direction, for example <c>inbound</c> or <c>outbound</c> (<c>direction</c>).</summary>
    public string? Direction { get; init; }

    /// <summary>Gets the call's status, for example <c>ringing</c>, <c>answered</c>, <c>missed</c> or <c>failed</c> (<c>status</c>).</summary>
    public string? Status { get; init; }

    /// <summary>Gets the rep assigned to the call (<c>agent</c>).</summary>
    [JsonConverter(typeof(TolerantObjectConverter<LimeCallAgent>))]
    public LimeCallAgent? Agent { get; init; }

    /// <summary>Gets the lead the call is with (<c>lead</c>).</summary>
    [JsonConverter(typeof(TolerantObjectConverter<LimeCallLead>))]
    public LimeCallLead? Lead { get; init; }

    /// <summary>Gets where the lead came from (<c>lead_source</c>).</summary>
    public string? LeadSource { get; init; }
}
