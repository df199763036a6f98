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

        Span<char> e164 = stackalloc char[16];
        e164[0] = '+';
        var length = 1;
        foreach (var c in text.AsSpan(text.StartsWith('+') ? 1 : 0))
        {
            if (char.IsAsciiDigit(c))
            {
                if (length == e164.Length)
                {
                    throw Invalid(parameterName); // more than 15 digits
                }

                e164[length++] = c;
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')'))
            {
                throw Invalid(parameterName);
            }
        }

        if (!text.StartsWith('+') || !IsE164(e164[..length]))
        {
            throw Invalid(parameterName);
        }

        return e164[..length].SequenceEqual(text) ? text : new string(e164[..length]);
    }

    /// <summary>
    /// The rule the client sends by and the emulator receives by: <c>+</c>, then 7 to 15 digits, the first not 0.
    /// </summary>
    public static bool IsE164(ReadOnlySpan<char> number)
        => number.Length is >= 8 and <= 16 && number[0] == '+' && number[1] != '0' && number[1..].IndexOfAnyExceptInRange('0', '9') < 0;

    private static LimeCallValidationException Invalid(string parameterName)
        => new($"{parameterName} must be a phone number in international form, for example +14155550123.") { ParameterName = parameterName };
}
