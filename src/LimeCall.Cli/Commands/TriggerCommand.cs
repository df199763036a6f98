using System.CommandLine;
using LimeCall.Sdk.Testing.Sender;

namespace LimeCall.Cli.Commands;

/// <summary>
/// <c>limecall trigger</c>: sends signed sample events to a receiver through the reference sender, with a LimeCall
/// product's retry schedule, and prints each attempt. Exit code 1 when an event was never accepted.
/// </summary>
internal static class TriggerCommand
{
    private static readonly Dictionary<string, WebhookDeliveryFaults> FaultNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["duplicate"] = WebhookDeliveryFaults.Duplicate,
        ["wrong-signature"] = WebhookDeliveryFaults.WrongSignature,
        ["missing-signature"] = WebhookDeliveryFaults.MissingSignature,
        ["slow-body"] = WebhookDeliveryFaults.SlowBodyPastTimeout,
        ["drop-connection"] = WebhookDeliveryFaults.DropConnection,
    };

    public static Command Create(CliContext context)
    {
        var options = new TriggerOptions();
        var command = new Command("trigger", "Send signed sample events to your receiver, retried on LimeCall's schedule, and print every attempt.");
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var request = options.Read(parse, context);
            var terminal = new Terminal(context, parse.GetValue(CommonOptions.Json));
            var run = new TriggerRun(request, terminal, context.Time);
            return await run.ExecuteAsync(cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    public static WebhookDeliveryFaults ParseFaults(IEnumerable<string> values)
    {
        var faults = WebhookDeliveryFaults.None;
        foreach (var name in values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            faults |= FaultNames.TryGetValue(name, out var fault)
                ? fault
                : throw new CliException($"--faults '{name}': use {string.Join(", ", FaultNames.Keys)}.");
        }

        return faults;
    }
}
