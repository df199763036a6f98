using LimeCall.Sdk.Testing.Sender;

namespace LimeCall.Cli.Commands;

/// <summary>What <c>trigger</c> was asked to do, validated.</summary>
internal sealed class TriggerRequest
{
    public required Uri Url { get; init; }

    public required string Secret { get; init; }

    public string? BearerToken { get; init; }

    public required PayloadBuilder Payloads { get; init; }

    public required string EventType { get; init; }

    public required string Shape { get; init; }

    public required WebhookRetrySchedule Schedule { get; init; }

    public required int Count { get; init; }

    public WebhookDeliveryFaults Faults { get; init; }

    public required TimeSpan AttemptTimeout { get; init; }

    /// <summary>Never the secret or the token: only whether they are set.</summary>
    public override string ToString() => $"{EventType} x{Count} to {Url} ({Shape}, {Schedule.Name})";
}
