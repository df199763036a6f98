using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using LimeCall.Sdk.AspNetCore.Receiving;
using LimeCall.Sdk.Idempotency;
using LimeCall.Sdk.Inbox;
using LimeCall.Sdk.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LimeCall.Sdk.AspNetCore.Tests;

/// <summary>When the store fails, the client hangs up or the configuration goes bad: answered as documented, and said loudly.</summary>
public sealed class ReceiverFailureTests
{
    private const string Secret = "whsec_failure_tests";

    [Fact]
    public async Task StoreUnreachable_Is503WithRetryAfter_NeverA500_AndNoHandlerRuns()
    {
        await using var host = await ReceiverHost.StartAsync(o => o.Secrets.Add(Secret), services: s => s.AddSingleton<IIdempotencyStore, UnreachableStore>());

        using var response = await host.Client().SendAsync(ReceiverStatusContractTests.Request(host.Url, ReceiverStatusContractTests.Sample("call.missed"), sign: true, secret: Secret));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Empty(host.Log.Calls);
        Assert.Contains(host.CapturedLogs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("idempotency store failed", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(InboxAppendOutcome.None)]
    [InlineData((InboxAppendOutcome)42)]
    public async Task InboxAnsweringNeitherStoredNorDuplicate_Is503_NeverAnAcknowledgement(InboxAppendOutcome answer)
    {
        // A custom inbox that returns its enum's zero value has not said the event is stored: acknowledging it would
        // lose the event, so the sender is asked to retry, as for an inbox that throws.
        await using var host = await ReceiverHost.StartAsync(
            o => o.Secrets.Add(Secret),
            idempotency: false,
            services: s => s.AddSingleton<IWebhookInbox>(new InboxHealthCheckTests.PartialInbox(append: answer)).AddSingleton<InboxMode>());

        using var response = await SendAsync(host, Secret, "evt_inbox_answers_neither");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Empty(host.Log.Calls);
        Assert.Contains(host.CapturedLogs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("must return Stored or Duplicate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClientHangsUpMidBody_IsNotLoggedAsAnError()
    {
        await using var host = await ReceiverHost.StartAsync(o => o.Secrets.Add(Secret), kestrel: true);
        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync(host.Url.Host, host.Url.Port);
            var head = $"POST {host.Url.AbsolutePath} HTTP/1.1\r\nHost: {host.Url.Authority}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n{LimeCallWebhookHeaders.Signature}: {new string('0', 64)}\r\n\r\n{{\"event\":";
            await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes(head));
            await tcp.GetStream().FlushAsync();
        }

        await host.CapturedLogs.WaitForAsync(l => l.Contains("could not be read", StringComparison.Ordinal) || l.Contains("hung up", StringComparison.Ordinal));

        Assert.DoesNotContain(host.CapturedLogs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal));
        Assert.Empty(host.Log.Calls);
    }

    [Fact]
    public async Task ConfigurationReload_Invalid_IsRefusedLoudly_AndTheLastValidSettingsStay()
    {
        var failures = new List<long>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == "limecall.webhooks.configuration.reload_failures")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((_, value, _, _) => failures.Add(value));
        meters.Start();
        await using var host = await ReceiverHost.StartAsync(_ => { }, settings: new Dictionary<string, string?> { ["LimeCall:Webhooks:Secrets:0"] = "whsec_first" });
        var configuration = (IConfigurationRoot)host.App.Configuration;

        configuration["LimeCall:Webhooks:AllowedNetworks:0"] = "not-a-network";
        configuration.Reload();
        using var stillAccepted = await SendAsync(host, "whsec_first", "evt_reload_1");

        Assert.Equal(HttpStatusCode.OK, stillAccepted.StatusCode);
        // ConfigurationManager signals a change for the write and again for Reload(): each refused attempt counts.
        Assert.NotEmpty(failures);
        var error = host.CapturedLogs.Lines.First(l => l.Contains("NOT applied", StringComparison.Ordinal));
        Assert.StartsWith("Error", error, StringComparison.Ordinal);
        Assert.Contains("AllowedNetworks", error, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec_first", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigurationReload_Valid_RotatesTheSecret_AndReleasesTheReplacedVerifier()
    {
        await using var host = await ReceiverHost.StartAsync(_ => { }, settings: new Dictionary<string, string?> { ["LimeCall:Webhooks:Secrets:0"] = "whsec_old" });
        var configuration = (IConfigurationRoot)host.App.Configuration;
        var gate = host.App.Services.GetRequiredService<WebhookGate>();
        var replaced = gate.Current;

        configuration["LimeCall:Webhooks:Secrets:0"] = "whsec_new";
        configuration.Reload();
        using var byNew = await SendAsync(host, "whsec_new", "evt_rotate_1");
        using var byOld = await SendAsync(host, "whsec_old", "evt_rotate_2");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized), (byNew.StatusCode, byOld.StatusCode));
        Assert.NotSame(replaced, gate.Current);
        Assert.False(replaced.TryEnter()); // no request holds it any longer, so its hashing state was released
    }

    private static Task<HttpResponseMessage> SendAsync(ReceiverHost host, string secret, string id)
        => host.Client().SendAsync(ReceiverStatusContractTests.Request(
            host.Url, Encoding.UTF8.GetBytes("{\"id\":\"" + id + "\",\"event\":\"call.missed\",\"data\":{}}"), sign: true, secret: secret));

    private sealed class UnreachableStore : IIdempotencyStore
    {
        public ValueTask<IdempotencyClaim> ClaimAsync(IdempotencyKey key, TimeSpan lease, CancellationToken cancellationToken = default)
            => ValueTask.FromException<IdempotencyClaim>(new SocketException((int)SocketError.ConnectionRefused));

        public ValueTask<bool> RenewAsync(IdempotencyKey key, IdempotencyClaimToken token, TimeSpan lease, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<bool> CompleteAsync(IdempotencyKey key, IdempotencyClaimToken token, TimeSpan retention, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<bool> ReleaseAsync(IdempotencyKey key, IdempotencyClaimToken token, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
