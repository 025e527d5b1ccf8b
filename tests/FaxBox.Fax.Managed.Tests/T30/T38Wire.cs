namespace FaxBox.Fax.Managed.Tests.T30;

/// <summary>
/// Two T.38 terminals joined in-process on a simulated clock: each tick both are ticked and the IFPs each sent are
/// delivered to the other with UDPTL-style sequence numbers, optionally dropping some with a seeded random.
/// </summary>
internal sealed class T38Wire
{
    private readonly Queue<byte[]> _toA = new();
    private readonly Queue<byte[]> _toB = new();
    private ushort _seqToA;
    private ushort _seqToB;

    public T38Wire()
    {
        SinkA = new Sink(_toB);
        SinkB = new Sink(_toA);
    }

    /// <summary>Where terminal A sends (its IFPs go to B).</summary>
    public IIfpSink SinkA { get; }

    /// <summary>Where terminal B sends (its IFPs go to A).</summary>
    public IIfpSink SinkB { get; }

    /// <summary>Drops an IFP going to B when it returns true (given the IFP).</summary>
    public Func<byte[], bool>? DropToB { get; set; }

    /// <summary>Drops an IFP going to A when it returns true.</summary>
    public Func<byte[], bool>? DropToA { get; set; }

    /// <summary>Changes IFPs going to B in place before delivery (corruption tests).</summary>
    public Action<byte[]>? MutateToB { get; set; }

    /// <summary>IFPs dropped so far.</summary>
    public int Dropped { get; private set; }

    /// <summary>Runs until both are complete or <paramref name="maxTicks"/>; returns the ticks run.</summary>
    public int Run(IT38FaxTerminal a, IT38FaxTerminal b, int maxTicks = 30_000, Action<int>? everyTick = null)
    {
        int ticks = 0;
        while ((!a.IsComplete || !b.IsComplete) && ticks < maxTicks)
        {
            ticks++;
            a.Tick();
            b.Tick();
            Deliver(_toB, b, ref _seqToB, DropToB, MutateToB);
            Deliver(_toA, a, ref _seqToA, DropToA, null);
            everyTick?.Invoke(ticks);
        }

        // Let the last packets (DCN) cross.
        for (int i = 0; i < 100; i++)
        {
            a.Tick();
            b.Tick();
            Deliver(_toB, b, ref _seqToB, DropToB, MutateToB);
            Deliver(_toA, a, ref _seqToA, DropToA, null);
        }

        return ticks;
    }

    private void Deliver(Queue<byte[]> queue, IT38FaxTerminal to, ref ushort seq, Func<byte[], bool>? drop, Action<byte[]>? mutate)
    {
        while (queue.TryDequeue(out var ifp))
        {
            ushort s = seq++;
            if (drop?.Invoke(ifp) == true)
            {
                Dropped++;
                continue;
            }

            mutate?.Invoke(ifp);
            to.ReceiveIfp(ifp, s);
        }
    }

    private sealed class Sink(Queue<byte[]> queue) : IIfpSink
    {
        public void SendIfp(ReadOnlySpan<byte> ifp, int repeatCount) => queue.Enqueue(ifp.ToArray());
    }
}
