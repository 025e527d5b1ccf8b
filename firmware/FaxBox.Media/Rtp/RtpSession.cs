using System.Net;
using System.Net.Sockets;
using FaxBox.Core;
using FaxBox.Media.Net;

namespace FaxBox.Media.Rtp;

/// <summary>
/// One RTP session (RFC 3550) with its RTCP: our SSRC, sequence numbers and timestamps from random starts (§5.1),
/// symmetric latching of both sockets, reception statistics (Appendix A), SR/RR with one report block and SDES CNAME
/// every <see cref="RtpSessionOptions.RtcpInterval"/> (randomised ×0.5–1.5, §6.3.5), round-trip time from LSR/DLSR, BYE on
/// dispose. Driven from the media thread: <see cref="Poll"/> (or <see cref="OnTick"/>) reads whatever is waiting without
/// blocking and delivers it to the handler. Not thread-safe: one session belongs to the media thread. Allocation-free
/// after construction.
/// </summary>
public sealed class RtpSession : IRtpSender, IMediaTickHandler, IDisposable
{
    private const int BufferSize = 1500;

    private readonly RtpSessionOptions _options;
    private readonly MediaUdpSocket _rtp;
    private readonly MediaUdpSocket _rtcp;
    private readonly IRtpPacketHandler _handler;
    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly byte[] _receiveBuffer = new byte[BufferSize];
    private readonly byte[] _sendBuffer = new byte[BufferSize];
    private readonly byte[] _rtcpBuffer = new byte[BufferSize];
    private readonly byte[] _cname;
    private readonly RtpReceptionState _reception = new();
    private readonly Random _random;
    private ushort _sequence;
    private long _packetsSent;
    private long _octetsSent;
    private bool _sentSinceReport;
    private TimeSpan _nextReport;
    private uint _lastSrMiddle;
    private long _lastSrArrival;
    private long _rtcpSent;
    private long _rtcpReceived;
    private long _malformed;
    private TimeSpan _roundTrip;
    private RtcpReportBlock? _remoteBlock;
    private bool _bye;
    private bool _disposed;

    /// <summary>The RTP socket's liveness counters: datagrams received from the peer, sends it refused (ICMP port unreachable).</summary>
    public (long Received, long Refused) Liveness => (_rtp.Received, _rtp.Refused);

    /// <summary>
    /// Creates a session on bound sockets (see <see cref="MediaPortAllocator.BindRtpPair"/>; the session owns them)
    /// sending to <paramref name="remoteRtp"/> and RTCP to <paramref name="remoteRtcp"/> (default: the next port).
    /// </summary>
    public RtpSession(RtpSessionOptions options, Socket rtpSocket, Socket rtcpSocket, IPEndPoint remoteRtp, IPEndPoint? remoteRtcp, IRtpPacketHandler handler, TimeProvider? time = null, Core.Capture.PacketTap? tap = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(remoteRtp);
        ArgumentNullException.ThrowIfNull(handler);
        options.Validate();
        _options = options;
        _handler = handler;
        _time = time ?? TimeProvider.System;
        _random = new Random();
        _rtp = new MediaUdpSocket(rtpSocket, remoteRtp, options.SymmetricLatching, tap);
        _rtcp = new MediaUdpSocket(rtcpSocket, remoteRtcp ?? new IPEndPoint(remoteRtp.Address, remoteRtp.Port + 1), options.SymmetricLatching, tap);
        _cname = System.Text.Encoding.UTF8.GetBytes(options.Cname);
        Ssrc = options.Ssrc ?? (uint)_random.NextInt64(1, uint.MaxValue);
        _sequence = (ushort)_random.Next(0, 65536);
        NextTimestamp = (uint)_random.NextInt64(0, uint.MaxValue);
        _start = _time.GetTimestamp();
        _nextReport = NextReportDelay();
    }

    /// <summary>Binds a port pair from <paramref name="ports"/> and opens a session on it.</summary>
    public static RtpSession Open(MediaPortAllocator ports, RtpSessionOptions options, IPEndPoint remoteRtp, IRtpPacketHandler handler, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(ports);
        (Socket rtp, Socket rtcp) = ports.BindRtpPair();
        return new RtpSession(options, rtp, rtcp, remoteRtp, null, handler, time, ports.Tap);
    }

    /// <summary>Our SSRC.</summary>
    public uint Ssrc { get; }

    /// <summary>Local RTP address and port (for SDP <c>m=</c>).</summary>
    public IPEndPoint LocalRtpEndPoint => _rtp.LocalEndPoint;

    /// <summary>Local RTCP address and port.</summary>
    public IPEndPoint LocalRtcpEndPoint => _rtcp.LocalEndPoint;

    /// <summary>Where RTP goes now (after latching, where the peer's packets come from).</summary>
    public IPEndPoint RemoteRtpEndPoint => _rtp.RemoteEndPoint;

    /// <summary>True once the peer's RTP arrived (and, with latching, the remote address follows it).</summary>
    public bool Latched => _rtp.Latched;

    /// <summary>RTP packets dropped because they came from an address other than the (latched) peer.</summary>
    public long ForeignPackets => _rtp.ForeignPackets;

    /// <summary>The timestamp <see cref="SendAudio"/> gives the next audio packet.</summary>
    public uint NextTimestamp { get; private set; }

    /// <summary>The sequence number of the next packet.</summary>
    public ushort NextSequenceNumber => _sequence;

    /// <summary>Sends one packet with an explicit timestamp (RFC 4733 events keep their start timestamp).</summary>
    public void Send(byte payloadType, ReadOnlySpan<byte> payload, uint timestamp, bool marker)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int length = RtpHeader.Write(_sendBuffer, marker, payloadType, _sequence, timestamp, Ssrc);
        payload.CopyTo(_sendBuffer.AsSpan(length));
        length += payload.Length;
        _sequence++;
        if (_rtp.Send(_sendBuffer.AsSpan(0, length)))
        {
            _packetsSent++;
            _octetsSent += payload.Length;
            _sentSinceReport = true;
        }
    }

    /// <summary>Sends <paramref name="payload"/> of <paramref name="samples"/> samples at <see cref="NextTimestamp"/> and advances it.</summary>
    public void SendAudio(byte payloadType, ReadOnlySpan<byte> payload, int samples, bool marker = false)
    {
        Send(payloadType, payload, NextTimestamp, marker);
        NextTimestamp += (uint)samples;
    }

    /// <summary>Advances <see cref="NextTimestamp"/> for media time that was not sent as audio (silence suppression, an RFC 4733 event).</summary>
    public void AdvanceTimestamp(int samples) => NextTimestamp += (uint)samples;

    /// <summary>The session's figures now.</summary>
    public RtpSessionStatistics Statistics => new()
    {
        PacketsSent = _packetsSent,
        OctetsSent = _octetsSent,
        PacketsReceived = _reception.Received,
        PacketsExpected = _reception.Expected,
        PacketsLost = _reception.CumulativeLost,
        FractionLost = _reception.Expected == 0 ? 0 : _reception.CumulativeLost / (double)_reception.Expected,
        Jitter = TimeSpan.FromTicks(_reception.Jitter * TimeSpan.TicksPerSecond / _options.ClockRate),
        RoundTrip = _roundTrip,
        RemotePacketsLost = _remoteBlock?.CumulativeLost ?? 0,
        RemoteFractionLost = (_remoteBlock?.FractionLost ?? 0) / 256.0,
        RemoteJitter = TimeSpan.FromTicks((_remoteBlock?.Jitter ?? 0) * TimeSpan.TicksPerSecond / _options.ClockRate),
        RtcpSent = _rtcpSent,
        RtcpReceived = _rtcpReceived,
        Malformed = _malformed,
        ByeReceived = _bye,
    };

    /// <summary>Polls on every media tick.</summary>
    public void OnTick(in MediaTick tick) => Poll();

    /// <summary>Reads all waiting RTP and RTCP without blocking, delivers RTP to the handler and sends a report when due.</summary>
    public void Poll()
    {
        if (_disposed)
        {
            return;
        }

        int n;
        while ((n = _rtp.TryReceive(_receiveBuffer)) > 0)
        {
            ReadOnlySpan<byte> packet = _receiveBuffer.AsSpan(0, n);
            if (!RtpHeader.TryParse(packet, out RtpHeader header, out _))
            {
                _malformed++;
                continue;
            }

            long arrival = _time.GetElapsedTime(_start).Ticks * _options.ClockRate / TimeSpan.TicksPerSecond;
            if (_reception.Update(header.Ssrc, header.SequenceNumber, header.Timestamp, arrival))
            {
                _handler.OnRtpPacket(header, packet.Slice(header.PayloadOffset, header.PayloadLength));
            }
        }

        while ((n = _rtcp.TryReceive(_receiveBuffer)) > 0)
        {
            ReceiveRtcp(_receiveBuffer.AsSpan(0, n));
        }

        if (_time.GetElapsedTime(_start) >= _nextReport)
        {
            SendReport(bye: false);
            _nextReport = _time.GetElapsedTime(_start) + NextReportDelay();
        }
    }

    /// <summary>Sends a report now, outside the randomised schedule (tests and the end of a fax, for a last figure).</summary>
    public void SendReportNow() => SendReport(bye: false);

    /// <summary>Sends RTCP BYE and closes both sockets.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        SendReport(bye: true);
        _disposed = true;
        _rtp.Dispose();
        _rtcp.Dispose();
    }

    private void ReceiveRtcp(ReadOnlySpan<byte> compound)
    {
        if (!RtcpCompoundReader.TryRead(compound, Ssrc, out RtcpSummary summary, out _))
        {
            _malformed++;
            return;
        }

        _rtcpReceived++;
        long now = _time.GetTimestamp();
        if (summary.HasSenderReport)
        {
            _lastSrMiddle = NtpTimestamp.Middle(summary.SenderNtp);
            _lastSrArrival = now;
        }

        if (summary.Block is RtcpReportBlock block)
        {
            _remoteBlock = block;
            if (block.LastSr != 0)
            {
                // §6.4.1: RTT = A − LSR − DLSR, in 1/65536 s.
                uint arrival = NtpTimestamp.Middle(NtpTimestamp.FromDateTime(_time.GetUtcNow()));
                uint rtt = arrival - block.LastSr - block.DelaySinceLastSr;
                if (rtt < 0x8000_0000)
                {
                    _roundTrip = TimeSpan.FromTicks(rtt * TimeSpan.TicksPerSecond / 65536);
                }
            }
        }

        _bye |= summary.Bye;
    }

    private void SendReport(bool bye)
    {
        ulong ntp = NtpTimestamp.FromDateTime(_time.GetUtcNow());
        RtcpReportBlock? block = null;
        if (_reception.Valid)
        {
            uint dlsr = _lastSrMiddle == 0 ? 0 : (uint)(_time.GetElapsedTime(_lastSrArrival).Ticks * 65536 / TimeSpan.TicksPerSecond);
            block = new RtcpReportBlock(_reception.Ssrc, _reception.TakeFractionLost(), (int)Math.Min(_reception.CumulativeLost, 0x7FFFFF),
                _reception.ExtendedHighest, _reception.Jitter, _lastSrMiddle, dlsr);
        }

        int length = RtcpWriter.WriteReport(_rtcpBuffer, Ssrc, _sentSinceReport, ntp, NextTimestamp, (uint)_packetsSent, (uint)_octetsSent, block);
        length += RtcpWriter.WriteSdes(_rtcpBuffer.AsSpan(length), Ssrc, _cname);
        if (bye)
        {
            length += RtcpWriter.WriteBye(_rtcpBuffer.AsSpan(length), Ssrc);
        }

        _sentSinceReport = false;
        if (_rtcp.Send(_rtcpBuffer.AsSpan(0, length)))
        {
            _rtcpSent++;
        }
    }

    private TimeSpan NextReportDelay() => _options.RtcpInterval * (0.5 + _random.NextDouble());
}
