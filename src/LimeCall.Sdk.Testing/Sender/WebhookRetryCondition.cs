namespace LimeCall.Sdk.Testing.Sender;

/// <summary>Which failed attempts a schedule retries.</summary>
public enum WebhookRetryCondition
{
    /// <summary>Any non-2xx answer, a transport error or no answer in time (LimeCall and LimePhone).</summary>
    AnyFailure = 0,

    /// <summary>Only transport errors, timeouts and 5xx answers; a 4xx is final (the call-center platform).</summary>
    TransportErrorsAndServerErrors = 1,
}
