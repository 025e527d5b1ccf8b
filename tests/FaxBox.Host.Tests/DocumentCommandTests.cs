using System.CommandLine;
using System.Text.Json;
using FaxBox.Fax.Documents;
using FaxBox.Host.Cli;

namespace FaxBox.Host.Tests;

public sealed class DocumentCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("faxbox-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Testpage_then_info_reports_sendable_pages()
    {
        string tif = Path.Combine(_dir, "tp.tif");

        var made = Invoke("fax", "testpage", "--pages", "2", "--resolution", "standard", "--ident", "+1 555 0100", "--date", "2024-05-01 12:30", "--out", tif);
        var info = Invoke("fax", "info", tif);

        Assert.Equal((0, string.Empty), (made.Code, made.Error));
        Assert.Equal(0, info.Code);
        Assert.Contains("pages: 2", info.Output, StringComparison.Ordinal);
        Assert.Contains("page 2: 1728x1143, 204x98 dpi (standard), T.4 2-D (MR), min-is-white, msb-to-lsb", info.Output, StringComparison.Ordinal);
        Assert.EndsWith("sendable: yes" + Environment.NewLine, info.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Testpage_with_same_date_is_reproducible()
    {
        string a = Path.Combine(_dir, "a.tif"), b = Path.Combine(_dir, "b.tif");
        Invoke("fax", "testpage", "--pages", "1", "--date", "2024-05-01 12:30", "--out", a);
        Invoke("fax", "testpage", "--pages", "1", "--date", "2024-05-01 12:30", "--out", b);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
    }

    [Fact]
    public void Info_reports_reasons_when_not_sendable_and_json_parses()
    {
        string tif = Path.Combine(_dir, "narrow.tif");
        new FaxDocument([new FaxPage(1700, 20, 200, 200)]).Save(tif);

        var text = Invoke("fax", "info", tif);
        var json = Invoke("fax", "info", tif, "--json");

        Assert.Equal(0, text.Code);
        Assert.Contains("sendable: no (page 1: width 1700 is not a T.4 width (1728, 2048 or 2432))", text.Output, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(json.Output);
        Assert.False(doc.RootElement.GetProperty("sendable").GetBoolean());
        Assert.Equal(1700, doc.RootElement.GetProperty("pageInfo")[0].GetProperty("width").GetInt32());
    }

    [Fact]
    public void Topdf_and_preview_write_files()
    {
        string tif = Path.Combine(_dir, "tp.tif"), pdf = Path.Combine(_dir, "tp.pdf"), png = Path.Combine(_dir, "tp.png");
        Invoke("fax", "testpage", "--pages", "2", "--date", "2024-05-01", "--out", tif);

        var topdf = Invoke("fax", "topdf", tif, "--out", pdf);
        var preview = Invoke("fax", "preview", tif, "--page", "2", "--max-width", "864", "--out", png);

        Assert.Equal(0, topdf.Code);
        Assert.Contains("2 page(s), 2 embedded as is", topdf.Output, StringComparison.Ordinal);
        Assert.StartsWith("%PDF-1.4", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(pdf), 0, 8), StringComparison.Ordinal);
        Assert.Equal(0, preview.Code);
        Assert.Contains("page 2, 864x1190", preview.Output, StringComparison.Ordinal);
        byte[] head = File.ReadAllBytes(png)[..24];
        Assert.Equal(864, (head[16] << 24) | (head[17] << 16) | (head[18] << 8) | head[19]);
    }

    [Theory]
    [InlineData("info")]
    [InlineData("topdf")]
    [InlineData("preview")]
    public void Missing_input_prints_one_line_and_exits_1(string verb)
    {
        string missing = Path.Combine(_dir, "missing.tif");
        string[] args = verb == "info" ? ["fax", verb, missing] : ["fax", verb, missing, "--out", Path.Combine(_dir, "out.x")];

        var r = Invoke(args);

        Assert.Equal(1, r.Code);
        Assert.Equal($"faxbox: {missing}: file not found" + Environment.NewLine, r.Error);
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void Page_out_of_range_and_bad_date_are_errors()
    {
        string tif = Path.Combine(_dir, "tp.tif");
        Invoke("fax", "testpage", "--pages", "1", "--date", "2024-05-01", "--out", tif);

        var page = Invoke("fax", "preview", tif, "--page", "3", "--out", Path.Combine(_dir, "p.png"));
        var date = Invoke("fax", "testpage", "--pages", "1", "--date", "yesterday", "--out", Path.Combine(_dir, "x.tif"));
        var pages = Invoke("fax", "testpage", "--pages", "0", "--out", Path.Combine(_dir, "y.tif"));

        Assert.Equal((1, $"faxbox: {tif}: no page 3 (the document has 1)" + Environment.NewLine), (page.Code, page.Error));
        Assert.Equal((1, "faxbox: --date 'yesterday' is not yyyy-MM-dd HH:mm" + Environment.NewLine), (date.Code, date.Error));
        Assert.Equal(1, pages.Code);
        Assert.StartsWith("faxbox: Pages must be 1..999", pages.Error, StringComparison.Ordinal);
        Assert.Equal(new[] { "tp.tif" }, Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void Unknown_resolution_is_a_parse_error()
    {
        var r = Invoke("fax", "testpage", "--pages", "1", "--resolution", "ultra", "--out", Path.Combine(_dir, "x.tif"));
        Assert.NotEqual(0, r.Code);
        Assert.False(File.Exists(Path.Combine(_dir, "x.tif")));
    }

    [Fact]
    public void Help_describes_the_verbs()
    {
        var r = Invoke("fax", "--help");
        Assert.Contains("testpage", r.Output, StringComparison.Ordinal);
        Assert.Contains("Convert a fax TIFF to PDF", r.Output, StringComparison.Ordinal);
        var t = Invoke("fax", "testpage", "--help");
        Assert.Contains("--resolution", t.Output, StringComparison.Ordinal);
        Assert.Contains("superfine (204x391)", t.Output, StringComparison.Ordinal);
    }

    private static (int Code, string Output, string Error) Invoke(params string[] args)
    {
        var fax = new Command("fax", "Fax documents");
        foreach (var c in DocumentCommands.Create())
        {
            fax.Subcommands.Add(c);
        }

        var root = new RootCommand("faxbox") { fax };
        var output = new StringWriter();
        var error = new StringWriter();
        int code = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
