using System.Collections.Immutable;
using FaxBox.Core.Status;

namespace FaxBox.Admin.Tests.Infrastructure;

/// <summary>Known T.30 frame lists (as a terminal call sending <c>n</c> pages without ECM records them).</summary>
public static class Ladders
{
    public static ImmutableArray<T30FrameEntry> Sent(int pages)
    {
        var frames = ImmutableArray.CreateBuilder<T30FrameEntry>();
        var t = 3.0;
        TimeSpan At(double step) => TimeSpan.FromSeconds(t += step);
        frames.Add(new(At(0), T30FrameOrigin.Remote, "CSI", "FF0340"));
        frames.Add(new(At(0.5), T30FrameOrigin.Remote, "DIS", "FF138000EEF8"));
        frames.Add(new(At(1.2), T30FrameOrigin.Local, "TSI", "FF0342"));
        frames.Add(new(At(0.3), T30FrameOrigin.Local, "DCS", "FF13830046"));
        frames.Add(new(At(3.1), T30FrameOrigin.Remote, "CFR", "FF1384"));
        for (var p = 1; p <= pages; p++)
        {
            frames.Add(new(At(9), T30FrameOrigin.Local, p == pages ? "EOP" : "MPS", p == pages ? "FF132F" : "FF134F"));
            frames.Add(new(At(1.1), T30FrameOrigin.Remote, "MCF", "FF138C"));
        }

        frames.Add(new(At(0.9), T30FrameOrigin.Local, "DCN", "FF13FB"));
        return frames.ToImmutable();
    }
}
