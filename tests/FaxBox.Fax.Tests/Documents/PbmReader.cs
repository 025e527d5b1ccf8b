using System.Text;

namespace FaxBox.Fax.Tests.Documents;

/// <summary>Reads binary PBM (P4) files as written by <c>pdftoppm -mono</c>: 1 = black, rows padded to bytes.</summary>
internal static class PbmReader
{
    public static (int Width, int Height, byte[] Bits) Read(string path)
    {
        byte[] data = File.ReadAllBytes(path);
        int pos = 0;
        string Token()
        {
            while (true)
            {
                while (char.IsWhiteSpace((char)data[pos]))
                {
                    pos++;
                }

                if (data[pos] != '#')
                {
                    break;
                }

                while (data[pos] != '\n')
                {
                    pos++;
                }
            }

            int start = pos;
            while (!char.IsWhiteSpace((char)data[pos]))
            {
                pos++;
            }

            return Encoding.ASCII.GetString(data, start, pos - start);
        }

        Assert.Equal("P4", Token());
        int w = int.Parse(Token(), System.Globalization.CultureInfo.InvariantCulture);
        int h = int.Parse(Token(), System.Globalization.CultureInfo.InvariantCulture);
        pos++; // single whitespace after the header
        return (w, h, data[pos..]);
    }
}
