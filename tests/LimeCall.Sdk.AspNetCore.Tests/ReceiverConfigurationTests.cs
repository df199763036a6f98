using System.Net;
using LimeCall.Sdk.AspNetCore.Receiving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using LimeCall.Sdk.TestKit;
using Microsoft.Extensions.Options;

namespace LimeCall.Sdk.AspNetCore.Tests;

/// <summary>
/// Configuration mistakes fail at start with a message that names the setting, each limit exactly at its edge; misuse of
/// the extension methods is refused with the call that was missing; a secret in the URL is warned about while URLs are logged.
/// </summary>
public sealed class ReceiverConfigurationTests
{
    private const string Secret = "whsec_configuration_tests";
    private const string RequestLogging = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public static TheoryData<string, Action<LimeCallInboxOptions>, string?> InboxOptionEdges() => new()
    {
        { "lease of exactly 3 s", o => o.LeaseDuration = TimeSpan.FromSeconds(3), null },
        { "lease a tick under 3 s", o => o.LeaseDuration = TimeSpan.FromSeconds(3) - TimeSpan.FromTicks(1), "LeaseDuration must be at least 3 seconds." },
        { "poll of one tick", o => o.PollInterval = TimeSpan.FromTicks(1), null },
        { "poll of zero", o => o.PollInterval = TimeSpan.Zero, "PollInterval and DegradedAfter must be positive." },
        { "degraded after zero", o => o.DegradedAfter = TimeSpan.Zero, "PollInterval and DegradedAfter must be positive." },
        { "no retry delay", o => (o.RetryBaseDelay, o.MaxRetryDelay) = (TimeSpan.Zero, TimeSpan.Zero), null },
        { "negative retry delay", o => o.RetryBaseDelay = TimeSpan.FromTicks(-1), "RetryBaseDelay must not be negative, and MaxRetryDelay not shorter than it." },
        { "max retry delay equal to the base", o => (o.RetryBaseDelay, o.MaxRetryDelay) = (TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)), null },
        { "max retry delay under the base", o => (o.RetryBaseDelay, o.MaxRetryDelay) = (TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(4)), "RetryBaseDelay must not be negative, and MaxRetryDelay not shorter than it." },
        { "no hold window", o => o.HoldWindow = TimeSpan.Zero, null },
        { "hold window of exactly 5 min", o => o.HoldWindow = TimeSpan.FromMinutes(5), null },
        { "negative hold window", o => o.HoldWindow = TimeSpan.FromTicks(-1), "HoldWindow must be 0 to 5 minutes." },
        { "hold window a tick over 5 min", o => o.HoldWindow = TimeSpan.FromMinutes(5) + TimeSpan.FromTicks(1), "HoldWindow must be 0 to 5 minutes." },
        { "concurrency 0", o => o.Concurrency = 0, "Concurrency" },
        { "batch over 1000", o => o.BatchSize = 1001, "BatchSize" },
        { "no attempts", o => o.MaxAttempts = 0, "MaxAttempts" },
    };

    [Theory]
    [MemberData(nameof(InboxOptionEdges))]
    public void InboxOptions_AreValidatedExactlyAtTheirEdges(string because, Action<LimeCallInboxOptions> configure, string? failure)
    {
        var options = new LimeCallInboxOptions();
        configure(options);

        OptionsEdges.AssertValidation(new LimeCallInboxOptionsValidator(), options, failure, because);
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(4, 40)]
    [InlineData(8, 600)] // 640 s, capped at MaxRetryDelay
    [InlineData(100, 600)] // far past the cap: no overflow
    public void RetryDelay_DoublesPerFailedAttempt_UpToTheMaximum(int failedAttempt, int seconds)
    {
        var options = new LimeCallInboxOptions { RetryBaseDelay = TimeSpan.FromSeconds(5), MaxRetryDelay = TimeSpan.FromMinutes(10) };

        Assert.Equal(TimeSpan.FromSeconds(seconds), options.RetryDelay(failedAttempt));
    }

    [Fact]
    public async Task UseInbox_WithInvalidOptions_FailsAtStartNotAtTheFirstEvent()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<LimeCall.Sdk.Inbox.IWebhookInbox>(new InboxHealthCheckTests.PartialInbox(() => throw new InvalidOperationException("not reached")));
        builder.Services.AddLimeCallWebhooks(o => o.Secrets.Add(Secret)).UseInbox(o => o.LeaseDuration = TimeSpan.FromSeconds(1));
        await using var app = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("LeaseDuration must be at least 3 seconds.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseInbox_WithoutAnInbox_RefusesToStartEvenWithoutTheEndpointMapped()
    {
        // A worker that only processes (its endpoint on another instance) must not start without the inbox either.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddLimeCallWebhooks(o => o.Secrets.Add(Secret)).UseInbox();
        await using var app = builder.Build();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());

        Assert.Contains("AddLimeCallPostgreSqlInbox", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("secrets", "LimeCall:Webhooks:Secrets and BearerTokens must not contain empty entries.")]
    [InlineData("tokens", "LimeCall:Webhooks:Secrets and BearerTokens must not contain empty entries.")]
    [InlineData("networks", "LimeCall:Webhooks:AllowedNetworks holds an entry that is not an IP address or CIDR network.")]
    [InlineData("empty path secret", "no way to authenticate")]
    public async Task WebhookOptions_Invalid_FailAtStartNamingTheSetting(string mistake, string message)
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => ReceiverHost.StartAsync(o =>
        {
            switch (mistake)
            {
                case "secrets":
                    o.Secrets.Add(Secret);
                    o.Secrets.Add(string.Empty);
                    break;
                case "tokens":
                    o.Secrets.Add(Secret);
                    o.BearerTokens.Add(" ");
                    break;
                case "networks":
                    o.AllowedNetworks.Add("10.0.0.0/8");
                    o.AllowedNetworks.Add("10.0.0.0/33");
                    break;
                default:
                    o.PathSecret = string.Empty; // an empty value from configuration is no authentication at all
                    break;
            }
        }));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExtensionMethods_RefuseNullReceivers()
    {
        Assert.Equal("endpoints", Assert.Throws<ArgumentNullException>(() => ((IEndpointRouteBuilder)null!).MapLimeCallWebhooks()).ParamName);
        Assert.Equal("builder", Assert.Throws<ArgumentNullException>(() => ((IEndpointConventionBuilder)null!).RequireLimeCallSignature()).ParamName);
        Assert.Equal("app", Assert.Throws<ArgumentNullException>(() => ((IApplicationBuilder)null!).UseLimeCallSignatureVerification()).ParamName);
        Assert.Equal("builder", Assert.Throws<ArgumentNullException>(() => ((IHealthChecksBuilder)null!).AddLimeCallInbox()).ParamName);
    }

    [Fact]
    public async Task UseLimeCallSignatureVerification_WithoutAddLimeCallWebhooks_Throws()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        await using var app = builder.Build();

        var ex = Assert.Throws<InvalidOperationException>(() => app.UseLimeCallSignatureVerification());

        Assert.Equal("Call services.AddLimeCallWebhooks() before UseLimeCallSignatureVerification().", ex.Message);
    }

    [Fact]
    public async Task TheWebhookEndpoint_IsNamedForTheLogs()
    {
        await using var host = await ReceiverHost.StartAsync(o => o.Secrets.Add(Secret));

        var endpoints = ((IEndpointRouteBuilder)host.App).DataSources.SelectMany(s => s.Endpoints);

        Assert.Contains(endpoints, e => e.DisplayName == "LimeCall webhooks");
    }

    [Fact]
    public async Task PathSecret_WhileRequestUrlsAreLogged_IsWarnedAtStart_WithoutTheSecret()
    {
        await using var host = await ReceiverHost.StartAsync(o => o.PathSecret = "s3cr3t-path-segment", mapMore: app => app.MapLimeCallWebhooks("/hooks/{secret}"));

        var warning = Assert.Single(host.CapturedLogs.Lines, l => l.Contains("PathSecret is set and ASP.NET Core's request logging", StringComparison.Ordinal));

        Assert.StartsWith("Warning", warning, StringComparison.Ordinal);
        Assert.Contains(RequestLogging, warning, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-path-segment", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PathSecret_WithRequestLoggingRaisedToWarning_IsNotWarned()
    {
        await using var host = await ReceiverHost.StartAsync(
            o => o.PathSecret = "s3cr3t-path-segment",
            mapMore: app => app.MapLimeCallWebhooks("/hooks/{secret}"),
            services: s => s.AddLogging(b => b.AddFilter(RequestLogging, LogLevel.Warning)));

        using var response = await host.Client().SendAsync(ReceiverStatusContractTests.Request(new Uri("http://localhost/hooks/s3cr3t-path-segment"), ReceiverStatusContractTests.Sample("call.missed"), sign: false));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(host.CapturedLogs.Lines, l => l.Contains("PathSecret is set", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PathSecret_AddedByAReload_IsAppliedAndWarnedAbout()
    {
        await using var host = await ReceiverHost.StartAsync(_ => { }, settings: new Dictionary<string, string?> { ["LimeCall:Webhooks:Secrets:0"] = Secret });
        Assert.DoesNotContain(host.CapturedLogs.Lines, l => l.Contains("PathSecret is set", StringComparison.Ordinal));

        host.App.Configuration["LimeCall:Webhooks:PathSecret"] = "s3cr3t-from-reload";
        ((IConfigurationRoot)host.App.Configuration).Reload();

        Assert.Contains(host.CapturedLogs.Lines, l => l.StartsWith("Information", StringComparison.Ordinal) && l.Contains("configuration was applied", StringComparison.Ordinal));
        Assert.Contains(host.CapturedLogs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("PathSecret is set", StringComparison.Ordinal));
        Assert.DoesNotContain(host.CapturedLogs.Lines, l => l.Contains("s3cr3t-from-reload", StringComparison.Ordinal));
    }

    [Fact]
    public void InboxHealthCheck_IsRegisteredWithItsNameStatusAndTags()
    {
        var services = new ServiceCollection();
        services.AddHealthChecks().AddLimeCallInbox(tags: ["ready"]).AddLimeCallInbox("second", HealthStatus.Degraded);
        using var provider = services.BuildServiceProvider();

        var registrations = provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.ToDictionary(r => r.Name, StringComparer.Ordinal);

        Assert.Equal(HealthStatus.Unhealthy, registrations["limecall-inbox"].FailureStatus);
        Assert.Equal(["ready"], registrations["limecall-inbox"].Tags);
        Assert.Equal((HealthStatus.Degraded, 0), (registrations["second"].FailureStatus, registrations["second"].Tags.Count));
        Assert.Throws<ArgumentException>(() => services.AddHealthChecks().AddLimeCallInbox(name: string.Empty));
    }
}
