using LimeCall.Sdk.Inbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace LimeCall.Sdk.AspNetCore.Receiving;

/// <summary>Refuses to start an app that turned the inbox on without registering one: it would answer 202 for nothing.</summary>
internal sealed class InboxStartupCheck : IStartupFilter
{
    public const string MissingInbox =
        "UseInbox() turns the LimeCall receiver's durable inbox on, but no inbox is registered: add one, for example " +
        "services.AddLimeCallPostgreSqlInbox(connectionString) from LimeCall.Sdk.PostgreSql.";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        if (app.ApplicationServices.GetService<IWebhookInbox>() is null)
        {
            throw new InvalidOperationException(MissingInbox);
        }

        next(app);
    };
}
