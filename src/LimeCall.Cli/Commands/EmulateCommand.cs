using System.CommandLine;
using System.Net.Sockets;
using LimeCall.Sdk.Testing.Emulator;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace LimeCall.Cli.Commands;

/// <summary>
/// <c>limecall emulate</c>: the LimeCall API emulator on 127.0.0.1 until Ctrl+C, printing each API request and each
/// lifecycle webhook it delivers to <c>--webhook-url</c>.
/// </summary>
internal static class EmulateCommand
{
    public static Command Create(CliContext context)
    {
        var port = new Option<int>("--port", "-p") { Description = "The port on 127.0.0.1 (0: any free port).", DefaultValueFactory = _ => 5090 };
        var webhookUrl = CommonOptions.Url("--webhook-url", "Deliver the calls' lifecycle webhooks (signed) to this receiver.", required: false);
        var secret = CommonOptions.Secret("The secret webhooks are signed with (needed with --webhook-url).");
        var apiToken = new Option<string>("--api-token") { Description = "The API token clients must send as a bearer token.", DefaultValueFactory = _ => "test_api_token" };
        var fast = new Option<bool>("--fast") { Description = "Calls ring for 1 s and last 3 s; webhook retries compressed to seconds." };
        var command = new Command("emulate", "Run the LimeCall API emulator (POST /v1/callbacks, lead capture) on 127.0.0.1 until Ctrl+C.") { port, webhookUrl, secret, apiToken, fast };
        port.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                r.AddError("--port must be 0 to 65535.");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var terminal = new Terminal(context, parse.GetValue(CommonOptions.Json));
            var endpoint = parse.GetValue(webhookUrl);
            var options = new LimeCallApiEmulatorOptions
            {
                Port = parse.GetValue(port),
                ApiToken = parse.GetValue(apiToken)!,
                WebhookSecret = endpoint is null ? null : CommonOptions.ResolveSecrets(parse, secret, context)[0],
                WebhookSchedule = Schedules.Get("limecall", parse.GetValue(fast)),
            };
            if (parse.GetValue(fast))
            {
                (options.RingTime, options.CallDuration) = (TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
            }

            using var loggers = LoggerFactory.Create(b => b.AddProvider(new TerminalLoggerProvider(terminal)));
            var emulator = await StartAsync(options, context, loggers, cancellationToken).ConfigureAwait(false);
            await using (emulator.ConfigureAwait(false))
            {
                if (endpoint is not null)
                {
                    emulator.RegisterWebhook(endpoint);
                }

                Announce(terminal, emulator, endpoint, context);
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false); // until Ctrl+C
                }
                catch (OperationCanceledException)
                {
                    terminal.Line("[grey]stopped[/]");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<LimeCallApiEmulator> StartAsync(LimeCallApiEmulatorOptions options, CliContext context, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        try
        {
            return await LimeCallApiEmulator.StartAsync(options, context.Time, loggers, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } || ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            throw new CliException($"Port {options.Port} on 127.0.0.1 is in use: choose another with --port (0 for any free port).", ex);
        }
    }

    private static void Announce(Terminal terminal, LimeCallApiEmulator emulator, Uri? endpoint, CliContext context)
    {
        if (terminal.Json)
        {
            terminal.WriteJson(w =>
            {
                w.WriteStartObject();
                w.WriteString("kind", "listening");
                w.WriteString("baseAddress", emulator.BaseAddress.ToString());
                w.WriteString("leadCaptureUrl", emulator.LeadCaptureUrl.ToString());
                w.WriteString("webhookUrl", endpoint?.ToString());
                w.WriteEndObject();
            }, indented: false); // the first line of a stream of one JSON object per line
            return;
        }

        terminal.Line($"LimeCall API emulator on [bold]{Markup.Escape(emulator.BaseAddress.ToString())}[/]");
        terminal.Line($"  callbacks     POST {Markup.Escape(new Uri(emulator.BaseAddress, "v1/callbacks").ToString())}  (Authorization: Bearer, the --api-token)");
        terminal.Line($"  lead capture  POST {Markup.Escape(emulator.LeadCaptureUrl.ToString())}");
        terminal.Line(endpoint is null
            ? "  webhooks      none (give --webhook-url to receive the calls' lifecycle events)"
            : $"  webhooks      {Markup.Escape(endpoint.ToString())}, signed");
        terminal.Line("[grey]Ctrl+C stops it.[/]");
        context.Out.Flush();
    }
}
