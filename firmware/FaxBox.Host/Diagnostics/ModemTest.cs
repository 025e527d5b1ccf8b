using FaxBox.Core;
using FaxBox.Fax.Modems;

namespace FaxBox.Host.Diagnostics;

/// <summary>
/// A bit-error-rate test of one modem pair: a <see cref="PrbsBitSource"/> (ones, then the O.150 2²³−1 pattern) drives
/// the transmitter, every frame passes through a <see cref="ModemChannel"/> and the receiver's bits are compared with the
/// pattern by a <see cref="BitErrorCounter"/>. Without a transmitter the receiver hears the channel's noise alone, for as
/// long as the data would have lasted (at least 10 s). Everything is frame-clocked and seeded: the same options give the
/// same report.
/// </summary>
internal static class ModemTest
{
    /// <summary>Frames of channel output fed after the transmitter has finished, so the receiver sees the carrier drop.</summary>
    private const int TailFrames = 25;

    public static ModemTestReport Run(ModemTestOptions options, IModemFactory? transmitter, IModemFactory receiver)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(receiver);
        options.Validate();
        var modem = new ModemOptions(options.Modem, options.BitRate, LevelDbm0: options.LevelDbm0);
        var channelOptions = options.Channel with { SignalLevelDbm0 = options.LevelDbm0, Seed = options.Seed };
        var channel = new ModemChannel(channelOptions);
        var preamble = Math.Max(64, options.BitRate / 10);
        var sending = options.Transmit && transmitter is not null;
        var source = new PrbsBitSource(options.Bits, options.Seed, preamble);
        var counter = new BitErrorCounter(options.Bits, options.Seed, searchBits: preamble + 4096);

        // Training (V.17 long: ~1.4 s), the data, and the closing sequence, with generous room: a bound, not a target.
        var dataFrames = (int)(((long)options.Bits + preamble) * AudioFrame.SampleRate / options.BitRate / AudioFrame.Samples);
        var maxFrames = sending ? dataFrames + 500 : Math.Max(dataFrames, 500);

        using var tx = sending ? transmitter!.CreateTransmitter(modem, source) : null;
        using var rx = receiver.CreateReceiver(modem, counter);
        var frame = new short[AudioFrame.Samples];
        double? quality = null;
        var frames = 0;
        var tail = 0;
        while (frames < maxFrames && tail < TailFrames)
        {
            if (tx is not null && !tx.Finished)
            {
                tx.Transmit(frame);
            }
            else
            {
                Array.Clear(frame);
                if (tx is not null)
                {
                    tail++;
                }
            }

            channel.Pass(frame);
            rx.Receive(frame);
            frames++;
            if (rx.Trained && counter.Received <= preamble + (options.Bits / 2) && !double.IsNaN(rx.SignalQualityDb))
            {
                quality = rx.SignalQualityDb;
            }
        }

        var result = sending ? counter.Evaluate() : new BitErrorResult(0, 0, Synchronized: false, Offset: -1);
        var carrierUps = counter.StatusCounts[(int)ModemStatus.CarrierUp];
        var trainings = counter.StatusCounts[(int)ModemStatus.TrainingSucceeded];
        var trained = trainings > 0 || (options.Modem == ModemType.V21 && carrierUps > 0);
        return new ModemTestReport
        {
            Modem = options.Modem.ToString().ToLowerInvariant(),
            BitRate = options.BitRate,
            Tx = sending ? transmitter!.Name : "none",
            Rx = receiver.Name,
            Codec = options.Channel.Codec switch { LoopbackCodec.ALaw => "alaw", LoopbackCodec.MuLaw => "ulaw", _ => "linear" },
            LevelDbm0 = options.LevelDbm0,
            SnrDb = options.Channel.SnrDb,
            NoiseDbm0 = channelOptions.EffectiveNoiseDbm0,
            FreqOffsetHz = options.Channel.FrequencyOffsetHz,
            ClockPpm = options.Channel.ClockPpm,
            Seed = options.Seed,
            Bits = result.Bits,
            BitErrors = result.Errors,
            Ber = result.Rate,
            Slips = result.Slips,
            SlippedBits = result.SlippedBits,
            Synchronized = result.Synchronized,
            TrainingSucceeded = trained,
            TrainingFailures = counter.StatusCounts[(int)ModemStatus.TrainingFailed],
            CarrierUps = carrierUps,
            CarrierDowns = counter.StatusCounts[(int)ModemStatus.CarrierDown],
            QualityDb = quality is { } q ? Math.Round(q, 2) : null,
            Signal = trainings > 0 ? "trained" : carrierUps > 0 ? "carrier" : "no signal",
            FalseCarrier = sending ? null : carrierUps > 0 || trainings > 0,
            BitsDelivered = counter.Received,
            SimulatedSeconds = Math.Round(frames * AudioFrame.Milliseconds / 1000.0, 2),
        };
    }
}
