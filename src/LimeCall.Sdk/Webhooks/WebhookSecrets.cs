using System.Text;

namespace LimeCall.Sdk.Webhooks;

/// <summary>Turns configured secrets into key material, with one rule for what counts as a secret.</summary>
internal static class WebhookSecrets
{
    public static byte[] ToKeyBytes(string secret, string paramName)
    {
        ArgumentNullException.ThrowIfNull(secret, paramName);
        if (secret.Length == 0)
        {
            // Deliberately no value in the message: it would be the secret.
            throw new ArgumentException("A webhook secret must not be empty.", paramName);
        }

        return Encoding.UTF8.GetBytes(secret);
    }

    public static List<string> ToList(IEnumerable<string> secrets, string paramName)
    {
        ArgumentNullException.ThrowIfNull(secrets, paramName);
        var list = new List<string>(secrets);
        foreach (var secret in list)
        {
            if (string.IsNullOrEmpty(secret))
            {
                throw new ArgumentException("Webhook secrets and tokens must not be null or empty.", paramName);
            }
        }

        return list;
    }
}
