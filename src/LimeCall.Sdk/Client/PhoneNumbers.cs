namespace LimeCall.Sdk.Client;

/// <summary>Normalises phone numbers to E.164 before anything is sent.</summary>
internal static class PhoneNumbers
{
    /// <summary>Accepts <c>+1 (415) 555-0123</c>, <c>+1.415.555.0123</c> or <c>0014155550123</c>; returns <c>+14155550123</c>.</summary>
    public static string Normalize(string? number, string parameterName)
    {
        var text = (number ?? string.Empty).Trim();
        if (text.StartsWith("00", StringComparison.Ordinal))
        {
            text = "+" + text[2..];
        }

        var digits = new System.Text.StringBuilder(16);
        foreach (var c in text.AsSpan(text.StartsWith('+') ? 1 : 0))
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')'))
            {
                throw Invalid(parameterName);
            }
        }

        if (!text.StartsWith('+') || digits.Length is < 7 or > 15 || digits[0] == '0')
        {
            throw Invalid(parameterName);
        }

        return "+" + digits;
    }

    private static LimeCallValidationException Invalid(string parameterName)
        => new($"{parameterName} must be a phone number in international form, for example +14155550123.") { ParameterName = parameterName };
}
