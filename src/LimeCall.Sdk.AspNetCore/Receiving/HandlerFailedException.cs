namespace LimeCall.Sdk.AspNetCore.Receiving;

/// <summary>Carries a handler's exception through the idempotent processor (which releases the claim) to the 500 answer.</summary>
internal sealed class HandlerFailedException(string handler, Exception innerException)
    : Exception("A LimeCall webhook handler failed.", innerException)
{
    public string Handler { get; } = handler;
}
