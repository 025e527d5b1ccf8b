using System.Globalization;
using System.Text;

namespace FaxBox.FaxServer.Documents;

/// <summary>
/// Decodes a JPEG to greyscale with Ghostscript's DCTDecode filter (IJG libjpeg: baseline and progressive), drawing it
/// one image pixel per device pixel on the <c>pgmraw</c> device; the PostScript program is generated with the file
/// name as a hex string and gs may read only that file (<c>-dSAFER --permit-file-read</c>).
/// </summary>
internal static class JpegRasterizer
{
    /// <exception cref="DocumentRejectedException">The JPEG cannot be decoded.</exception>
    public static async Task<GreyImage> DecodeAsync(Ghostscript gs, string jpegPath, string name, JpegHeader header, string workFolder, CancellationToken cancellationToken)
    {
        string full = Path.GetFullPath(jpegPath);
        string program = Path.Combine(workFolder, "jpeg.ps");
        string output = Path.Combine(workFolder, "jpeg.pgm");
        (string space, string decode) = header.Components switch
        {
            1 => ("/DeviceGray", "[0 1]"),
            3 => ("/DeviceRGB", "[0 1 0 1 0 1]"),
            _ => ("/DeviceCMYK", header.AdobeInverted ? "[1 0 1 0 1 0 1 0]" : "[0 1 0 1 0 1 0 1]"),
        };
        int w = header.Width, h = header.Height;
        string ps = string.Create(CultureInfo.InvariantCulture, $"""
            %!PS
            /src {PostScriptText.HexPath(full)} (r) file /DCTDecode filter def
            << /PageSize [{w} {h}] >> setpagedevice
            {space} setcolorspace
            {w} {h} scale
            << /ImageType 1 /Width {w} /Height {h} /BitsPerComponent 8 /Decode {decode}
               /ImageMatrix [{w} 0 0 -{h} 0 {h}] /DataSource src >> image
            showpage

            """);
        await File.WriteAllTextAsync(program, ps, Encoding.ASCII, cancellationToken).ConfigureAwait(false);
        string[] args =
        [
            "-sDEVICE=pgmraw", "-r72", "--permit-file-read=" + full,
            "-sOutputFile=" + output.Replace("%", "%%", StringComparison.Ordinal), program,
        ];
        (int exitCode, string _) result;
        try
        {
            result = await gs.RunAsync(args, cancellationToken).ConfigureAwait(false);
        }
        catch (GhostscriptException ex) when (ex.TimedOut)
        {
            throw new DocumentRejectedException(name, $"could not be converted within {gs.TimeLimit.TotalSeconds:0.###} s", ex);
        }

        if (result.exitCode != 0 || !File.Exists(output))
        {
            throw new DocumentRejectedException(name, "is a damaged JPEG image (its image data cannot be decoded)");
        }

        return ReadPgm(await File.ReadAllBytesAsync(output, cancellationToken).ConfigureAwait(false), name, header);
    }

    /// <summary>Reads a binary PGM (P5, maxval 255) of the expected size.</summary>
    private static GreyImage ReadPgm(byte[] pgm, string name, JpegHeader header)
    {
        int pos = 0;
        string Token()
        {
            while (pos < pgm.Length && (char.IsWhiteSpace((char)pgm[pos]) || pgm[pos] == '#'))
            {
                if (pgm[pos] == '#')
                {
                    while (pos < pgm.Length && pgm[pos] != '\n')
                    {
                        pos++;
                    }
                }
                else
                {
                    pos++;
                }
            }

            int start = pos;
            while (pos < pgm.Length && !char.IsWhiteSpace((char)pgm[pos]))
            {
                pos++;
            }

            return Encoding.ASCII.GetString(pgm, start, pos - start);
        }

        string magic = Token(), ws = Token(), hs = Token(), max = Token();
        pos++; // the single whitespace after maxval
        if (magic != "P5" || max != "255" || ws != header.Width.ToString(CultureInfo.InvariantCulture)
            || hs != header.Height.ToString(CultureInfo.InvariantCulture) || pgm.Length - pos < (long)header.Width * header.Height)
        {
            throw new DocumentRejectedException(name, "is a damaged JPEG image (it decodes to an unexpected size)");
        }

        var image = new GreyImage(header.Width, header.Height, header.XDpi, header.YDpi);
        pgm.AsSpan(pos, image.Pixels.Length).CopyTo(image.Pixels);
        return image;
    }
}
