namespace LimeCall.Sdk.Client;

/// <summary>A lead for LimeCall's lead-capture inbound webhook (fields of the inbound-webhooks document).</summary>
public sealed class LeadCaptureRequest
{
    /// <summary>Gets or sets the webhook's name (<c>hookName</c>). Required.</summary>
    public required string HookName { get; set; }

    /// <summary>Gets or sets the lead's name (<c>name_field</c>). Required.</summary>
    public required string Name { get; set; }

    /// <summary>Gets or sets the phone number's country code, for example <c>+1</c> (<c>country_code_field</c>). Required.</summary>
    public required string CountryCode { get; set; }

    /// <summary>Gets or sets the phone number without country code (<c>phone_field</c>). Required.</summary>
    public required string Phone { get; set; }

    /// <summary>Gets or sets when the lead submitted the form (<c>date_submitted_field</c> and <c>time_submitted_field</c>). Required.</summary>
    public required DateTimeOffset SubmittedAt { get; set; }

    /// <summary>Gets or sets the email address (<c>email_field</c>).</summary>
    public string? Email { get; set; }

    /// <summary>Gets or sets the company name (<c>company_name_field</c>).</summary>
    public string? CompanyName { get; set; }

    /// <summary>Gets or sets the lead's IP address (<c>ip_address_field</c>).</summary>
    public string? IpAddress { get; set; }

    /// <summary>Gets or sets the industry (<c>industry_field</c>).</summary>
    public string? Industry { get; set; }

    /// <summary>Gets or sets a message or note (<c>message_field</c>).</summary>
    public string? Message { get; set; }

    /// <summary>Gets or sets the company size, for example <c>Medium</c> (<c>size_field</c>).</summary>
    public string? CompanySize { get; set; }

    /// <summary>Gets or sets the page URL the lead was captured on (<c>page_url_field</c>).</summary>
    public string? PageUrl { get; set; }

    /// <summary>Gets or sets the page name (<c>page_name_field</c>).</summary>
    public string? PageName { get; set; }

    /// <summary>Gets or sets the team to route the lead to (<c>team_id_field</c>).</summary>
    public string? TeamId { get; set; }

    /// <summary>Gets or sets whether LimeCall calls the lead back at once (<c>is_auto</c>: 1 or 0).</summary>
    public bool AutoCallback { get; set; }

    /// <summary>Gets or sets the webhook's status (<c>status</c>; 1 for active). Required by the API.</summary>
    /// <value>Default 1.</value>
    public int Status { get; set; } = 1;

    /// <summary>Gets custom fields sent beside the documented ones (names as configured in LimeCall).</summary>
    public IDictionary<string, string> CustomFields { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
