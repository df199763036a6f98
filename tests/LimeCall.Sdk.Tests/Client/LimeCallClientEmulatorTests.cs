using System.Net;
using System.Net.Sockets;
using LimeCall.Sdk.Client;
using LimeCall.Sdk.Testing.Emulator;
using LimeCall.Sdk.TestKit;
using Microsoft.Extensions.Options;

namespace LimeCall.Sdk.Tests.Client;

/// <summary>
/// The client against the LimeCall API emulator over real HTTP on 127.0.0.1. Every scenario also asserts how
/// many callbacks the server created: never two for one call unless the server said it had not processed it.
/// </summary>
public sealed class LimeCallClientEmulatorTests : IAsyncLifetime
{
    private const string Token = "tok_emulated";
    private readonly SteppingTimeProvider _clientClock = new();
    private LimeCallApiEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await LimeCallApiEmulator.StartAsync(new() { ApiToken = Token });

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task CreateCallbackAsync_HappyPath_CreatesExactlyOneCallback()
    {
        var result = await Client().CreateCallbackAsync(Request());

        var callback = Assert.Single(_emulator.Callbacks);
        Assert.Equal((callback.Id, "queued", false), (result.Id, result.Status, result.Replayed));
        Assert.Equal(result.IdempotencyKey, callback.IdempotencyKey);
        Assert.Equal("Bearer ***", _emulator.Requests[0].Headers["Authorization"]);
    }

    [Fact]
    public async Task WrongToken_IsAnAuthenticationErrorAndCreatesNothing()
    {
        var ex = await Assert.ThrowsAsync<LimeCallAuthenticationException>(() => Client(token: "tok_wrong").CreateCallbackAsync(Request()));

        Assert.Equal((401, "Unauthorized"), (ex.StatusCode, ex.ErrorMessage));
        Assert.Empty(_emulator.Callbacks);
        Assert.DoesNotContain("tok_wrong", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerSideValidationError_CarriesTheApiDetails()
    {
        // The emulator's clock is real time, the client's is January 2025: the client lets it through, the API refuses.
        var ex = await Assert.ThrowsAsync<LimeCallValidationException>(() => Client().CreateCallbackAsync(Request(scheduledAt: _clientClock.GetUtcNow().AddDays(1))));

        Assert.Equal((422, "scheduled_at must be in the future"), (ex.StatusCode, ex.Details));
        Assert.Empty(_emulator.Callbacks);
    }

    [Theory]
    [InlineData(EmulatedApiFault.RateLimited)]
    [InlineData(EmulatedApiFault.Unavailable)]
    public async Task NotProcessedByTheServer_IsRetriedAndCreatesOneCallback(EmulatedApiFault fault)
    {
        _emulator.InjectFault(fault);

        var result = await _clientClock.RunAsync(() => Client().CreateCallbackAsync(Request()));

        Assert.Single(_emulator.Callbacks);
        Assert.Equal(2, _emulator.Requests.Count);
        Assert.Single(_emulator.Requests.Select(r => r.Headers["Idempotency-Key"]).Distinct());
        Assert.Equal(_emulator.Callbacks[0].Id, result.Id);
    }

    [Fact]
    public async Task AcceptedThenConnectionDropped_IsNotRetriedSoTheCustomerIsCalledOnce()
    {
        _emulator.InjectFault(EmulatedApiFault.AcceptThenDropConnection);

        var ex = await Assert.ThrowsAsync<LimeCallOutcomeUnknownException>(() => _clientClock.RunAsync(() => Client().CreateCallbackAsync(Request())));

        Assert.Single(_emulator.Requests);
        var callback = Assert.Single(_emulator.Callbacks);
        Assert.Equal(callback.IdempotencyKey, ex.IdempotencyKey);

        // Reconciling with the same key is safe: the API answers from the callback it already has.
        var again = await Client().CreateCallbackAsync(Request(idempotencyKey: ex.IdempotencyKey));
        Assert.Equal((callback.Id, true), (again.Id, again.Replayed));
        Assert.Single(_emulator.Callbacks);
    }

    [Fact]
    public async Task InternalServerError_IsNotRetriedAndTheOutcomeIsUnknown()
    {
        _emulator.InjectFault(EmulatedApiFault.InternalError);

        await Assert.ThrowsAsync<LimeCallOutcomeUnknownException>(() => _clientClock.RunAsync(() => Client().CreateCallbackAsync(Request())));

        Assert.Single(_emulator.Requests);
    }

    [Fact]
    public async Task ConnectionRefused_IsRetriedThenReportedAsNeverSent()
    {
        using var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();

        var ex = await Assert.ThrowsAsync<LimeCallApiException>(() => _clientClock.RunAsync(() => Client(baseAddress: new Uri($"http://127.0.0.1:{port}/")).CreateCallbackAsync(Request())));

        Assert.IsNotType<LimeCallOutcomeUnknownException>(ex);
        Assert.Contains("not sent", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LeadCaptureFormat.Json)]
    [InlineData(LeadCaptureFormat.Form)]
    public async Task CaptureLeadAsync_BothFormats_CaptureTheLeadAndStartTheCallback(LeadCaptureFormat format)
    {
        var result = await Client().CaptureLeadAsync(_emulator.LeadCaptureUrl, LimeCallClientTests.Lead(), format);

        Assert.Equal(("success", "initiated"), (result.Status, result.AutoCallback));
        var lead = Assert.Single(_emulator.Leads);
        Assert.Equal(("John Doe", "1"), (lead["name_field"], lead["is_auto"]));
        Assert.Equal("+11234567890", Assert.Single(_emulator.Callbacks).CustomerNumber);
    }

    private static CallbackRequest Request(DateTimeOffset? scheduledAt = null, string? idempotencyKey = null)
        => new() { CustomerNumber = "+14155550123", TeamNumber = "+14155550100", ScheduledAt = scheduledAt, IdempotencyKey = idempotencyKey };

    private LimeCallClient Client(string token = Token, Uri? baseAddress = null)
        => new(new HttpClient(), Options.Create(new LimeCallClientOptions { ApiToken = token, BaseAddress = baseAddress ?? _emulator.BaseAddress }), _clientClock);
}
