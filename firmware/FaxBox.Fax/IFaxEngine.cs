using FaxBox.Fax.CallerId;
using FaxBox.Fax.Tones;

namespace FaxBox.Fax;

/// <summary>
/// A fax DSP engine: T.30 terminals over audio or T.38, a T.38 gateway, and the tone, DTMF and caller-ID parts that
/// line ports and call control need. Every object it creates is clocked by its caller in 20 ms frames
/// (<see cref="FaxBox.Core.AudioFrame"/>): no hidden threads, no sleeps, no wall clock. Objects are not thread-safe;
/// drive each from one thread at a time.
/// </summary>
public interface IFaxEngine
{
    /// <summary>Short name used on the command line and in reports ("native", "managed").</summary>
    string Name { get; }

    /// <summary>A fax terminal that sends or receives a document over an audio channel (G.711 or analog line).</summary>
    IAudioFaxTerminal CreateAudioTerminal(FaxTerminalOptions options);

    /// <summary>A fax terminal that sends or receives a document over T.38; IFP packets leave through <paramref name="packets"/>.</summary>
    IT38FaxTerminal CreateT38Terminal(FaxTerminalOptions options, IIfpSink packets);

    /// <summary>A T.38 gateway joining an audio fax leg to a T.38 leg; IFP packets leave through <paramref name="packets"/>.</summary>
    IT38Gateway CreateT38Gateway(T38GatewayOptions options, IIfpSink packets);

    /// <summary>A passive T.30 listener for one direction of an audio fax call (V.21 channel 2 HDLC frames).</summary>
    IT30Monitor CreateT30Monitor();

    /// <summary>A detector for fax and modem connect tones and the V.21 preamble.</summary>
    IToneDetector CreateToneDetector(ToneDetectorOptions options);

    /// <summary>A generator for fax and modem connect tones (CNG, CED/ANS, ANS/PR, ANSam, ANSam/PR).</summary>
    IToneGenerator CreateToneGenerator(FaxTone tone);

    /// <summary>A DTMF receiver (ITU-T Q.23/Q.24).</summary>
    IDtmfReceiver CreateDtmfReceiver();

    /// <summary>A DTMF generator.</summary>
    IDtmfGenerator CreateDtmfGenerator();

    /// <summary>An on-hook caller-ID (CLIP/CLASS) receiver for the given standard.</summary>
    ICallerIdReceiver CreateCallerIdReceiver(CallerIdStandard standard);

    /// <summary>An on-hook caller-ID generator for the given standard.</summary>
    ICallerIdGenerator CreateCallerIdGenerator(CallerIdStandard standard);
}
