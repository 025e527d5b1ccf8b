using System.Text;

namespace FaxBox.FaxServer.Documents;

/// <summary>Recognises a file's type from its first bytes (magic numbers), never from its name.</summary>
internal static class DocumentSniffer
{
    /// <summary>How many leading bytes <see cref="Sniff"/> looks at.</summary>
    public const int HeadLength = 1024;

    /// <summary>The PNG signature (PNG specification, 3rd ed., §5.2).</summary>
    public static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The type of a file starting with <paramref name="head"/>, or null with a hint for the user.</summary>
    public static DocumentType? Sniff(ReadOnlySpan<byte> head, out string reason)
    {
        reason = string.Empty;
        if (head.StartsWith(PngSignature))
        {
            return DocumentType.Png;
        }

        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
        {
            return DocumentType.Jpeg;
        }

        if (head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8) || head.StartsWith("II+\0"u8) || head.StartsWith("MM\0+"u8))
        {
            return DocumentType.Tiff;
        }

        if (head.IndexOf("%PDF-"u8) >= 0)
        {
            return DocumentType.Pdf;
        }

        if (head.Length == 0)
        {
            reason = "is empty";
        }
        else if (head.StartsWith("%!"u8))
        {
            reason = "is a PostScript file, which is not accepted; print it to PDF and submit the PDF";
        }
        else if (head.StartsWith("PK\u0003\u0004"u8))
        {
            reason = "is a ZIP archive or an office document (Word, Excel, OpenDocument); save it as PDF and submit the PDF";
        }
        else if (head.StartsWith("GIF8"u8) || head.StartsWith("BM"u8) || head.StartsWith("RIFF"u8))
        {
            reason = "is an image type that is not accepted (GIF, BMP or WebP); convert it to PNG or PDF";
        }
        else if (LooksLikeText(head))
        {
            reason = "is a text file, not a document; print it to PDF and submit the PDF";
        }
        else
        {
            reason = "is not a PDF, TIFF, PNG or JPEG file (recognised by its content, not its name)";
        }

        return null;
    }

    private static bool LooksLikeText(ReadOnlySpan<byte> head)
    {
        int n = Math.Min(head.Length, 512);
        return n > 0 && head[..n].IndexOfAnyInRange((byte)0, (byte)8) < 0 && System.Text.Unicode.Utf8.IsValid(head[..Math.Max(0, n - 4)]);
    }
}
