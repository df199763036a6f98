using System.Text.Json.Serialization;

namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>lead.captured</c>: a lead submitted the widget form.</summary>
[LimeCallEventType("lead.captured")]
public sealed record LeadCapturedEvent : LimeCallEventData
{
    /// <summary>Gets the lead's id (<c>lead_id</c>).</summary>
    public string? LeadId { get; init; }

    /// <summary>Gets the name (<c>name</c>).</summary>
    public string? Name { get; init; }

    /// <summary>Gets the email address (<c>email</c>).</summary>
    public string? Email { get; init; }

    /// <summary>Gets the phone number (<c>phone</c>).</summary>
    public string? Phone { get; init; }

    /// <summary>Gets the phone number's country code, for example <c>+1</c> (<c>country_code</c>).</summary>
    public string? CountryCode { get; init; }

    /// <summary>Gets the company name (<c>company_name</c>).</summary>
    public string? CompanyName { get; init; }

    /// <summary>Gets the industry (<c>industry</c>).</summary>
    public string? Industry { get; init; }

    /// <summary>Gets the message or note the lead left (<c>message</c>).</summary>
    public string? Message { get; init; }

    /// <summary>Gets the URL of the page the lead was captured on (<c>page_url</c>).</summary>
    public string? PageUrl { get; init; }

    /// <summary>Gets the name of the page the lead was captured on (<c>page_name</c>).</summary>
    public string? PageName { get; init; }

    /// <summary>Gets where the lead came from (<c>lead_source</c>).</summary>
    public string? LeadSource { get; init; }

    /// <summary>Gets the team the event belongs to (<c>team_id</c>).</summary>
    public string? TeamId { get; init; }

    /// <summary>Gets whether an automatic callback was requested (<c>is_auto</c>; <c>true</c>/<c>false</c>, <c>1</c>/<c>0</c> or their text).</summary>
    [JsonPropertyName("is_auto")]
    public bool? IsAutoCallback { get; init; }
}
