using System.Globalization;
using System.Text;
using FaxBox.Fax.Documents;

namespace FaxBox.FaxServer.Documents;

/// <summary>
/// Builds a one-page PostScript program of text (a title, label/value rows, rules, word-wrapped paragraphs) in
/// Helvetica re-encoded to ISO Latin-1 (with 0x2D as /hyphen, which PostScript's ISOLatin1Encoding maps to /minus), and renders it with Ghostscript to a bilevel fax page (tiffg4 on the same
/// 1728-pixel medium as PDFs). Every piece of text goes in as a hex string (<see cref="PostScriptText"/>), so no
/// input can break out of its string; lines that would run off the page are not drawn.
/// </summary>
internal sealed class PostScriptPage
{
    /// <summary>Left margin in points.</summary>
    public const double Left = 50;

    /// <summary>Value column in points.</summary>
    public const double ValueColumn = 190;

    /// <summary>Bottom margin in points: nothing is drawn below it.</summary>
    public const double Bottom = 50;

    private readonly StringBuilder _body = new();

    public PostScriptPage(PaperSize paper)
    {
        Paper = paper;
        HeightPoints = paper == PaperSize.Letter ? 792 : 297 / 25.4 * 72;
        Y = HeightPoints - 60;
    }

    public PaperSize Paper { get; }

    public double HeightPoints { get; }

    /// <summary>The baseline of the next line, in points from the bottom.</summary>
    public double Y { get; private set; }

    public void Title(string text, double size)
    {
        Y -= size * 0.8;
        Line("/HB-L1", size, Left, text);
        Y -= size * 0.6;
    }

    public void Rule(double thickness = 1.5)
    {
        Y -= 6;
        Emit(FormattableString.Invariant($"{Left} {Y:0.##} {PdfRasterizer.WidthPoints - (2 * Left):0.##} {thickness} rectfill"));
        Y -= 14;
    }

    public void Row(string label, string value, double size = 13)
    {
        Y -= size * 1.45;
        Line("/HB-L1", size, Left, label);
        Line("/H-L1", size, ValueColumn, value);
    }

    public void Space(double points) => Y -= points;

    /// <summary>Word-wrapped text; line breaks in <paramref name="text"/> start new paragraphs.</summary>
    public void Paragraphs(string text, double size = 12)
    {
        double lineHeight = size * 1.35;
        Emit(FormattableString.Invariant($"/H-L1 findfont {size} scalefont setfont /lh {lineHeight:0.##} def"));
        Y -= lineHeight;
        Emit(FormattableString.Invariant($"{Left} {Y:0.##} moveto"));
        foreach (string paragraph in text.ReplaceLineEndings("\n").Split('\n'))
        {
            Emit($"{PostScriptText.Hex(paragraph)} para");
        }

        // The program moved the current point; later content below a paragraph block is not supported.
        Y = Bottom;
    }

    /// <summary>A raw PostScript fragment (for callers that draw frames).</summary>
    public void Emit(string code) => _body.Append(code).Append('\n');

    public string Program()
    {
        var sb = new StringBuilder();
        sb.Append("%!PS\n");
        sb.Append(CultureInfo.InvariantCulture, $"<< /PageSize [{PdfRasterizer.WidthPoints:0.###} {HeightPoints:0.###}] >> setpagedevice\n");
        foreach ((string name, string font) in new[] { ("/H-L1", "/Helvetica"), ("/HB-L1", "/Helvetica-Bold") })
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"{name} {font} findfont dup length dict begin {{ 1 index /FID ne {{ def }} {{ pop pop }} ifelse }} forall /Encoding ISOLatin1Encoding 256 array copy dup 45 /hyphen put def currentdict end definefont pop\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"/lm {Left} def /rm {PdfRasterizer.WidthPoints - Left:0.##} def /bm {Bottom} def /lh 16 def\n");
        sb.Append("/nl { currentpoint exch pop lh sub lm exch moveto } def\n");
        sb.Append("/word { dup stringwidth pop currentpoint pop add rm gt { nl } if currentpoint exch pop bm ge { show } { pop } ifelse } def\n");
        sb.Append("/para { { ( ) search { exch pop word ( ) word } { word exit } ifelse } loop nl } def\n");
        sb.Append("0 setgray\n");
        sb.Append(_body);
        sb.Append("showpage\n");
        return sb.ToString();
    }

    /// <summary>Renders the page to a one-page bilevel TIFF at <paramref name="resolution"/>.</summary>
    /// <exception cref="GhostscriptException">gs is missing, failed or took too long.</exception>
    public async Task RenderAsync(Ghostscript gs, string tiffPath, FaxResolution resolution, string workFolder, CancellationToken cancellationToken)
    {
        string program = Path.Combine(workFolder, $"page-{Guid.NewGuid():N}.ps");
        await File.WriteAllTextAsync(program, Program(), Encoding.ASCII, cancellationToken).ConfigureAwait(false);
        try
        {
            string[] args =
            [
                "-sDEVICE=tiffg4",
                string.Create(CultureInfo.InvariantCulture, $"-r{PictureRasterizer.XDpi:0}x{resolution.YDpi():0}"),
                "-sOutputFile=" + tiffPath.Replace("%", "%%", StringComparison.Ordinal),
                program,
            ];
            // gs's error output may quote operands (the page's text), so it is not passed on.
            (int exitCode, _) = await gs.RunAsync(args, cancellationToken).ConfigureAwait(false);
            if (exitCode != 0 || !File.Exists(tiffPath))
            {
                throw new GhostscriptException($"Ghostscript could not render a generated page (exit code {exitCode})");
            }
        }
        finally
        {
            File.Delete(program);
        }
    }

    private void Line(string font, double size, double x, string text) =>
        Emit(FormattableString.Invariant($"{Y:0.##} bm ge {{ {font} findfont {size} scalefont setfont {x} {Y:0.##} moveto {PostScriptText.Hex(text)} show }} if"));
}
