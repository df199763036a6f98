using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LimeCall.Sdk.Testing;

/// <summary>
/// Real Kestrel for tests, reachable only from this machine: listen on 127.0.0.1 at a port the operating system picks
/// (so tests run side by side), then read back the address. The emulator, the quick start and this project's own test
/// hosts start their servers this way; a test of your receiver can too, so the reference sender reaches it over real HTTP.
/// </summary>
/// <example>
/// <code>
/// var builder = WebApplication.CreateBuilder();
/// builder.WebHost.ListenOnLoopback();
/// await using var app = builder.Build();
/// app.MapLimeCallWebhooks("/webhooks/limecall");
/// await app.StartAsync();
/// var url = new Uri(app.GetLoopbackAddress(), "webhooks/limecall");
/// </code>
/// </example>
public static class LoopbackKestrel
{
    /// <summary>Makes the server Kestrel, listening on 127.0.0.1 only, on a free port.</summary>
    /// <param name="webHost">The web host builder, for example <c>WebApplicationBuilder.WebHost</c>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="webHost"/> is <see langword="null"/>.</exception>
    public static IWebHostBuilder ListenOnLoopback(this IWebHostBuilder webHost) => webHost.ListenOnLoopback(0);

    /// <summary>Makes the server Kestrel, listening on 127.0.0.1 only, on the given port.</summary>
    /// <param name="webHost">The web host builder, for example <c>WebApplicationBuilder.WebHost</c>.</param>
    /// <param name="port">The port; 0 for a free one the operating system picks.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="webHost"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is not 0 to 65535.</exception>
    public static IWebHostBuilder ListenOnLoopback(this IWebHostBuilder webHost, int port)
    {
        ArgumentNullException.ThrowIfNull(webHost);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        return webHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
    }

    /// <summary>Gets the address a started server listens on, with a trailing slash: <c>http://127.0.0.1:54321/</c>.</summary>
    /// <param name="host">A started host (a <c>WebApplication</c>, for example).</param>
    /// <returns>The address.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="host"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The host is not started, or its server reports no address.</exception>
    public static Uri GetLoopbackAddress(this IHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server reports no address: start the host first.");
        return new Uri(address.TrimEnd('/') + "/");
    }
}
