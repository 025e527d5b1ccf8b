using System.Collections.Immutable;
using FaxBox.Core.Status;
using FaxBox.Fax;

namespace FaxBox.CallControl.Records;

/// <summary>
/// Collects the T.30 frames of one call for its <see cref="FaxRecord"/>'s ladder diagram (<see cref="FaxRecord.T30Frames"/>):
/// time, side and mnemonic of each frame, its octets for the control frames of T.30 Table 1, never the octets of frames
/// that carry the document (ECM FCD/RCP), whose runs fold into one entry with a count. Bounded: at most
/// <see cref="FaxRecord.MaxT30Frames"/> entries; later frames overwrite the last entry (so DCN stays visible) and are
/// counted as omitted.
/// <para>Frames arrive on the media thread, a few per second at most; the lock is short and never held across a frame.</para>
/// </summary>
public sealed class T30LadderRecorder
{
    /// <summary>Facsimile coded data, an ECM frame of the page (T.30 Annex A, Table A.1).</summary>
    private const byte Fcd = 0x06;

    /// <summary>Return to control for partial page (T.30 Annex A, Table A.1).</summary>
    private const byte Rcp = 0x86;

    private readonly Lock _lock = new();
    private readonly List<T30FrameEntry> _entries = [];
    private int _omitted;

    /// <summary>Frames folded into the last entry that its <see cref="T30FrameEntry.Count"/> does not show yet.</summary>
    private int _folded;

    /// <summary>Entries kept so far.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Records one frame (address, control, FCF, FIF; no FCS) sent by <paramref name="from"/> at media time <paramref name="at"/>.</summary>
    public void Add(T30FrameOrigin from, TimeSpan at, ReadOnlySpan<byte> frame)
    {
        if (frame.Length < 3)
        {
            return;
        }

        var type = T30Frames.TypeOf(frame[2]);
        var control = Enum.IsDefined(type);
        lock (_lock)
        {
            var name = frame[2] switch
            {
                Fcd => "FCD",
                Rcp => "RCP",
                _ => T30Frames.Name(frame[2]),
            };
            if (!control && _entries.Count > 0 && _entries[^1] is { Bytes: null } last && last.From == from && last.Name == name)
            {
                // A run of image frames (hundreds a page) folds into a pending count: no new entry object per frame.
                _folded++;
                return;
            }

            FlushFolded();
            var entry = new T30FrameEntry(at, from, name, control ? Hex(frame) : null);
            if (_entries.Count < FaxRecord.MaxT30Frames)
            {
                _entries.Add(entry);
            }
            else
            {
                _omitted++;
                _entries[^1] = entry;
            }
        }
    }

    /// <summary>The entries so far and how many frames were left out.</summary>
    public (ImmutableArray<T30FrameEntry> Frames, int Omitted) Snapshot()
    {
        lock (_lock)
        {
            FlushFolded();
            return ([.. _entries], _omitted);
        }
    }

    /// <summary><paramref name="record"/> with this call's frames.</summary>
    public FaxRecord AttachTo(FaxRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var (frames, omitted) = Snapshot();
        return record with { T30Frames = frames, T30FramesOmitted = omitted };
    }

    /// <summary>Writes the pending fold count into the last entry; called under the lock.</summary>
    private void FlushFolded()
    {
        if (_folded > 0)
        {
            _entries[^1] = _entries[^1] with { Count = _entries[^1].Count + _folded };
            _folded = 0;
        }
    }

    private static string Hex(ReadOnlySpan<byte> frame) =>
        Convert.ToHexString(frame[..Math.Min(frame.Length, T30FrameEntry.MaxBytes)]);
}
