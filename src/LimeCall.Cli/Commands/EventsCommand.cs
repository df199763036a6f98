using System.CommandLine;
using LimeCall.Sdk.Testing.Payloads;
using LimeCall.Sdk.Webhooks.Events;
using Spectre.Console;

namespace LimeCall.Cli.Commands;

/// <summary><c>limecall events</c>: every event type with its aliases; <c>limecall events show</c>: its sample payload.</summary>
internal static class EventsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("events", "List every LimeCall event type and the aliases it arrives under.");
        command.SetAction(parse =>
        {
            var terminal = new Terminal(context, parse.GetValue(CommonOptions.Json));
            if (terminal.Json)
            {
                terminal.WriteJson(w =>
                {
                    w.WriteStartArray();
                    foreach (var type in LimeCallEventTypes.All)
                    {
                        w.WriteStartObject();
                        w.WriteString("type", type);
                        w.WriteStartArray("aliases");
                        foreach (var alias in AliasesOf(type))
                        {
                            w.WriteStringValue(alias);
                        }

                        w.WriteEndArray();
                        w.WriteStartArray("shapes");
                        foreach (var sample in LimeCallSamplePayloads.All.Where(s => string.Equals(s.EventType, type, StringComparison.Ordinal)))
                        {
                            w.WriteStringValue(ShapeName(sample.Shape));
                        }

                        w.WriteEndArray();
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                });
                return ExitCodes.Success;
            }

            var table = new Table().Border(TableBorder.Simple).AddColumn("event type").AddColumn("also arrives as").AddColumn("sample shapes");
            foreach (var type in LimeCallEventTypes.All)
            {
                var shapes = LimeCallSamplePayloads.All.Where(s => string.Equals(s.EventType, type, StringComparison.Ordinal)).Select(s => ShapeName(s.Shape));
                table.AddRow(Markup.Escape(type), Markup.Escape(string.Join(", ", AliasesOf(type))), string.Join(", ", shapes));
            }

            terminal.Console.Write(table);
            terminal.Line($"[grey]{LimeCallEventTypes.All.Count} types. Show one's sample: limecall events show <type>. Send it: limecall trigger <type> --url <receiver>.[/]");
            return ExitCodes.Success;
        });
        command.Subcommands.Add(CreateShow(context));
        return command;
    }

    public static string ShapeName(LimeCallPayloadShape shape) => shape == LimeCallPayloadShape.Flat ? "flat" : "enveloped";

    /// <summary>The sample of a type (any alias), or a usage error that says where the list is.</summary>
    public static LimeCallSamplePayload Sample(string eventType, LimeCallPayloadShape shape)
    {
        if (!LimeCallEventTypes.TryGetCanonical(eventType, out var canonical))
        {
            throw new CliException($"'{eventType}' is not a LimeCall event type: limecall events lists them.");
        }

        return LimeCallSamplePayloads.All.FirstOrDefault(s => s.Shape == shape && string.Equals(s.EventType, canonical, StringComparison.Ordinal))
            ?? throw new CliException($"'{canonical}' has no {ShapeName(shape)} sample (only the LimePhone document shows flat payloads): use --shape enveloped.");
    }

    private static Command CreateShow(CliContext context)
    {
        var type = new Argument<string>("event-type") { Description = "The event type, or any of its aliases." };
        var shape = ShapeOption();
        var show = new Command("show", "Print the sample payload of an event type, as trigger sends it.") { type, shape };
        show.SetAction(parse =>
        {
            var sample = Sample(parse.GetValue(type)!, ParseShape(parse.GetValue(shape)));
            // The payload is JSON already: printed as is, for a person and for a script alike.
            context.Out.WriteLine(sample.Json);
            return ExitCodes.Success;
        });
        return show;
    }

    public static Option<string> ShapeOption()
    {
        var option = new Option<string>("--shape")
        {
            Description = "enveloped ({\"id\", \"event\", \"timestamp\", \"data\"}) or flat (the LimePhone outbound-webhook form).",
            DefaultValueFactory = _ => "enveloped",
        };
        option.AcceptOnlyFromAmong("enveloped", "flat");
        return option;
    }

    public static LimeCallPayloadShape ParseShape(string? value)
        => string.Equals(value, "flat", StringComparison.Ordinal) ? LimeCallPayloadShape.Flat : LimeCallPayloadShape.Enveloped;

    private static IEnumerable<string> AliasesOf(string type)
        => LimeCallEventTypes.Aliases.TryGetValue(type, out var aliases) ? aliases : [];
}
