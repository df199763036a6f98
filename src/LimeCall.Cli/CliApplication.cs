using System.CommandLine;
using LimeCall.Cli.Commands;

namespace LimeCall.Cli;

/// <summary>
/// The <c>limecall</c> command line: parses, runs one command, and turns every failure into one line on standard error
/// and an exit code (<see cref="ExitCodes"/>): never a stack trace, never a secret.
/// </summary>
internal static class CliApplication
{
    public static RootCommand CreateRoot(CliContext context)
    {
        var root = new RootCommand("limecall: test a LimeCall integration from the terminal. Send signed sample webhooks to your receiver, sign and verify payloads, and run the LimeCall API emulator.");
        root.Options.Add(CommonOptions.Json);
        root.Subcommands.Add(TriggerCommand.Create(context));
        root.Subcommands.Add(SignCommand.Create(context));
        root.Subcommands.Add(VerifyCommand.Create(context));
        root.Subcommands.Add(EmulateCommand.Create(context));
        root.Subcommands.Add(EventsCommand.Create(context));
        return root;
    }

    private static string CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new List<string>();
        for (var current = result; current is not null; current = current.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, current.Command is RootCommand ? "limecall" : current.Command.Name);
        }

        return string.Join(' ', names);
    }

    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var parse = CreateRoot(context).Parse(args);
        var terminal = new Terminal(context, json: false);
        if (parse.Errors.Count > 0)
        {
            terminal.Error($"{parse.Errors[0].Message} ({CommandPath(parse.CommandResult)} --help lists the options)");
            return ExitCodes.Usage;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false }, cancellationToken).ConfigureAwait(false);
        }
        catch (CliException ex)
        {
            terminal.Error(ex.Message);
            return ex.ExitCode;
        }
        catch (OperationCanceledException)
        {
            terminal.Error("interrupted.");
            return 130;
        }
#pragma warning disable CA1031 // The last line of defence: one line and an exit code, never a stack trace.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            terminal.Error($"unexpected {ex.GetType().Name}: {ex.Message}");
            return ExitCodes.Unexpected;
        }
    }
}
