using System.Text.Json;
using LimeCall.Sdk.Client;

namespace LimeCall.Sdk.Testing.Emulator;

/// <summary>What the emulated lead-capture inbound webhook accepts, as its document describes: the required fields, and a
/// callable phone number when an automatic callback is asked for.</summary>
internal static class LeadCaptureRules
{
    private static readonly string[] RequiredFields =
        ["hookName", "name_field", "country_code_field", "phone_field", "date_submitted_field", "time_submitted_field", "status"];

    /// <summary>Reads a JSON body's members as the form fields they stand for.</summary>
    public static ApiAnswer? ReadJsonFields(byte[] body, Dictionary<string, string> fields)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return ApiAnswer.NotJson("The request body must be a JSON object");
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                fields[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            }

            return null;
        }
        catch (JsonException)
        {
            return ApiAnswer.NotJson();
        }
    }

    /// <summary>Checks the fields; on success gives the phone number in E.164 and whether an automatic callback was asked for.</summary>
    public static ApiAnswer? Validate(Dictionary<string, string> fields, out string phone, out bool autoCallback)
    {
        phone = string.Empty;
        autoCallback = false;
        var missing = RequiredFields.FirstOrDefault(f => !fields.TryGetValue(f, out var v) || string.IsNullOrWhiteSpace(v));
        if (missing is not null)
        {
            return ApiAnswer.Invalid($"{missing} is required");
        }

        autoCallback = fields.TryGetValue("is_auto", out var isAuto) && isAuto.Trim() is "1" or "true";
        var given = fields["country_code_field"] + fields["phone_field"];
        phone = "+" + new string([.. given.Where(char.IsAsciiDigit)]);
        var callable = PhoneNumbers.IsE164(phone) && given.All(ch => char.IsAsciiDigit(ch) || ch is '+' or ' ' or '-' or '(' or ')');
        return autoCallback && !callable
            ? ApiAnswer.Error(422, "Failed to initiate auto callback", "Invalid phone number format")
            : null;
    }
}
