using System.Globalization;
using System.Text;

namespace FaxBox.Fax.Documents;

/// <summary>
/// Writes a PDF 1.4 file by hand (PDF Reference 1.4 §3.4: header, indirect objects, cross-reference table,
/// trailer). Objects are numbered in the order they are reserved; output is deterministic.
/// </summary>
internal sealed class PdfWriter
{
    private readonly Stream _output;
    private readonly List<long> _offsets = [];
    private long _position;

    public PdfWriter(Stream output)
    {
        _output = output;
        // Header plus a comment with bytes above 127 marking the file as binary (§3.4.1).
        Raw("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n"u8);
    }

    /// <summary>Reserves the next object number.</summary>
    public int Reserve()
    {
        _offsets.Add(-1);
        return _offsets.Count;
    }

    /// <summary>Writes object <paramref name="id"/> with a dictionary or other direct value.</summary>
    public void WriteObject(int id, string body)
    {
        Begin(id);
        Text(body);
        Text("\nendobj\n");
    }

    /// <summary>Writes object <paramref name="id"/> as a stream; <c>/Length</c> is added to <paramref name="dictionary"/>.</summary>
    /// <param name="id">Object number.</param>
    /// <param name="dictionary">Dictionary entries without the enclosing &lt;&lt; &gt;&gt;.</param>
    /// <param name="data">Stream data (already encoded as the /Filter says).</param>
    public void WriteStream(int id, string dictionary, ReadOnlySpan<byte> data)
    {
        Begin(id);
        Text(string.Create(CultureInfo.InvariantCulture, $"<< {dictionary} /Length {data.Length} >>\nstream\n"));
        Raw(data);
        Text("\nendstream\nendobj\n");
    }

    /// <summary>Writes the cross-reference table and trailer.</summary>
    public void Finish(int rootId, int infoId)
    {
        long xref = _position;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"xref\n0 {_offsets.Count + 1}\n");
        sb.Append("0000000000 65535 f \n");
        foreach (long offset in _offsets)
        {
            if (offset < 0)
            {
                throw new InvalidOperationException("a reserved PDF object was never written");
            }

            sb.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {_offsets.Count + 1} /Root {rootId} 0 R /Info {infoId} 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        Text(sb.ToString());
    }

    /// <summary>Formats a number for PDF (invariant, at most 10 decimals, no exponent).</summary>
    public static string Number(double value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

    private void Begin(int id)
    {
        _offsets[id - 1] = _position;
        Text(string.Create(CultureInfo.InvariantCulture, $"{id} 0 obj\n"));
    }

    private void Text(string text) => Raw(Encoding.ASCII.GetBytes(text));

    private void Raw(ReadOnlySpan<byte> bytes)
    {
        _output.Write(bytes);
        _position += bytes.Length;
    }
}
