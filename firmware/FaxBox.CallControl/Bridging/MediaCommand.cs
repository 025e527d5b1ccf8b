using System.Net;
using FaxBox.Core.Status;
using FaxBox.Fax;
using FaxBox.Media.G711;
using FaxBox.Media.Jitter;
using FaxBox.Media.Rtp;
using FaxBox.Media.Udptl;

namespace FaxBox.CallControl.Bridging;

/// <summary>
/// A mode change requested from a signalling thread, with everything it needs already built there (sessions, jitter
/// buffer, T.38 gateway), so that the media thread only swaps references when it picks the command up.
/// </summary>
internal sealed class MediaCommand
{
    public required CallMediaMode Mode { get; init; }

    public IPEndPoint? Remote { get; init; }

    /// <summary>The RTP session to use (a new one when the remote changed, else the current one).</summary>
    public RtpSession? Rtp { get; init; }

    public byte PayloadType { get; init; }

    public int TelephoneEventPayloadType { get; init; } = -1;

    public G711Law Law { get; init; }

    public FixedJitterBuffer? FaxBuffer { get; init; }

    public AdaptiveJitterBuffer? VoiceBuffer { get; init; }

    public UdptlSession? Udptl { get; init; }

    public IT38Gateway? Gateway { get; init; }

    /// <summary>Frees what the media thread never took over (a command replaced before it was applied).</summary>
    public void Discard() => Gateway?.Dispose();
}
