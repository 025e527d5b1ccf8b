namespace FaxBox.Fax.Managed.Tests.T30;

/// <summary>An allocation-free in-process T.38 link for allocation measurements: IFPs are copied into preallocated slots.</summary>
internal sealed class RingWire
{
    private readonly Lane _toA = new();
    private readonly Lane _toB = new();

    public IIfpSink SinkA => _toB;

    public IIfpSink SinkB => _toA;

    /// <summary>One tick of both terminals and the delivery of what they sent.</summary>
    public void Step(IT38FaxTerminal a, IT38FaxTerminal b)
    {
        a.Tick();
        b.Tick();
        _toB.DeliverTo(b);
        _toA.DeliverTo(a);
    }

    private sealed class Lane : IIfpSink
    {
        private readonly byte[][] _slots = Enumerable.Range(0, 256).Select(_ => new byte[1500]).ToArray();
        private readonly int[] _lengths = new int[256];
        private int _count;
        private ushort _seq;

        public void SendIfp(ReadOnlySpan<byte> ifp, int repeatCount)
        {
            ifp.CopyTo(_slots[_count]);
            _lengths[_count++] = ifp.Length;
        }

        public void DeliverTo(IT38FaxTerminal to)
        {
            for (int i = 0; i < _count; i++)
            {
                to.ReceiveIfp(_slots[i].AsSpan(0, _lengths[i]), _seq++);
            }

            _count = 0;
        }
    }
}
