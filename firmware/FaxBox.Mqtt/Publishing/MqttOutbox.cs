namespace FaxBox.Mqtt.Publishing;

/// <summary>
/// What the publisher still owes the broker. Retained state: the latest payload per topic, with the topics that
/// changed since they were last published (all of them after a reconnect, because a restarted broker may have lost
/// its retained messages). Events: a bounded FIFO that keeps an event until the broker acknowledged it (QoS 1); when
/// full the oldest is dropped and counted. Used by the publisher's own loop only (not thread-safe).
/// </summary>
internal sealed class MqttOutbox
{
    private readonly Dictionary<string, byte[]> _state = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);
    private readonly Queue<MqttMessage> _events = new();
    private readonly int _capacity;

    public MqttOutbox(int eventCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(eventCapacity, 1);
        _capacity = eventCapacity;
    }

    /// <summary>Events waiting.</summary>
    public int EventCount => _events.Count;

    /// <summary>Events dropped because the queue was full.</summary>
    public long Dropped { get; private set; }

    /// <summary>Retained topics waiting to be (re)published.</summary>
    public int DirtyCount => _dirty.Count;

    /// <summary>Sets a retained state; marks it for publishing only when the payload differs. An empty payload deletes it.</summary>
    public void SetState(string topic, byte[] payload)
    {
        if (_state.TryGetValue(topic, out var current) && current.AsSpan().SequenceEqual(payload))
        {
            return;
        }

        _state[topic] = payload;
        _dirty.Add(topic);
    }

    /// <summary>The retained payload last set for <paramref name="topic"/>, if any.</summary>
    public byte[]? GetState(string topic) => _state.GetValueOrDefault(topic);

    /// <summary>Marks every retained state for publishing (after a connect).</summary>
    public void MarkAllDirty() => _dirty.UnionWith(_state.Keys);

    /// <summary>Marks the retained states whose topics pass <paramref name="match"/> for publishing again.</summary>
    public void MarkDirty(Func<string, bool> match) => _dirty.UnionWith(_state.Keys.Where(match));

    /// <summary>Deletes every retained state that passes <paramref name="match"/> and is not in <paramref name="keep"/>.</summary>
    public void RemoveStatesExcept(Func<string, bool> match, IReadOnlySet<string> keep)
    {
        foreach (var topic in _state.Keys.Where(t => match(t) && !keep.Contains(t)).ToList())
        {
            if (_state[topic].Length > 0)
            {
                SetState(topic, []);
            }
        }
    }

    /// <summary>The next retained state to publish, if any (it stays pending until <see cref="StatePublished"/>).</summary>
    public MqttMessage? PeekState()
    {
        foreach (var topic in _dirty)
        {
            return new MqttMessage(topic, _state[topic], Retain: true);
        }

        return null;
    }

    /// <summary>The broker took <paramref name="message"/>; pending again if the state changed meanwhile.</summary>
    public void StatePublished(MqttMessage message)
    {
        if (_state.TryGetValue(message.Topic, out var current) && ReferenceEquals(current, message.Payload))
        {
            _dirty.Remove(message.Topic);
            if (current.Length == 0)
            {
                _state.Remove(message.Topic); // a deletion, done
            }
        }
    }

    /// <summary>Queues an event; drops (and counts) the oldest when full.</summary>
    public void AddEvent(MqttMessage message)
    {
        if (_events.Count >= _capacity)
        {
            _events.Dequeue();
            Dropped++;
        }

        _events.Enqueue(message);
    }

    /// <summary>The oldest event, kept until <see cref="EventPublished"/>.</summary>
    public MqttMessage? PeekEvent() => _events.TryPeek(out var message) ? message : null;

    /// <summary>The broker acknowledged the oldest event.</summary>
    public void EventPublished(MqttMessage message)
    {
        if (_events.TryPeek(out var head) && ReferenceEquals(head, message))
        {
            _events.Dequeue();
        }
    }
}
