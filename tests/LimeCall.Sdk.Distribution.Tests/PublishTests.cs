namespace LimeCall.Sdk.Distribution.Tests;

/// <summary>
/// The receiver sample as a user ships it: published Native AOT (trimmed, compiled ahead of time, one native executable,
/// no .NET beside it), with no trimming or AOT warning, answering every request as documented.
/// </summary>
public sealed class PublishTests
{
    [Fact]
    public async Task ReceiverSample_NativeAotPublish_HasNoWarnings_AndAnswersEveryRequestAsDocumented()
    {
        const string Secret = "whsec_published_receiver";
        using var scratch = ScratchCopy.Create("src/LimeCall.Sdk", "src/LimeCall.Sdk.Generators", "src/LimeCall.Sdk.AspNetCore", "samples/LimeCall.Samples.Receiver");
        File.Copy(Path.Combine(Repository.Root, "src", "Directory.Build.props"), scratch.PathOf("src/Directory.Build.props"));
        File.Copy(Path.Combine(Repository.Root, "src", "Directory.Build.targets"), scratch.PathOf("src/Directory.Build.targets"));
        File.Copy(Path.Combine(Repository.Root, "samples", "Directory.Build.props"), scratch.PathOf("samples/Directory.Build.props"));
        var output = scratch.PathOf("published");

        var (publishExit, publishLog) = await ChildProcess.RunAsync(
            "dotnet",
            ["publish", scratch.PathOf("samples/LimeCall.Samples.Receiver/LimeCall.Samples.Receiver.csproj"), "-c", "Release", "-r", "linux-x64",
             "-p:PublishAot=true", "-o", output, "-warnaserror"],
            scratch.Root,
            timeout: TimeSpan.FromMinutes(10));

        Assert.True(publishExit == 0, publishLog);
        Assert.DoesNotContain("warning", publishLog, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Generating native code", publishLog, StringComparison.Ordinal); // the AOT compiler ran
        Assert.False(File.Exists(Path.Combine(output, "libcoreclr.so")), "native: no runtime beside it");
        Assert.False(File.Exists(Path.Combine(output, "LimeCall.Sdk.dll")), "native: no assemblies beside it");

        await using var receiver = ChildProcess.Start(
            Path.Combine(output, "LimeCall.Samples.Receiver"),
            ["--urls", "http://127.0.0.1:0"],
            output,
            // Development: the follow-ups listing try-it.sh counts exists only there.
            new Dictionary<string, string>(StringComparer.Ordinal) { ["LimeCall__Webhooks__Secrets__0"] = Secret, ["ASPNETCORE_ENVIRONMENT"] = "Development" });
        var address = await receiver.ListeningAsync();

        // A client that shares no code with the SDK: curl and openssl, from the sample's own script.
        var (exitCode, script) = await ChildProcess.RunAsync(
            "bash", [Path.Combine(Repository.Sample("LimeCall.Samples.Receiver"), "try-it.sh"), address.ToString().TrimEnd('/'), Secret]);

        Assert.True(exitCode == 0, script + "\n--- receiver ---\n" + receiver.Output);
        Assert.Contains("follow-ups created for this run              2", script, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, receiver.Output, StringComparison.Ordinal);
    }
}
