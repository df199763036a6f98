using LimeCall.Sdk.Testing.Sender;
using LimeCall.Sdk.TestKit;

namespace LimeCall.Sdk.Testing.Tests;

/// <summary>Steps a manual clock through a message's retry schedule, as fast as the receiver answers.</summary>
internal static class ScheduleStepper
{
    /// <summary>
    /// Walks the message's attempts from the first (even those logged before the call): each attempt logged while
    /// the message is still in flight has its retry timer armed, and no attempt is in flight, so the clock can jump
    /// to that timer. Returns when the message is delivered or has failed.
    /// </summary>
    public static async Task RunScheduleAsync(this SteppingTimeProvider time, WebhookMessage message)
    {
        var seen = 0;
        while (true)
        {
            var next = message.WhenAttemptsAsync(seen + 1);
            var finished = message.WhenFinishedAsync();
            if (await Task.WhenAny(next, finished) == finished && message.Attempts.Count == seen)
            {
                return;
            }

            seen = message.Attempts.Count;
            if (message.State != WebhookMessageState.InFlight)
            {
                return;
            }

            time.AdvanceToNextTimer();
        }
    }
}
