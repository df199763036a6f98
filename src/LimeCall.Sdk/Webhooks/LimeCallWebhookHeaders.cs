namespace LimeCall.Sdk.Webhooks;

/// <summary>Names of the HTTP headers LimeCall sends with a webhook delivery.</summary>
public static class LimeCallWebhookHeaders
{
    /// <summary>The header carrying the lowercase hex HMAC-SHA256 of the raw request body.</summary>
    public const string Signature = "X-LimeCall-Signature";

    /// <summary>The header carrying <c>Bearer {token}</c> when the endpoint has a token configured.</summary>
    public const string Authorization = "Authorization";
}
