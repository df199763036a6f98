using System.Globalization;
using System.Text.Json;
using LimeCall.Sdk.Testing.Sender;
using Spectre.Console;

namespace LimeCall.Cli.Commands;

/// <summary>One <c>trigger</c>: sends the events, follows them to the end of their schedule, and reports.</summary>
internal sealed class TriggerRun(TriggerRequest request, Terminal terminal, TimeProvider time)
{
    public async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        var sender = new LimeCallWebhookSender(
            new() { Secret = request.Secret, BearerToken = request.BearerToken, Schedule = request.Schedule, AttemptTimeout = request.AttemptTimeout },
            time);
        await using (sender.ConfigureAwait(false))
        {
            var now = time.GetUtcNow();
            terminal.Line($"Sending [bold]{Markup.Escape(request.EventType)}[/] ({request.Shape}{(request.Count > 1 ? $", {request.Count} events" : string.Empty)}) " +
                $"to [bold]{Markup.Escape(request.Url.ToString())}[/], signed{(request.BearerToken is null ? string.Empty : ", with a bearer token")}; " +
                $"retries: {Markup.Escape(request.Schedule.Name)}{(request.Faults == WebhookDeliveryFaults.None ? string.Empty : $"; faults: {request.Faults}")}");
            var messages = new List<WebhookMessage>(request.Count);
            for (var i = 0; i < request.Count; i++)
            {
                messages.Add(sender.Send(request.Url, request.Payloads.Build(i, now), new() { Faults = request.Faults }));
            }

            if (request.Count == 1 && !terminal.Json)
            {
                await FollowAsync(messages[0], cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await WaitForAllAsync(messages, cancellationToken).ConfigureAwait(false);
            }

            return Report(messages);
        }
    }

    /// <summary>Prints each attempt of one event as it happens.</summary>
    private async Task FollowAsync(WebhookMessage message, CancellationToken cancellationToken)
    {
        var printed = 0;
        while (true)
        {
            var finished = message.WhenFinishedAsync();
            await Task.WhenAny(finished, message.WhenAttemptsAsync(printed + 1)).WaitAsync(cancellationToken).ConfigureAwait(false);
            var attempts = message.Attempts;
            for (; printed < attempts.Count; printed++)
            {
                terminal.Line(Describe(attempts[printed]));
            }

            if (finished.IsCompleted && printed >= message.Attempts.Count)
            {
                return;
            }
        }
    }

    private async Task WaitForAllAsync(List<WebhookMessage> messages, CancellationToken cancellationToken)
    {
        if (!terminal.CanShowProgress)
        {
            await Task.WhenAll(messages.Select(m => m.WhenFinishedAsync())).WaitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        await terminal.Console.Progress().AutoClear(true).StartAsync(async progress =>
        {
            var task = progress.AddTask("delivering", maxValue: messages.Count);
            foreach (var message in messages)
            {
                await message.WhenFinishedAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
                task.Increment(1);
            }
        }).ConfigureAwait(false);
    }

    private string Describe(WebhookDeliveryAttempt attempt)
    {
        var status = attempt.StatusCode is { } code
            ? $"[{(attempt.Succeeded ? "green" : "red")}]{code,3}[/]"
            : "[red]---[/]";
        var duration = $"{attempt.Duration.TotalMilliseconds,7:F1} ms".ToString(CultureInfo.InvariantCulture);
        string next;
        if (attempt.Succeeded)
        {
            next = "[green]accepted[/]";
        }
        else if (NextDelay(attempt) is { } delay)
        {
            next = $"retry in {Format(delay)}";
        }
        else
        {
            next = "[red]no more retries[/]";
        }

        var error = attempt.Error is null ? string.Empty : $"  [grey]{Markup.Escape(attempt.Error)}[/]";
        var faults = attempt.Faults == WebhookDeliveryFaults.None ? string.Empty : $"  [yellow]{attempt.Faults}[/]";
        return $"  attempt {attempt.Number,2}  {status}  {duration}  {next}{faults}{error}";
    }

    /// <summary>The wait before the next attempt, by the rule the sender follows; <see langword="null"/> after the last.</summary>
    private TimeSpan? NextDelay(WebhookDeliveryAttempt attempt)
    {
        var index = attempt.Number - 1;
        return index < request.Schedule.Delays.Count && request.Schedule.ShouldRetry(attempt.StatusCode) ? request.Schedule.Delays[index] : null;
    }

    private int Report(List<WebhookMessage> messages)
    {
        var failed = messages.Where(m => m.State != WebhookMessageState.Delivered).ToList();
        if (terminal.Json)
        {
            terminal.WriteJson(w => WriteJson(w, messages, failed.Count));
        }
        else if (messages.Count > 1)
        {
            WriteSummary(messages, failed.Count);
        }

        if (failed.Count == 0)
        {
            return ExitCodes.Success;
        }

        var last = failed[0].Attempts is { Count: > 0 } tried ? tried[^1] : null;
        var why = last switch
        {
            null => "no attempt was made",
            { StatusCode: 401 or 403 } => $"last answer {last.StatusCode}: the receiver refused the signature or token; is --secret the receiver's?",
            { StatusCode: { } code } => $"last answer {code}",
            _ => last.Error ?? "no answer",
        };
        terminal.Error(string.Create(CultureInfo.InvariantCulture,
            $"{request.Url} never accepted {(messages.Count == 1 ? $"event {failed[0].EventId ?? failed[0].Id}" : $"{failed.Count} of {messages.Count} events")} " +
            $"({why}, after {failed[0].Attempts.Count} attempt{(failed[0].Attempts.Count == 1 ? string.Empty : "s")})."));
        return ExitCodes.Failed;
    }

    private void WriteSummary(List<WebhookMessage> messages, int failed)
    {
        var answers = messages.SelectMany(m => m.Attempts).Where(a => a.Succeeded).Select(a => a.Duration.TotalMilliseconds).Order().ToArray();
        var table = new Table().Border(TableBorder.Simple).AddColumn("events").AddColumn(new TableColumn("count").RightAligned());
        table.AddRow("[green]accepted[/]", (messages.Count - failed).ToString(CultureInfo.InvariantCulture));
        table.AddRow(failed == 0 ? "never accepted" : "[red]never accepted[/]", failed.ToString(CultureInfo.InvariantCulture));
        table.AddRow("retried", messages.Count(m => m.Attempts.Any(a => a.Number > 1)).ToString(CultureInfo.InvariantCulture));
        table.AddRow("attempts", messages.Sum(m => m.Attempts.Count).ToString(CultureInfo.InvariantCulture));
        if (answers.Length > 0)
        {
            table.AddRow("answer p50", string.Create(CultureInfo.InvariantCulture, $"{answers[answers.Length / 2]:F1} ms"));
            table.AddRow("answer p99", string.Create(CultureInfo.InvariantCulture, $"{answers[(int)(answers.Length * 0.99)]:F1} ms"));
        }

        terminal.Console.Write(table);
    }

    private void WriteJson(Utf8JsonWriter w, List<WebhookMessage> messages, int failed)
    {
        w.WriteStartObject();
        w.WriteString("url", request.Url.ToString());
        w.WriteString("eventType", request.EventType);
        w.WriteString("shape", request.Shape);
        w.WriteString("schedule", request.Schedule.Name);
        w.WriteNumber("accepted", messages.Count - failed);
        w.WriteNumber("failed", failed);
        w.WriteStartArray("events");
        foreach (var message in messages)
        {
            w.WriteStartObject();
            w.WriteString("id", message.EventId);
            w.WriteString("state", message.State == WebhookMessageState.Delivered ? "accepted" : "failed");
            w.WriteStartArray("attempts");
            foreach (var attempt in message.Attempts)
            {
                w.WriteStartObject();
                w.WriteNumber("number", attempt.Number);
                if (attempt.StatusCode is { } code)
                {
                    w.WriteNumber("status", code);
                }
                else
                {
                    w.WriteNull("status");
                }

                w.WriteNumber("durationMs", Math.Round(attempt.Duration.TotalMilliseconds, 3));
                w.WriteBoolean("accepted", attempt.Succeeded);
                w.WriteString("error", attempt.Error);
                w.WriteString("faults", attempt.Faults.ToString());
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static string Format(TimeSpan delay) => delay switch
    {
        { TotalSeconds: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{delay.TotalMilliseconds:F0} ms"),
        { TotalMinutes: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{delay.TotalSeconds:0.#} s"),
        { TotalHours: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{delay.TotalMinutes:0.#} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{delay.TotalHours:0.#} h"),
    };
}
