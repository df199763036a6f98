using System.Globalization;
using System.Text.Json;
using LimeCall.Sdk.Client;

namespace LimeCall.Sdk.Testing.Emulator;

/// <summary>
/// What the emulated <c>POST /v1/callbacks</c> accepts: both numbers in E.164 (the rule the client normalises to, shared
/// with it), and an optional <c>scheduled_at</c> in the future with an explicit offset.
/// </summary>
internal static class CallbackRequestRules
{
    public static ApiAnswer? Validate(JsonElement root, DateTimeOffset now, out string customer, out string team, out DateTimeOffset? requested)
    {
        customer = root.TryGetProperty("customer_number", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : string.Empty;
        team = root.TryGetProperty("team_number", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : string.Empty;
        requested = null;
        if (customer.Length == 0 || team.Length == 0)
        {
            return ApiAnswer.Invalid($"{(customer.Length == 0 ? "customer_number" : "team_number")} is required");
        }

        if (!PhoneNumbers.IsE164(customer) || !PhoneNumbers.IsE164(team))
        {
            return ApiAnswer.Invalid("Invalid phone number format");
        }

        if (!root.TryGetProperty("scheduled_at", out var s) || s.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = s.ValueKind == JsonValueKind.String ? s.GetString()! : string.Empty;
        if (!HasExplicitOffset(text) || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            return ApiAnswer.Invalid("scheduled_at must be an ISO 8601 time with an offset");
        }

        if (at <= now)
        {
            return ApiAnswer.Invalid("scheduled_at must be in the future");
        }

        requested = at;
        return null;
    }

    private static bool HasExplicitOffset(string text)
        => text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
}
