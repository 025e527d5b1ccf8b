namespace FaxBox.Media.Tests.Jitter;

/// <summary>
/// A sender with its own sampling clock (ppm off ours) sending 20 ms packets through a network with random delay and
/// loss, and a receiver ticking every 20 ms of our clock. Virtual time only.
/// </summary>
public sealed class JitterSimulation
{
    public const int Frame = 160;

    public required Func<long, short> Signal { get; init; }

    public double SenderPpm { get; init; }

    public double MaxJitterMs { get; init; }

    public Func<int, bool> IsLost { get; init; } = _ => false;

    public int Seed { get; init; } = 1;

    /// <summary>Runs for <paramref name="ticks"/> receiver ticks; put(timestamp, samples, arrival) and get(frame) are the buffer.</summary>
    public List<short> Run(int ticks, Action<uint, short[], TimeSpan> put, Action<short[]> get)
    {
        var random = new Random(Seed);
        var pending = new PriorityQueue<(uint Ts, short[] Samples, double Arrival), double>();
        var output = new List<short>(ticks * Frame);
        double senderPeriodMs = 20.0 / (1 + (SenderPpm / 1e6));
        int packet = 0;
        var frame = new short[Frame];
        for (int tick = 0; tick < ticks; tick++)
        {
            double now = tick * 20.0;
            while (packet * senderPeriodMs <= now)
            {
                // Packet k holds samples k·160 … k·160+159 of the sender's clock; it leaves when its last sample is taken.
                if (!IsLost(packet))
                {
                    var samples = new short[Frame];
                    for (int i = 0; i < Frame; i++)
                    {
                        samples[i] = Signal(((long)packet * Frame) + i);
                    }

                    double arrival = (packet * senderPeriodMs) + (random.NextDouble() * MaxJitterMs);
                    pending.Enqueue(((uint)(packet * Frame), samples, arrival), arrival);
                }

                packet++;
            }

            while (pending.TryPeek(out var p, out double at) && at <= now)
            {
                pending.Dequeue();
                put(p.Ts, p.Samples, TimeSpan.FromMilliseconds(p.Arrival));
            }

            get(frame);
            output.AddRange(frame);
        }

        return output;
    }

    /// <summary>Modem-like bursts: 3 s of a counting pattern (1000 + n mod 20000), then 1 s of silence.</summary>
    public static short Bursts(long n) => (n / 8000) % 4 < 3 ? (short)(1000 + (n % 20000)) : (short)0;

    public static bool IsSuccessor(short previous, short next) => next == (short)(((previous - 1000 + 1) % 20000) + 1000);
}
