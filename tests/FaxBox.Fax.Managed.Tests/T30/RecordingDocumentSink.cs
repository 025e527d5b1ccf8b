using FaxBox.Fax.Managed.T4;

namespace FaxBox.Fax.Managed.Tests.T30;

/// <summary>A document sink that keeps each committed page's octets, format and compression.</summary>
internal sealed class RecordingDocumentSink : IT4DocumentSink
{
    public List<(T4PageFormat Format, FaxCompression Compression, byte[] Data)> Pages { get; } = [];

    public int PagesCommitted => Pages.Count;

    public int PagesStarted { get; private set; }

    public bool Disposed { get; private set; }

    /// <summary>Bad rows the next pages report (for RTN tests).</summary>
    public int BadRowsPerPage { get; set; }

    public IT4PageWriter StartPage(T4PageFormat format, FaxCompression compression)
    {
        ObjectDisposedException.ThrowIf(Disposed, this);
        PagesStarted++;
        return new Writer(this, format, compression);
    }

    public void Dispose() => Disposed = true;

    private sealed class Writer(RecordingDocumentSink owner, T4PageFormat format, FaxCompression compression) : IT4PageWriter
    {
        private readonly List<byte> _data = [];
        private bool _committed;

        public int Rows => _data.Count / 16;

        public int BadRows => owner.BadRowsPerPage;

        public int LongestBadRowRun => owner.BadRowsPerPage;

        public bool EndOfPage => false;

        public void Write(ReadOnlySpan<byte> coded) => _data.AddRange(coded);

        public void Commit()
        {
            if (!_committed)
            {
                _committed = true;
                owner.Pages.Add((format, compression, _data.ToArray()));
            }
        }

        public void Dispose()
        {
        }
    }
}
