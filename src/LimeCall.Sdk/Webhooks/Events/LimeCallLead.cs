using System.Text.Json.Serialization;
using System.Text.Json;
using LimeCall.Sdk.Webhooks.Serialization;

namespace LimeCall.Sdk.Webhooks.Events;

/// <summary>A lead as call events describe one. Unknown properties are kept in <see cref="AdditionalProperties"/>.</summary>
public sealed record LimeCallLead
{
    /// <summary>Gets the lead's id (<c>id</c>).</summary>
    public string? Id { get; init; }

    /// <summary>Gets the lead's name (<c>name</c>).</summary>
    public string? Name { get; init; }

    /// <summary>Gets the lead's email address (<c>email</c>).</summary>
    public string? Email { get; init; }

    /// <summary>Gets the lead's phone number (<c>phone</c>).</summary>
    public string? Phone { get; init; }

    /// <summary>Gets the lead's company (<c>company_name</c>).</summary>
    public string? CompanyName { get; init; }

    /// <summary>Gets where the lead came from (<c>source</c>).</summary>
    public string? Source { get; init; }

    /// <summary>Gets properties this version of the SDK does not map; kept, compared as JSON and written back.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <inheritdoc />
    public bool Equals(LimeCallLead? other)
    {
        return other is not null &&
            string.Equals(Id, other.Id, StringComparison.Ordinal) &&
            string.Equals(Name, other.Name, StringComparison.Ordinal) &&
            string.Equals(Email, other.Email, StringComparison.Ordinal) &&
            string.Equals(Phone, other.Phone, StringComparison.Ordinal) &&
            string.Equals(CompanyName, other.CompanyName, StringComparison.Ordinal) &&
            string.Equals(Source, other.Source, StringComparison.Ordinal) &&
            JsonProperties.AreEqual(AdditionalProperties, other.AdditionalProperties);
    }

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Name, Email, Phone);
}
