using System.CommandLine;
using LimeCall.Sdk.Webhooks;

namespace LimeCall.Cli.Commands;

/// <summary>
/// <c>limecall sign</c>: the <c>X-LimeCall-Signature</c> value for a body, for curl users:
/// <c>curl -H "X-LimeCall-Signature: $(limecall sign body.json)" --data-binary @body.json …</c>.
/// </summary>
internal static class SignCommand
{
    public static Command Create(CliContext context)
    {
        var secret = CommonOptions.Secret("The webhook signing secret.");
        var input = CommonOptions.Input("The exact bytes to sign.");
        var command = new Command("sign", "Print the X-LimeCall-Signature value (hex HMAC-SHA256) of a body.") { secret, input };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var secrets = CommonOptions.ResolveSecrets(parse, secret, context);
            if (secrets.Count > 1)
            {
                throw new CliException("sign takes one --secret.");
            }

            var body = await CommonOptions.ReadInputAsync(parse.GetValue(input)!, context, cancellationToken).ConfigureAwait(false);
            using var signer = new LimeCallSigner(secrets[0]);
            var signature = signer.Sign(body);
            var terminal = new Terminal(context, parse.GetValue(CommonOptions.Json));
            if (terminal.Json)
            {
                terminal.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("header", LimeCallWebhookHeaders.Signature);
                    w.WriteString("signature", signature);
                    w.WriteNumber("bytes", body.Length);
                    w.WriteEndObject();
                });
            }
            else
            {
                // Only the value: it is what a script substitutes into a header.
                await context.Out.WriteLineAsync(signature).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
