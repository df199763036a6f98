using System.CommandLine;

namespace LimeCall.Cli;

/// <summary>The options several commands share, and where a secret comes from when the option is left out.</summary>
internal static class CommonOptions
{
    public const string SecretVariable = "LIMECALL_WEBHOOK_SECRET";
    public const string TokenVariable = "LIMECALL_WEBHOOK_TOKEN";

    /// <summary>Gets <c>--json</c>: on every command, output for scripts.</summary>
    public static Option<bool> Json { get; } = new("--json")
    {
        Description = "Write JSON for scripts instead of text for people.",
        Recursive = true,
    };

    public static Option<string[]> Secret(string description) => new("--secret", "-s")
    {
        Description = $"{description} Default: the {SecretVariable} environment variable (keeps it out of your shell history and the process list).",
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>The secrets given, or the environment variable's; a usage error when there are none.</summary>
    public static IReadOnlyList<string> ResolveSecrets(ParseResult parse, Option<string[]> option, CliContext context)
    {
        var given = parse.GetValue(option) ?? [];
        if (given.Length > 0)
        {
            if (given.Any(string.IsNullOrEmpty))
            {
                throw new CliException("--secret must not be empty.");
            }

            return given;
        }

        return context.GetEnvironmentVariable(SecretVariable) is { Length: > 0 } fromEnvironment
            ? [fromEnvironment]
            : throw new CliException($"Give the webhook secret with --secret, or set {SecretVariable}.");
    }

    /// <summary>An absolute http:// or https:// URL, refused at parse time otherwise.</summary>
    public static Option<Uri> Url(string name, string description, bool required) => new(name)
    {
        Description = description,
        Required = required,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (Uri.TryCreate(text, UriKind.Absolute, out var url)
                && (string.Equals(url.Scheme, Uri.UriSchemeHttp, StringComparison.Ordinal) || string.Equals(url.Scheme, Uri.UriSchemeHttps, StringComparison.Ordinal)))
            {
                return url;
            }

            result.AddError($"{name} must be an absolute http:// or https:// URL, not '{text}'.");
            return null;
        },
    };

    /// <summary>The argument naming a file, or <c>-</c> for standard input (the default).</summary>
    public static Argument<string> Input(string description) => new("file")
    {
        Description = $"{description} A file, or - for standard input (the default).",
        DefaultValueFactory = _ => "-",
    };

    /// <summary>Reads the bytes to sign or verify, exactly as they are (no newline added or removed).</summary>
    public static async Task<byte[]> ReadInputAsync(string path, CliContext context, CancellationToken cancellationToken)
    {
        if (string.Equals(path, "-", StringComparison.Ordinal))
        {
            var input = context.OpenStandardInput();
            await using (input.ConfigureAwait(false))
            {
                using var buffer = new MemoryStream();
                await input.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                return buffer.ToArray();
            }
        }

        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"Cannot read '{path}': {ex.Message}", ex);
        }
    }
}
