using FaxBox.Core;
using FaxBox.Fax;

namespace FaxBox.Benchmarks;

/// <summary>What a role is built on (spandsp_bench.c's role_kind_t).</summary>
internal enum RoleKind
{
    /// <summary><see cref="IAudioFaxTerminal"/>: ReceiveAudio(previous frame's audio) + TransmitAudio.</summary>
    Fax,

    /// <summary><see cref="IT38Gateway"/>: IFPs in + ReceiveAudio + TransmitAudio.</summary>
    Gateway,

    /// <summary><see cref="IT38FaxTerminal"/>: IFPs in + Tick.</summary>
    Terminal,
}

/// <summary>One role of the call and its per-frame measurements.</summary>
internal sealed class Role : IDisposable
{
    private Role(string name, string dir, RoleKind kind, int framesLimit)
    {
        Name = name;
        Dir = dir;
        Kind = kind;
        FrameUs = new double[framesLimit];
    }

    public string Name { get; }

    public string Dir { get; }

    public RoleKind Kind { get; }

    public IAudioFaxTerminal? Audio { get; private init; }

    public IT38FaxTerminal? Terminal { get; private init; }

    public IT38Gateway? Gateway { get; private init; }

    /// <summary>The T.30 end (null for the gateway).</summary>
    public IFaxTerminal? T30 => (IFaxTerminal?)Audio ?? Terminal;

    /// <summary>Audio from the peer, produced in the previous frame.</summary>
    public short[] In { get; } = new short[AudioFrame.Samples];

    /// <summary>Audio produced this frame.</summary>
    public short[] Out { get; } = new short[AudioFrame.Samples];

    /// <summary>IFPs addressed to this role (terminal, gateway).</summary>
    public IfpQueue? IfpIn { get; set; }

    /// <summary>This frame delivers the IFPs queued before this index.</summary>
    public uint IfpUntil { get; set; }

    /// <summary>CPU per frame in µs, timer overhead removed.</summary>
    public double[] FrameUs { get; }

    public int Frames { get; set; }

    /// <summary>Bytes allocated on this thread inside this role's brackets, over the call.</summary>
    public long AllocBytes { get; set; }

    /// <summary>Frames in which the bracket allocated anything.</summary>
    public int AllocFrames { get; set; }

    /// <summary>Phase E reached (not the engine's watchdog, which the benchmark sets beyond its own frame limit).</summary>
    public bool Done => T30?.Result is { Completion: not FaxCompletion.Watchdog };

    public int ResultCode => Done ? T30!.Result!.T30Code : -1;

    public static Role Fax(string name, string dir, IAudioFaxTerminal terminal, int framesLimit) =>
        new(name, dir, RoleKind.Fax, framesLimit) { Audio = terminal };

    public static Role T38Terminal(string name, string dir, IT38FaxTerminal terminal, int framesLimit) =>
        new(name, dir, RoleKind.Terminal, framesLimit) { Terminal = terminal };

    public static Role T38Gateway(string name, IT38Gateway gateway, int framesLimit) =>
        new(name, "gw", RoleKind.Gateway, framesLimit) { Gateway = gateway };

    public void Dispose()
    {
        Audio?.Dispose();
        Terminal?.Dispose();
        Gateway?.Dispose();
    }
}
