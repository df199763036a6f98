using System.CommandLine;
using LimeCall.Sdk.Webhooks;

namespace LimeCall.Cli.Commands;

/// <summary>
/// <c>limecall verify</c>: debugging a 401. Says which check failed (no signature, not a signature, does not match) and,
/// for a mismatch, whether the signature matches a body changed the way bodies usually get changed on their way (a
/// newline added or removed, the secret copied with whitespace). Never prints the secret or the signature.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(CliContext context)
    {
        var secret = CommonOptions.Secret("The webhook signing secret; repeat it to try several, as while rotating.");
        var signature = new Option<string>("--signature")
        {
            Description = "The X-LimeCall-Signature value that came with the body.",
            Required = true,
        };
        var input = CommonOptions.Input("The exact bytes that were received.");
        var command = new Command("verify", "Check an X-LimeCall-Signature against a body, and say why it does not match.") { secret, signature, input };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var secrets = CommonOptions.ResolveSecrets(parse, secret, context);
            var body = await CommonOptions.ReadInputAsync(parse.GetValue(input)!, context, cancellationToken).ConfigureAwait(false);
            var header = parse.GetValue(signature) ?? string.Empty;
            using var verifier = new LimeCallSignatureVerifier(secrets);
            var result = verifier.Verify(body, header);
            var (verdict, hint) = Explain(result, body, header, secrets);
            var terminal = new Terminal(context, parse.GetValue(CommonOptions.Json));
            if (terminal.Json)
            {
                terminal.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteBoolean("valid", result.IsValid);
                    w.WriteString("outcome", result.Outcome.ToString());
                    if (result.IsValid)
                    {
                        w.WriteNumber("matchedSecret", result.MatchedKeyIndex + 1);
                    }

                    w.WriteNumber("bytes", body.Length);
                    w.WriteString("reason", verdict);
                    w.WriteString("hint", hint);
                    w.WriteEndObject();
                });
            }
            else if (result.IsValid)
            {
                terminal.Line($"[green]valid[/]: {verdict}");
            }

            if (!result.IsValid && !terminal.Json)
            {
                terminal.Error(hint is null ? verdict : $"{verdict} {hint}");
            }

            return result.IsValid ? ExitCodes.Success : ExitCodes.Failed;
        });
        return command;
    }

    private static (string Verdict, string? Hint) Explain(WebhookVerificationResult result, byte[] body, string header, IReadOnlyList<string> secrets)
        => result.Outcome switch
        {
            WebhookVerificationOutcome.Valid => ($"the signature matches the {body.Length}-byte body with secret {result.MatchedKeyIndex + 1} of {secrets.Count}.", null),
            WebhookVerificationOutcome.Missing => ("no signature: --signature is empty (the request had no X-LimeCall-Signature header?).", null),
            WebhookVerificationOutcome.Malformed => ($"not a signature: expected {LimeCallSigner.SignatureLength} hexadecimal characters, got {header.Trim().Length} characters.", null),
            _ => ($"mismatch: the signature does not match the {body.Length}-byte body with {(secrets.Count == 1 ? "this secret" : $"any of the {secrets.Count} secrets")}.", Diagnose(body, header, secrets)),
        };

    /// <summary>Tries the usual ways a body or a secret gets changed on its way, and names the one that matches.</summary>
    private static string? Diagnose(byte[] body, string header, IReadOnlyList<string> secrets)
    {
        var candidates = new List<(string Hint, byte[] Body, string Secret)>();
        foreach (var secret in secrets)
        {
            if (body.Length > 0 && body[^1] == '\n')
            {
                var withoutNewline = body.Length > 1 && body[^2] == '\r' ? body[..^2] : body[..^1];
                candidates.Add(("It matches the body without its trailing newline: sign and send the exact bytes (curl --data-binary, not --data).", withoutNewline, secret));
            }
            else
            {
                candidates.Add(("It matches the body with a trailing newline added: the sender's body ended with one that this file lacks.", [.. body, (byte)'\n'], secret));
            }

            if (!string.Equals(secret, secret.Trim(), StringComparison.Ordinal))
            {
                candidates.Add(("It matches with the secret's leading or trailing whitespace removed: the secret was copied with it.", body, secret.Trim()));
            }
        }

        foreach (var (hint, candidateBody, candidateSecret) in candidates)
        {
            using var verifier = new LimeCallSignatureVerifier(candidateSecret);
            if (verifier.Verify(candidateBody, header).IsValid)
            {
                return hint;
            }
        }

        return "Check that the secret is this endpoint's (the dashboard shows one per webhook) and that nothing re-serialised the JSON before it was verified.";
    }
}
