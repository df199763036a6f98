using System.Reflection;
using LimeCall.Sdk.AspNetCore;
using LimeCall.Sdk.Client;
using LimeCall.Sdk.PostgreSql;
using LimeCall.Sdk.Testing.Emulator;
using LimeCall.Sdk.Testing.Sender;
using Microsoft.Extensions.Options;

namespace LimeCall.Sdk.Distribution.Tests;

/// <summary>
/// One options-validation style across the four packages: every options type with rules has exactly one validator, and
/// the constructors that take options directly refuse what that validator refuses, naming the setting.
/// </summary>
public sealed class OptionsConventionTests
{
    private static readonly Assembly[] Packages =
    [
        typeof(LimeCallClient).Assembly,
        typeof(LimeCallWebhookOptions).Assembly,
        typeof(PostgreSqlIdempotencyStore).Assembly,
        typeof(LimeCallWebhookSender).Assembly,
    ];

    [Fact]
    public void EveryOptionsType_HasOneValidatorInItsPackage()
    {
        // Per-message choices with no rules are not settings of a component.
        var options = Packages.SelectMany(a => a.GetExportedTypes())
            .Where(t => t.Name.EndsWith("Options", StringComparison.Ordinal) && t.IsClass && t != typeof(WebhookSendOptions))
            .ToList();

        Assert.Equal(10, options.Count);
        Assert.All(options, type =>
        {
            var validators = type.Assembly.GetTypes()
                .Where(v => v.GetInterfaces().Contains(typeof(IValidateOptions<>).MakeGenericType(type)))
                .ToList();
            Assert.True(validators.Count == 1, $"{type.Name} has {validators.Count} validators");
        });
    }

    [Fact]
    public void Sender_InvalidOptions_AreRefusedNamingTheSetting()
    {
        Assert.Contains("Schedule", Assert.Throws<ArgumentException>(() => new LimeCallWebhookSender(new() { Schedule = null! })).Message, StringComparison.Ordinal);
        Assert.Contains("AttemptTimeout", Assert.Throws<ArgumentException>(() => new LimeCallWebhookSender(new() { AttemptTimeout = TimeSpan.Zero })).Message, StringComparison.Ordinal);
        Assert.Contains("Jitter", Assert.Throws<ArgumentException>(() => new LimeCallWebhookSender(new() { Jitter = 1.5 })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emulator_InvalidOptions_AreRefusedBeforeAnythingListens()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => LimeCallApiEmulator.StartAsync(new() { ApiToken = "", RingTime = TimeSpan.FromSeconds(-1) }));

        Assert.Contains("ApiToken", ex.Message, StringComparison.Ordinal);
        Assert.Contains("RingTime", ex.Message, StringComparison.Ordinal);
    }
}
