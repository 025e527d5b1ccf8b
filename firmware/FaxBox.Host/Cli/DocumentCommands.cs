using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FaxBox.Fax.Documents;

namespace FaxBox.Host.Cli;

/// <summary>
/// The fax document verbs (<c>faxbox fax testpage|info|topdf|preview</c>). Errors are printed as one line
/// <c>faxbox: &lt;message&gt;</c> on the error writer with exit code 1.
/// </summary>
internal static class DocumentCommands
{
    /// <summary>Creates the commands; the caller adds them under its <c>fax</c> command.</summary>
    public static IEnumerable<Command> Create() => [CreateTestPage(), CreateInfo(), CreateToPdf(), CreatePreview()];

    private static Command CreateTestPage()
    {
        var pages = new Option<int>("--pages") { Description = "Number of pages (1-999)", Required = true };
        var resolution = new Option<string>("--resolution")
        {
            Description = "standard (204x98), fine (204x196) or superfine (204x391)",
            DefaultValueFactory = _ => "fine",
        };
        resolution.AcceptOnlyFromAmong("standard", "fine", "superfine");
        var ident = new Option<string>("--ident") { Description = "Station ident for the header line (max 20 characters)", DefaultValueFactory = _ => "FAXBOX" };
        var date = new Option<string?>("--date")
        {
            Description = "Header date and time, yyyy-MM-dd HH:mm (default: now); give it for reproducible files",
        };
        var output = new Option<FileInfo>("--out") { Description = "Output TIFF file (T.4 2-D, 1728 pixels wide, A4)", Required = true };
        var command = new Command("testpage", "Write a fax test page TIFF (header line, text, lines, resolution chart, halftone)")
        {
            pages, resolution, ident, date, output,
        };
        command.SetAction(parse => Run(parse, () =>
        {
            FaxResolutionExtensions.TryParse(parse.GetValue(resolution), out FaxResolution r);
            string? dateText = parse.GetValue(date);
            DateTime timestamp = DateTime.Now;
            if (dateText is not null
                && !DateTime.TryParseExact(dateText, ["yyyy-MM-dd HH:mm", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out timestamp))
            {
                throw new ArgumentException($"--date '{dateText}' is not yyyy-MM-dd HH:mm");
            }

            string path = parse.GetValue(output)!.FullName;
            var options = new TestPageOptions { Pages = parse.GetValue(pages), Resolution = r, StationIdent = parse.GetValue(ident) ?? string.Empty, Timestamp = timestamp };
            TestPageGenerator.Write(path, options);
            parse.InvocationConfiguration.Output.WriteLine($"wrote {path}: {options.Pages} page(s), {r.ToString().ToLowerInvariant()}");
        }));
        return command;
    }

    private static Command CreateInfo()
    {
        var file = new Argument<FileInfo>("file") { Description = "TIFF file to inspect" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text" };
        var command = new Command("info", "Show pages, size, resolution, compression of a TIFF and whether it can be sent as is")
        {
            file, json,
        };
        command.SetAction(parse => Run(parse, () =>
        {
            var info = FaxDocument.Inspect(parse.GetValue(file)!.FullName);
            TextWriter o = parse.InvocationConfiguration.Output;
            o.Write(parse.GetValue(json) ? FormatJson(info) : FormatText(info));
        }));
        return command;
    }

    private static Command CreateToPdf()
    {
        var file = new Argument<FileInfo>("file") { Description = "Fax TIFF file" };
        var output = new Option<FileInfo>("--out") { Description = "Output PDF file", Required = true };
        var command = new Command("topdf", "Convert a fax TIFF to PDF, embedding the CCITT G3/G4 data without re-encoding where possible")
        {
            file, output,
        };
        command.SetAction(parse => Run(parse, () =>
        {
            string path = parse.GetValue(output)!.FullName;
            var result = FaxPdfExporter.Export(parse.GetValue(file)!.FullName, path);
            parse.InvocationConfiguration.Output.WriteLine($"wrote {path}: {result.Pages} page(s), {result.PagesEmbeddedAsIs} embedded as is");
        }));
        return command;
    }

    private static Command CreatePreview()
    {
        var file = new Argument<FileInfo>("file") { Description = "Fax TIFF file" };
        var page = new Option<int>("--page") { Description = "Page number, 1-based", DefaultValueFactory = _ => 1 };
        var maxWidth = new Option<int?>("--max-width") { Description = "Largest PNG width in pixels (default: page width)" };
        var output = new Option<FileInfo>("--out") { Description = "Output PNG file", Required = true };
        var command = new Command("preview", "Write a PNG preview of one page, stretched to the paper's proportions (standard: rows doubled)")
        {
            file, page, maxWidth, output,
        };
        command.SetAction(parse => Run(parse, () =>
        {
            string input = parse.GetValue(file)!.FullName;
            string path = parse.GetValue(output)!.FullName;
            int n = parse.GetValue(page);
            int? max = parse.GetValue(maxWidth);
            if (max is < 1)
            {
                throw new ArgumentException("--max-width must be at least 1");
            }

            var doc = FaxDocument.Load(input);
            if (n < 1 || n > doc.Pages.Count)
            {
                throw new FaxDocumentException(input, $"no page {n} (the document has {doc.Pages.Count})");
            }

            FaxPreview.WritePng(path, doc.Pages[n - 1], max);
            var (w, h, _) = FaxPreview.PreviewSize(doc.Pages[n - 1], max);
            parse.InvocationConfiguration.Output.WriteLine($"wrote {path}: page {n}, {w}x{h}");
        }));
        return command;
    }

    private static int Run(ParseResult parse, Action action)
    {
        try
        {
            action();
            return 0;
        }
        catch (Exception ex) when (ex is FaxDocumentException or ArgumentException)
        {
            string message = ex is ArgumentException { ParamName: not null } a ? a.Message.Replace($" (Parameter '{a.ParamName}')", string.Empty, StringComparison.Ordinal) : ex.Message;
            parse.InvocationConfiguration.Error.WriteLine($"faxbox: {message.ReplaceLineEndings(" ")}");
            return 1;
        }
    }

    private static string Dpi(double? x, double? y) =>
        x is null || y is null ? "resolution missing" : string.Create(CultureInfo.InvariantCulture, $"{x:0.##}x{y:0.##} dpi");

    private static string FormatText(FaxDocumentInfo info)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"file: {info.Path}");
        sb.AppendLine($"pages: {info.Pages.Count}");
        foreach (var p in info.Pages)
        {
            string res = p.Resolution is { } r ? $" ({r.ToString().ToLowerInvariant()})" : string.Empty;
            sb.AppendLine($"page {p.Index + 1}: {p.Width}x{p.Height}, {Dpi(p.XDpi, p.YDpi)}{res}, {p.Compression}, {p.Photometric}, {p.FillOrder}");
        }

        sb.AppendLine(info.IsSendable ? "sendable: yes" : $"sendable: no ({string.Join("; ", info.Reasons)})");
        return sb.ToString();
    }

    private static string FormatJson(FaxDocumentInfo info)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("file", info.Path);
            w.WriteNumber("pages", info.Pages.Count);
            w.WriteBoolean("sendable", info.IsSendable);
            WriteStrings(w, "reasons", info.Reasons);
            w.WriteStartArray("pageInfo");
            foreach (var p in info.Pages)
            {
                w.WriteStartObject();
                w.WriteNumber("page", p.Index + 1);
                w.WriteNumber("width", p.Width);
                w.WriteNumber("height", p.Height);
                WriteNullable(w, "xDpi", p.XDpi);
                WriteNullable(w, "yDpi", p.YDpi);
                w.WriteString("resolution", p.Resolution?.ToString().ToLowerInvariant());
                w.WriteString("compression", p.Compression);
                w.WriteString("photometric", p.Photometric);
                w.WriteString("fillOrder", p.FillOrder);
                w.WriteBoolean("sendable", p.IsSendable);
                WriteStrings(w, "reasons", p.Reasons);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + Environment.NewLine;
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (string v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }
}
