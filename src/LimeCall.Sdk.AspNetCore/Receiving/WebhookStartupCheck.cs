using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace LimeCall.Sdk.AspNetCore.Receiving;

/// <summary>
/// Builds the webhook gate while the application's pipeline is built, before the server listens: options that do
/// not validate stop the start with their message, as <c>ValidateOnStart</c> would, without an options monitor that
/// would throw again from every later configuration reload.
/// </summary>
internal sealed class WebhookStartupCheck : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        _ = app.ApplicationServices.GetRequiredService<WebhookGate>();
        next(app);
    };
}
