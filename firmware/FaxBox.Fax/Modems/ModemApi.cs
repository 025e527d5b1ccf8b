namespace FaxBox.Fax.Modems;

/// <summary>The physical-layer modems of G3 fax (ITU-T T.30): V.21 channel 2 for control, the others for image data.</summary>
public enum ModemType
{
    /// <summary>ITU-T V.21 channel 2: 300 bit/s FSK, used for T.30 HDLC control frames.</summary>
    V21,

    /// <summary>ITU-T V.27ter: 2400 and 4800 bit/s DPSK.</summary>
    V27ter,

    /// <summary>ITU-T V.29: 7200 and 9600 bit/s QAM.</summary>
    V29,

    /// <summary>ITU-T V.17: 7200, 9600, 12000 and 14400 bit/s trellis-coded QAM.</summary>
    V17,
}

/// <summary>What a modem is set up for.</summary>
/// <param name="Type">The modem.</param>
/// <param name="BitRate">Bits per second; must be one the modem supports (V.21: 300).</param>
/// <param name="ShortTraining">V.17 and V.27ter: the short training sequence (T.30 allows it after a first long one).</param>
/// <param name="LevelDbm0">Transmit level in dBm0 (fax modems usually send at −10 to −13 dBm0).</param>
public sealed record ModemOptions(ModemType Type, int BitRate, bool ShortTraining = false, double LevelDbm0 = -13);

/// <summary>Receiver events delivered beside the data bits.</summary>
public enum ModemStatus
{
    /// <summary>Energy of the modem's signal appeared on the line (carrier detect with hysteresis).</summary>
    CarrierUp,

    /// <summary>The carrier went away.</summary>
    CarrierDown,

    /// <summary>The receiver recognised the start of a training sequence.</summary>
    TrainingInProgress,

    /// <summary>Training completed: data bits follow.</summary>
    TrainingSucceeded,

    /// <summary>Training was seen but failed (the receiver waits for the next attempt).</summary>
    TrainingFailed,
}

/// <summary>Where a modem receiver delivers what it demodulates. Called on the thread that feeds the receiver.</summary>
public interface IModemBitSink
{
    /// <summary>One received data bit (0 or 1), after descrambling and decoding.</summary>
    void PutBit(int bit);

    /// <summary>A change of the receiver's state.</summary>
    void OnStatus(ModemStatus status);
}

/// <summary>Where a modem transmitter takes its data bits from. Called on the thread that clocks the transmitter.</summary>
public interface IModemBitSource
{
    /// <summary>The next bit to send (0 or 1), or <see cref="EndOfData"/> to end the transmission after the current symbol.</summary>
    int GetBit();

    /// <summary>Returned by <see cref="GetBit"/> when there is nothing more to send.</summary>
    public const int EndOfData = -1;
}

/// <summary>A modem transmitter clocked in 20 ms frames: preamble or training, then data from its bit source.</summary>
public interface IModemTransmitter : IDisposable
{
    ModemOptions Options { get; }

    /// <summary>Fills one frame (160 samples). Returns how many samples carry signal; the rest are zero once the transmitter has finished.</summary>
    int Transmit(Span<short> frame);

    /// <summary>True once the transmission (training, data and the closing sequence) has ended.</summary>
    bool Finished { get; }
}

/// <summary>A modem receiver clocked in 20 ms frames.</summary>
public interface IModemReceiver : IDisposable
{
    ModemOptions Options { get; }

    /// <summary>Feeds one frame (160 samples) of line signal; bits and status changes go to the receiver's sink.</summary>
    void Receive(ReadOnlySpan<short> frame);

    /// <summary>True while the receiver is trained and delivering data.</summary>
    bool Trained { get; }

    /// <summary>The receiver's estimate of the signal quality in dB (signal to noise after equalisation); NaN when not trained.</summary>
    double SignalQualityDb { get; }

    /// <summary>
    /// Re-arms the receiver for the next training of the same modem and rate, as T.30 needs between the TCF and a page
    /// and between pages: any carrier or training in progress is dropped without a status report and the receiver waits
    /// for a new one. <paramref name="shortTraining"/> (V.17 and V.27ter only, after a long training on this receiver)
    /// expects the short training sequence; the receiver keeps what it learnt from the last one where it needs it.
    /// <see cref="ModemOptions.ShortTraining"/> of <see cref="Options"/> stays what the receiver was created with.
    /// A receiver that cannot restart throws <see cref="NotSupportedException"/>; create a new one instead.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="shortTraining"/> for a modem without a short training.</exception>
    void Restart(bool shortTraining) =>
        throw new NotSupportedException($"{GetType().Name} ({Options.Type}) cannot be restarted: create a new receiver");
}

/// <summary>Creates modems of one implementation (the native spandsp engine or the managed engine).</summary>
public interface IModemFactory
{
    /// <summary>Short name used on the command line ("native", "managed").</summary>
    string Name { get; }

    IModemTransmitter CreateTransmitter(ModemOptions options, IModemBitSource source);

    IModemReceiver CreateReceiver(ModemOptions options, IModemBitSink sink);
}
