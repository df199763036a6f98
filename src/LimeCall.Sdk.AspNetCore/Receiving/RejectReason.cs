namespace LimeCall.Sdk.AspNetCore.Receiving;

/// <summary>The fixed set of reasons a request is refused: the <c>error.type</c> tag of the rejected-requests metric and the log's reason.</summary>
internal static class RejectReason
{
    public const string MethodNotAllowed = "method_not_allowed";
    public const string SourceNotAllowed = "source_not_allowed";
    public const string PathSecretMismatch = "path_secret_mismatch";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string BodyTooLarge = "body_too_large";
    public const string BodyUnreadable = "body_unreadable";
    public const string ClientDisconnected = "client_disconnected";
    public const string SignatureMissing = "signature_missing";
    public const string SignatureMalformed = "signature_malformed";
    public const string SignatureMismatch = "signature_mismatch";
    public const string SignatureNotConfigured = "signature_not_configured";
    public const string BearerTokenMissing = "bearer_token_missing";
    public const string BearerTokenMalformed = "bearer_token_malformed";
    public const string BearerTokenMismatch = "bearer_token_mismatch";
    public const string MalformedPayload = "malformed_payload";
    public const string StoreFull = "idempotency_store_full";
    public const string StoreUnavailable = "idempotency_store_unavailable";
    public const string InProgressElsewhere = "in_progress_elsewhere";
}
