namespace LimeCall.Sdk.Inbox;

/// <summary>
/// An inbox that can wake idle workers when an event is appended (PostgreSQL's <c>LISTEN</c>/<c>NOTIFY</c>), so the time
/// from an acknowledgement to the handler's start is milliseconds rather than a polling interval. Workers still poll as a
/// fallback: a missed signal only delays an event, never loses it.
/// </summary>
public interface IWebhookInboxSignal
{
    /// <summary>Completes when an event may have been appended since the last call (at once if one was).</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes on the signal.</returns>
    Task WaitForAppendAsync(CancellationToken cancellationToken);
}
