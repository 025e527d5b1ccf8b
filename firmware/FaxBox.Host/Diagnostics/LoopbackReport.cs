namespace FaxBox.Host.Diagnostics;

/// <summary>What a loopback call did; written as <c>report.json</c>.</summary>
public sealed record LoopbackReport
{
    /// <summary>Both ends reported success and the received pages equal the sent ones pixel for pixel.</summary>
    public required bool Success { get; init; }

    public required string Engine { get; init; }

    public required string Path { get; init; }

    public required string Modem { get; init; }

    public required bool EcmOffered { get; init; }

    public required string Codec { get; init; }

    public required double LossPercent { get; init; }

    public required int Redundancy { get; init; }

    public double? NoiseDbm0 { get; init; }

    public required int Seed { get; init; }

    /// <summary>Pages the sender's document has.</summary>
    public required int PagesSent { get; init; }

    /// <summary>Pages the receiver wrote.</summary>
    public required int Pages { get; init; }

    public required int BitRate { get; init; }

    /// <summary>ECM in use on the line.</summary>
    public required bool Ecm { get; init; }

    /// <summary>The receiver's T.30 completion code (0 = OK).</summary>
    public required int T30Code { get; init; }

    /// <summary>The receiver's T.30 completion text.</summary>
    public required string T30Text { get; init; }

    /// <summary>The sender's T.30 completion code.</summary>
    public required int SenderT30Code { get; init; }

    /// <summary>The sender's T.30 completion text.</summary>
    public required string SenderT30Text { get; init; }

    /// <summary>Pixels that differ between the sent and received documents (all pixels of missing pages count).</summary>
    public required long DifferingPixels { get; init; }

    public required int BadRows { get; init; }

    public required double SimulatedSeconds { get; init; }

    /// <summary>Process CPU time the call took.</summary>
    public required double CpuSeconds { get; init; }

    /// <summary>T.38 datagrams sent and lost, and IFPs recovered by redundancy or lost, over all T.38 legs.</summary>
    public long DatagramsSent { get; init; }

    public long DatagramsLost { get; init; }

    public long IfpsRecovered { get; init; }

    public long IfpsLost { get; init; }

    /// <summary>The received document, when one was written.</summary>
    public string? ReceivedFile { get; init; }
}
