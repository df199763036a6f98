using System.Net;
using System.Text;
using LimeCall.Sdk.Webhooks;

namespace LimeCall.Sdk.AspNetCore.Tests;

/// <summary>
/// Signed payloads written to hurt: each gets its documented status code, a valid event is never a poison
/// message, and nothing a payload holds can forge a log line.
/// </summary>
public sealed class HostileInputTests : IAsyncLifetime
{
    private const string Secret = "whsec_hostile_tests";
    private ReceiverHost _host = null!;

    public async Task InitializeAsync() => _host = await ReceiverHost.StartAsync(o => o.Secrets.Add(Secret));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task EventWithA600CharacterId_IsProcessedOnce_AndItsRedeliveryIsADuplicate()
    {
        var id = "evt_" + new string('x', 596);
        var body = Json("{\"id\":\"" + id + "\",\"event\":\"call.missed\",\"data\":{\"call_id\":\"c1\"}}");

        using var first = await PostAsync(body);
        using var again = await PostAsync(body);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        var call = Assert.Single(_host.Log.Calls, c => c.Handler == nameof(CallMissedHandler));
        Assert.Equal(id, call.Event.Id);
        Assert.StartsWith("sha256-id:", call.IdempotencyKey, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id":"evt_a","id":"evt_b","event":"call.missed","data":{}}""")]
    [InlineData("""{"id":"evt_b","event":"call.missed","id":"evt_a","data":{}}""")]
    [InlineData("""{"id":"evt_c","event":"call.missed","event":"call.completed","data":{}}""")]
    [InlineData("""{"id":"evt_d","event":"call.missed","data":{"call_id":"c1","call_id":"c2"}}""")]
    [InlineData("""{"id":"evt_e","event":"call.missed","data":{},"data":{}}""")]
    [InlineData("""{"id":"evt_f","event":"call.missed","meta":{"a":1,"a":2},"data":{}}""")]
    [InlineData("""{"event":"missed_call","event_id":"evt_g","call_id":"c1","call_id":"c2"}""")]
    public async Task MemberNamedTwice_Is400AndNothingRuns(string json)
    {
        using var response = await PostAsync(Json(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_host.Log.Calls);
        Assert.Contains(_host.CapturedLogs.Lines, l => l.Contains(nameof(LimeCallPayloadError.DuplicateProperty), StringComparison.Ordinal));
    }

    [Fact]
    public async Task ControlCharactersInIdAndType_AreProcessed_AndNeverWrittenRawToALog()
    {
        const string ForgedLine = "\nfail: Microsoft.AspNetCore.Server[0] FORGED";
        var id = "evt_ctl" + ForgedLine + "\u001b[31m";
        var body = Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["id"] = id,
            ["event"] = "call.transferred\r\ninfo: FORGED\u001b[0m\u202E",
            ["data"] = new Dictionary<string, string> { ["call_id"] = "c1" },
        }));

        using var response = await PostAsync(body);
        using var again = await PostAsync(body);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (response.StatusCode, again.StatusCode));
        Assert.Single(_host.Log.Calls);
        var lines = _host.CapturedLogs.Lines;
        Assert.Contains(lines, l => l.Contains("\\u000afail: Microsoft.AspNetCore.Server[0] FORGED", StringComparison.Ordinal));
        Assert.All(lines, l =>
        {
            Assert.DoesNotContain("FORGED\u001b", l, StringComparison.Ordinal);
            Assert.DoesNotContain(ForgedLine, l, StringComparison.Ordinal);
            Assert.DoesNotContain("\r\ninfo: FORGED", l, StringComparison.Ordinal);
            Assert.DoesNotContain("\u202E", l, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task EventIdWithANulCharacter_GetsAKeyEveryStoreCanHold()
    {
        using var response = await PostAsync(Json("""{"id":"evt_\u0000nul","event":"call.missed","data":{"call_id":"c1"}}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("sha256-id:", _host.Log.Calls.First().IdempotencyKey, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidUtf8_Is400()
    {
        var body = Json("""{"id":"evt_utf","event":"call.missed","data":{"note":"XX"}}""");
        var at = Array.IndexOf(body, (byte)'X');
        (body[at], body[at + 1]) = (0xC3, 0x28);

        using var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_host.Log.Calls);
    }

    [Fact]
    public async Task Utf16BodyDeclaredAsUtf16_Is415()
    {
        var body = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("""{"id":"evt_16","event":"call.missed","data":{}}""")).ToArray();

        using var response = await PostAsync(body, "application/json; charset=utf-16");
        using var quoted = await PostAsync(Json("""{"id":"evt_16b","event":"call.missed","data":{}}"""), "application/json; charset=\"UTF-16\"");

        Assert.Equal((HttpStatusCode.UnsupportedMediaType, HttpStatusCode.UnsupportedMediaType), (response.StatusCode, quoted.StatusCode));
        Assert.Empty(_host.Log.Calls);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json;charset=UTF8")]
    [InlineData("application/json; charset=\"utf-8\"")]
    public async Task JsonDeclaredAsUtf8_IsAccepted(string contentType)
    {
        using var response = await PostAsync(Json("""{"id":"evt_8","event":"call.missed","data":{}}"""), contentType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static byte[] Json(string json) => Encoding.UTF8.GetBytes(json);

    private Task<HttpResponseMessage> PostAsync(byte[] body, string contentType = "application/json")
        => _host.Client().SendAsync(ReceiverStatusContractTests.Request(_host.Url, body, sign: true, secret: Secret, contentType: contentType));
}
