namespace LimeCall.Sdk.AspNetCore.Receiving;

/// <summary>Registered by <c>UseInbox()</c>: the receiver stores events in the inbox instead of running handlers in the request.</summary>
internal sealed class InboxMode;
