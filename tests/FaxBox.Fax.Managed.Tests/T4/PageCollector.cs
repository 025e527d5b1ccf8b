using FaxBox.Fax.Documents;
using FaxBox.Fax.Managed.T4;

namespace FaxBox.Fax.Managed.Tests.T4;

/// <summary>A row sink that packs decoded rows into a growing page image (test only: it holds the whole page).</summary>
internal sealed class PageCollector(int width) : IT4RowSink
{
    private readonly List<byte[]> _rows = [];

    public int Stride { get; } = (width + 7) / 8;

    public int Rows => _rows.Count;

    public int BadRows { get; private set; }

    public void OnRow(ReadOnlySpan<int> changes, bool bad)
    {
        var row = new byte[Stride];
        T4Row.Pack(changes, width, row);
        _rows.Add(row);
        if (bad)
        {
            BadRows++;
        }
    }

    public FaxPage ToPage(double xDpi, double yDpi)
    {
        var page = new FaxPage(width, Math.Max(1, _rows.Count), xDpi, yDpi);
        for (int y = 0; y < _rows.Count; y++)
        {
            _rows[y].CopyTo(page.GetRow(y));
        }

        return page;
    }

    /// <summary>Pixels differing from <paramref name="expected"/> over the common rows, plus whole rows missing or extra.</summary>
    public long DifferingPixels(FaxPage expected)
    {
        long diff = (long)Math.Abs(expected.Height - _rows.Count) * width;
        for (int y = 0; y < Math.Min(expected.Height, _rows.Count); y++)
        {
            ReadOnlySpan<byte> e = expected.GetRow(y);
            for (int i = 0; i < Stride; i++)
            {
                diff += System.Numerics.BitOperations.PopCount((uint)(e[i] ^ _rows[y][i]));
            }
        }

        return diff;
    }
}
