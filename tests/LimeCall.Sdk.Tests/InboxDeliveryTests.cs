using LimeCall.Sdk.Idempotency;
using LimeCall.Sdk.Inbox;
using LimeCall.Sdk.TestKit;

namespace LimeCall.Sdk.Tests;

/// <summary>What an inbox handler is told about its delivery, and when it may complete the event in its own transaction.</summary>
public sealed class InboxDeliveryTests
{
    [Fact]
    public void ADelivery_SaysWhichAttemptAndWhetherItArrivedOutOfOrder_InItsToStringToo()
    {
        var delivery = new InboxDelivery(null!, Leased(attempt: 3, outOfOrder: true), handlerMayComplete: true);

        Assert.Equal((3, true), (delivery.Attempt, delivery.ArrivedOutOfOrder));
        Assert.Equal("InboxDelivery { Id = 41, Attempt = 3, ArrivedOutOfOrder = True }", delivery.ToString());
    }

    [Fact]
    public void OneOfSeveralHandlers_MayNotCompleteTheEvent_AndIsToldWhy()
    {
        var delivery = new InboxDelivery(null!, Leased(attempt: 1, outOfOrder: false), handlerMayComplete: false);

        var ex = Assert.Throws<InvalidOperationException>(delivery.ThrowIfHandlerMayNotComplete);

        Assert.StartsWith("Only an event's one handler may complete it in its own transaction: more than one handler runs for this event", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("Register one handler for this event type, or let the processor complete it.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheOnlyHandler_MayCompleteTheEvent()
    {
        var delivery = new InboxDelivery(null!, Leased(attempt: 1, outOfOrder: false), handlerMayComplete: true);

        delivery.ThrowIfHandlerMayNotComplete();
        delivery.MarkCompletedByHandler();

        Assert.True(delivery.CompletedByHandler);
    }

    private static LeasedInboxEvent Leased(int attempt, bool outOfOrder) => new()
    {
        Id = 41,
        Key = "evt_41",
        EventType = "call.completed",
        Body = "{}"u8.ToArray(),
        ReceivedAt = TestClock.Start,
        Attempt = attempt,
        ArrivedOutOfOrder = outOfOrder,
        LeaseToken = IdempotencyClaimToken.NewToken(),
        LeaseExpiresAt = TestClock.Start.AddSeconds(30),
    };
}
