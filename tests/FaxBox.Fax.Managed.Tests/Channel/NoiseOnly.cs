using FaxBox.Fax.Modems;

namespace FaxBox.Fax.Managed.Tests.Channel;

/// <summary>Feeds a receiver nothing but channel noise.</summary>
internal static class NoiseOnly
{
    public static RecordingBitSink Run(IModemFactory factory, ModemOptions options, double noiseDbm0, int frames, int seed = 11)
    {
        var sink = new RecordingBitSink();
        using var rx = factory.CreateReceiver(options, sink);
        var channel = new TestChannel(noiseDbm0: noiseDbm0, seed: seed);
        var silence = new short[ModemLink.FrameSamples];
        for (int n = 0; n < frames; n++)
        {
            rx.Receive(channel.Process(silence));
            Assert.False(rx.Trained);
        }

        return sink;
    }
}
