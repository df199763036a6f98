using System.Globalization;
using System.Text;
using LimeCall.Sdk.Webhooks;

namespace LimeCall.Sdk.LoadHost;

/// <summary>
/// Writes distinct, signed 1 KiB <c>call.completed</c> events, one per line as <c>signature TAB body</c>, for
/// benchmarks/load/events.lua to cycle through (wrk's Lua has no HMAC, so the signatures are made here).
/// </summary>
internal static class EventFile
{
    public static async Task<int> GenerateAsync(string[] args)
    {
        var count = int.Parse(args[1], CultureInfo.InvariantCulture);
        var path = args[2];
        using var signer = new LimeCallSigner(args[3]);
        var prefix = args[4];
        var padding = new string('x', 640); // brings the body to about 1 KiB, as the in-process benchmarks' event
        var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        await using (writer.ConfigureAwait(false))
        {
            for (var i = 0; i < count; i++)
            {
                var body = string.Create(CultureInfo.InvariantCulture,
                    $$$"""{"id":"{{{prefix}}}_{{{i}}}","event":"call.completed","timestamp":"2025-01-30T15:20:00Z","data":{"call_id":"call_{{{i}}}","caller_number":"+14155550123","callee_number":"+14155550199","duration":184,"outcome":"qualified","team_id":"team_001","status":"completed","agent":{"id":"rep_42","name":"Dana Whitfield"},"note":"{{{padding}}}"}}""");
                await writer.WriteAsync(signer.Sign(Encoding.UTF8.GetBytes(body))).ConfigureAwait(false);
                await writer.WriteAsync('\t').ConfigureAwait(false);
                await writer.WriteLineAsync(body).ConfigureAwait(false);
            }
        }

        return 0;
    }
}
