using System.Net;
using System.Net.Sockets;
using FaxBox.Fax.Documents;
using FaxBox.Testing;

namespace FaxBox.Host.Tests;

/// <summary>
/// <c>faxbox fax call</c> against <c>faxbox fax answer</c>, in-process and in real time on 127.0.0.1 (a short page, so
/// the fax takes seconds), and the bad input both verbs refuse before they touch the network.
/// </summary>
public sealed class FaxCallCommandTests : IDisposable
{
    private readonly TempFolder _work = TestPaths.NewTempFolder();

    public void Dispose() => _work.Dispose();

    private static int FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    [Fact]
    public async Task Fax_call_sends_a_page_over_T38_to_fax_answer_which_writes_it_pixel_identical()
    {
        var page = Path.Combine(_work.Path, "page.tif");
        TestPageGenerator.Write(page, new TestPageOptions { Pages = 1, Height = 120 });
        var inbox = Path.Combine(_work.Path, "in");
        var port = FreeUdpPort();
        var answering = Task.Run(() => CommandLineRunner.Run("fax", "answer", "--listen", $"127.0.0.1:{port}", "--out", inbox, "--timeout", "90", "--ident", "555 0100"));
        await Task.Delay(TimeSpan.FromSeconds(1)); // let it bind; a call before that would just be retried by SIP

        var (exit, output, error) = await Task.Run(() => CommandLineRunner.Run("fax", "call", "--to", $"sip:300@127.0.0.1:{port}", page, "--timeout", "90", "--ident", "555 0199"));
        var answer = await answering;

        Assert.True(exit == 0, $"call: {output}{error}");
        Assert.Contains("result: sent (ok), 1 page(s) confirmed", output, StringComparison.Ordinal);
        Assert.Contains("mode: T.38 (peer re-INVITE to T.38)", output, StringComparison.Ordinal);
        Assert.Contains("remote '555 0100'", output, StringComparison.Ordinal);
        Assert.Contains("negotiated: 14400 bit/s, ECM on", output, StringComparison.Ordinal);
        Assert.True(answer.ExitCode == 0, $"answer: {answer.Output}{answer.Error}");
        Assert.Contains("summary: 1 of 1 fax(es) received in full", answer.Output, StringComparison.Ordinal);
        Assert.Contains("('555 0199'): ok", answer.Output, StringComparison.Ordinal);
        var received = Assert.Single(Directory.GetFiles(inbox));
        Assert.Matches(@"\d{8}-\d{6}-faxbox\.tif$", received);
        var comparison = FaxDocumentComparer.Compare(page, received);
        Assert.True(comparison.Identical, comparison.ToString());
    }

    [Theory]
    [InlineData("--to", "tel:+15551234", "is not a sip: URI")]
    [InlineData("--rate", "2400", "--rate 2400 is not 14400, 9600 or 4800")]
    [InlineData("--listen", "0.0.0.0:5062", "--listen '0.0.0.0:5062' must be ADDR:PORT")]
    public void Fax_call_refuses_bad_options_with_the_option_named(string option, string value, string message)
    {
        var page = Path.Combine(_work.Path, "page.tif");
        TestPageGenerator.Write(page, new TestPageOptions { Pages = 1, Height = 64 });
        string[] args = option == "--to" ? ["fax", "call", "--to", value, page] : ["fax", "call", "--to", "sip:1@127.0.0.1", page, option, value];
        var (exit, _, error) = CommandLineRunner.Run(args);
        Assert.Equal(1, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Fax_call_refuses_a_PDF_and_a_file_that_is_not_a_fax_document_saying_which()
    {
        var pdf = Path.Combine(_work.Path, "letter.pdf");
        File.WriteAllText(pdf, "%PDF-1.4\n");
        var (exit, _, error) = CommandLineRunner.Run("fax", "call", "--to", "sip:1@127.0.0.1", pdf);
        Assert.Equal(1, exit);
        Assert.Contains("letter.pdf: PDF input is not supported here yet", error, StringComparison.Ordinal);

        var junk = Path.Combine(_work.Path, "notes.tif");
        File.WriteAllText(junk, "not a tiff at all");
        (exit, _, error) = CommandLineRunner.Run("fax", "call", "--to", "sip:1@127.0.0.1", junk);
        Assert.Equal(1, exit);
        Assert.StartsWith("faxbox: fax call: notes.tif: ", error, StringComparison.Ordinal);
    }
}
