using FaxBox.Fax.Modems;

namespace FaxBox.Fax.Managed.Tests.Channel;

/// <summary>Drives a transmitter through a <see cref="TestChannel"/> into a receiver in 160-sample frames.</summary>
internal static class ModemLink
{
    public const int FrameSamples = 160;

    /// <summary>Runs until the transmitter finishes, then <paramref name="tailFrames"/> more frames (silence through the channel). Bounded by <paramref name="maxFrames"/>.</summary>
    public static void Run(IModemTransmitter transmitter, IModemReceiver receiver, TestChannel channel, int tailFrames = 25, int maxFrames = 20000, int leadFrames = 3)
    {
        var frame = new short[FrameSamples];
        var pending = new List<short>();
        int tail = 0;
        for (int n = 0; n < maxFrames && tail < tailFrames; n++)
        {
            if (n < leadFrames)
            {
                Array.Clear(frame);
            }
            else if (!transmitter.Finished)
            {
                transmitter.Transmit(frame);
            }
            else
            {
                Array.Clear(frame);
                tail++;
            }

            pending.AddRange(channel.Process(frame));
            while (pending.Count >= FrameSamples)
            {
                receiver.Receive(pending.GetRange(0, FrameSamples).ToArray());
                pending.RemoveRange(0, FrameSamples);
            }
        }
    }
}
