using LimeCall.Sdk.Testing.Emulator;

namespace LimeCall.Sdk.Samples.CallbackWorker;

/// <summary>
/// Runs the worker against the LimeCall API emulator on loopback when <c>LimeCall:UseEmulator</c> is true, so the
/// sample works offline. Delete this file (and the LimeCall.Sdk.Testing reference) in a real service.
/// </summary>
public sealed class Emulation : IAsyncDisposable
{
    private readonly LimeCallApiEmulator _api;

    private Emulation(LimeCallApiEmulator api) => _api = api;

    /// <summary>Starts the emulator and points the client's configuration at it, when configured to.</summary>
    /// <param name="configuration">The app's configuration, updated in place.</param>
    /// <returns>The running emulation, or <see langword="null"/>.</returns>
    public static async Task<Emulation?> StartIfConfiguredAsync(IConfigurationManager configuration)
    {
        if (!configuration.GetValue<bool>("LimeCall:UseEmulator"))
        {
            return null;
        }

        const string Token = "emulated_api_token";
        var api = await LimeCallApiEmulator.StartAsync(new() { ApiToken = Token });
        configuration["LimeCall:BaseAddress"] = api.BaseAddress.ToString();
        configuration["LimeCall:ApiToken"] = Token;
        configuration["LimeCall:LeadCaptureUrl"] = api.LeadCaptureUrl.ToString();
        Console.WriteLine($"Using the LimeCall API emulator at {api.BaseAddress}");
        return new Emulation(api);
    }

    /// <summary>Checks the worker's report against what the emulator received: nothing lost, nothing twice.</summary>
    /// <param name="report">The worker's report.</param>
    /// <returns><see langword="true"/> when the counts agree.</returns>
    public bool Confirms(WorkerReport report)
    {
        var agrees = _api.Callbacks.Count == report.Callbacks && _api.Leads.Count == report.Leads;
        Console.WriteLine($"emulator received {_api.Leads.Count} lead(s) and {_api.Callbacks.Count} callback(s): {(agrees ? "as reported" : "MISMATCH")}");
        return agrees;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _api.DisposeAsync();
}
