namespace FaxBox.Fax.Managed.T30;

/// <summary>What a <see cref="T30Engine"/> tells the terminal that owns it: phases and frames, raised synchronously.</summary>
internal interface IT30Observer
{
    /// <summary>Phase B reached (DCS/CFR exchanged) or phase D (a page confirmed).</summary>
    void OnPhase(FaxPhase phase);

    /// <summary>Phase E: the call ended with <paramref name="code"/> and <paramref name="text"/>.</summary>
    void OnEnd(T30CompletionCode code, string text);

    /// <summary>True when someone listens for frames (so frames are copied only then).</summary>
    bool WantsFrames { get; }

    /// <summary>A frame sent or received, in <see cref="T30Frames"/> order (first bit sent in the LSB), no FCS.</summary>
    void OnFrame(bool incoming, ReadOnlySpan<byte> frame);
}
