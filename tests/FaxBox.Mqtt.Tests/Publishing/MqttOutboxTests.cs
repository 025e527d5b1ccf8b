using System.Text;
using FaxBox.Mqtt.Publishing;

namespace FaxBox.Mqtt.Tests.Publishing;

public sealed class MqttOutboxTests
{
    [Fact]
    public void A_full_event_queue_drops_the_oldest_and_counts_it()
    {
        var outbox = new MqttOutbox(3);
        for (var i = 0; i < 5; i++)
        {
            outbox.AddEvent(new MqttMessage("e", Encoding.UTF8.GetBytes($"{i}"), false));
        }

        Assert.Equal(3, outbox.EventCount);
        Assert.Equal(2, outbox.Dropped);
        Assert.Equal("2", Encoding.UTF8.GetString(outbox.PeekEvent()!.Payload));
    }

    [Fact]
    public void An_event_stays_queued_until_it_was_acknowledged()
    {
        var outbox = new MqttOutbox(10);
        outbox.AddEvent(new MqttMessage("e", [1], false));

        var head = outbox.PeekEvent()!;
        Assert.Same(head, outbox.PeekEvent());
        outbox.EventPublished(head);

        Assert.Null(outbox.PeekEvent());
    }

    [Fact]
    public void Retained_state_keeps_the_latest_and_is_all_pending_again_after_a_reconnect()
    {
        var outbox = new MqttOutbox(10);
        outbox.SetState("a", [1]);
        outbox.SetState("a", [2]);
        outbox.SetState("b", [3]);
        Assert.Equal(2, outbox.DirtyCount);
        while (outbox.PeekState() is { } m)
        {
            outbox.StatePublished(m);
        }

        outbox.SetState("a", [2]); // unchanged: nothing to send
        Assert.Equal(0, outbox.DirtyCount);
        outbox.MarkAllDirty();

        Assert.Equal(2, outbox.DirtyCount);
        Assert.Equal([2], outbox.GetState("a"));
    }

    [Fact]
    public void A_state_changed_while_its_publish_was_in_flight_stays_pending()
    {
        var outbox = new MqttOutbox(10);
        outbox.SetState("a", [1]);
        var inFlight = outbox.PeekState()!;
        outbox.SetState("a", [2]);

        outbox.StatePublished(inFlight);

        Assert.Equal([2], outbox.PeekState()!.Payload);
    }

    [Fact]
    public void Removed_states_are_deleted_with_an_empty_retained_message_once()
    {
        var outbox = new MqttOutbox(10);
        outbox.SetState("x/port/fxs0", [1]);
        outbox.SetState("x/port/fxs1", [1]);
        while (outbox.PeekState() is { } m)
        {
            outbox.StatePublished(m);
        }

        outbox.RemoveStatesExcept(t => t.StartsWith("x/port/", StringComparison.Ordinal), new HashSet<string> { "x/port/fxs0" });
        var deletion = outbox.PeekState()!;
        outbox.StatePublished(deletion);

        Assert.Equal(("x/port/fxs1", 0), (deletion.Topic, deletion.Payload.Length));
        Assert.Null(outbox.GetState("x/port/fxs1"));
        Assert.Null(outbox.PeekState());
    }
}
