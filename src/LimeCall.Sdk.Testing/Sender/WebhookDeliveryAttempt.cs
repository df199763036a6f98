namespace LimeCall.Sdk.Testing.Sender;

/// <summary>One attempt to deliver a message, as the delivery log records it.</summary>
/// <remarks>A plain class with <c>init</c> members, so it can gain members without breaking callers.</remarks>
public sealed class WebhookDeliveryAttempt
{
    /// <summary>Gets 1 for the first attempt, then 2, 3, ... across retries and redeliveries.</summary>
    public required int Number { get; init; }

    /// <summary>Gets what started the attempt.</summary>
    public required WebhookDeliveryTrigger Trigger { get; init; }

    /// <summary>Gets when the attempt was due.</summary>
    public required DateTimeOffset ScheduledAt { get; init; }

    /// <summary>Gets when it was sent.</summary>
    public required DateTimeOffset SentAt { get; init; }

    /// <summary>Gets how long it took, on the sender's clock.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Gets the HTTP status, or <see langword="null"/> when there was no answer.</summary>
    public int? StatusCode { get; init; }

    /// <summary>
    /// Gets why there was no answer: <c>timeout</c>, or the kind of transport error (an <see cref="System.Net.Http.HttpRequestError"/>
    /// name) followed by the socket's message when there is one, for example <c>ConnectionError: Connection refused</c>.
    /// </summary>
    public string? Error { get; init; }

    /// <summary>Gets the start of the answer's body, truncated.</summary>
    public string? ResponseBody { get; init; }

    /// <summary>Gets the faults injected into this attempt.</summary>
    public WebhookDeliveryFaults Faults { get; init; }

    /// <summary>Gets whether the attempt got a 2xx answer.</summary>
    public bool Succeeded => StatusCode is >= 200 and < 300;

    /// <inheritdoc />
    public override string ToString() => $"attempt {Number} ({Trigger}) -> {(StatusCode is { } status ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : Error)}";
}
