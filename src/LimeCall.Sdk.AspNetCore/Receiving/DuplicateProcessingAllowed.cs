namespace LimeCall.Sdk.AspNetCore.Receiving;

/// <summary>Registered by <see cref="LimeCallWebhooksBuilder.AllowDuplicateProcessing"/>: the receiver runs without idempotency.</summary>
internal sealed class DuplicateProcessingAllowed;
