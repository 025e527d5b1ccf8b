using FaxBox.Fax;
using FaxBox.LineInterface.Signalling;

namespace FaxBox.LineInterface.Simulated;

/// <summary>What a virtual fax machine does: send a document or receive one, and how it dials and answers.</summary>
public sealed class VirtualFaxMachineOptions
{
    /// <summary>Send or receive. Required.</summary>
    public required FaxDirection Direction { get; init; }

    /// <summary>For sending: the TIFF-F document (see FaxBox.Fax.Documents: TestPageGenerator writes one).</summary>
    public string? SendFile { get; init; }

    /// <summary>For receiving: where the received TIFF is written.</summary>
    public string? ReceiveFile { get; init; }

    /// <summary>Station identity (TSI/CSI). Default "VIRTUAL FAX".</summary>
    public string LocalIdent { get; init; } = "VIRTUAL FAX";

    /// <summary>How the machine dials. Default DTMF.</summary>
    public DialMethod DialMethod { get; init; } = DialMethod.Dtmf;

    /// <summary>Pulse and pause timing. Default <see cref="DialTiming"/>'s.</summary>
    public DialTiming DialTiming { get; init; } = new();

    /// <summary>How long the machine waits for dial tone before dialling blind, as machines set to "no dial-tone detect" do. Default 3 s.</summary>
    public TimeSpan DialToneTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Ring cycles before answering an incoming call. Default 2.</summary>
    public int AnswerAfterRings { get; init; } = 2;

    /// <summary>Error correction mode. Default on.</summary>
    public bool Ecm { get; init; } = true;

    /// <summary>Modems offered. Default all.</summary>
    public FaxModems Modems { get; init; } = FaxModems.All;

    /// <summary>Give up a call that has not finished after this much simulated time. Default 10 minutes.</summary>
    public TimeSpan Watchdog { get; init; } = TimeSpan.FromMinutes(10);
}
