using System.CommandLine;
using FaxBox.Sip.Parsing;

namespace FaxBox.Host.Cli;

/// <summary><c>faxbox sip …</c>: SIP tools. <c>sip lint FILE|-</c> says what the box would answer to one message.</summary>
internal static class SipCommand
{
    public static Command Create()
    {
        var sip = new Command("sip", "SIP user agent tools: lint a message, send OPTIONS.");
        sip.Subcommands.Add(CreateLint());
        sip.Subcommands.Add(SipOptionsCommand.Create());
        return sip;
    }

    private static Command CreateLint()
    {
        var file = new Argument<string>("file") { Description = "File holding one SIP message as it travels (CRLF line ends), or - for standard input" };
        var command = new Command(
            "lint",
            "Read one SIP message and print what the box would answer: 'accept', 'reject CODE REASON' for a request it refuses, "
            + "or 'discard REASON' for a response it drops; a second line gives the detail. Exit 0 when accepted, 1 otherwise.")
        {
            file,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            byte[] data;
            try
            {
                data = ReadBounded(path, SipParserOptions.Default.MaxMessageSize + 1);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return GlobalOptions.Fail(parse, $"sip lint: cannot read {path}: {e.Message}");
            }

            var verdict = SipMessageValidator.Check(data);
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine(verdict.ToString());
            if (!verdict.IsAccepted)
            {
                output.WriteLine($"  {verdict.Detail}");
            }

            return verdict.IsAccepted ? 0 : 1;
        });
        return command;
    }

    /// <summary>Reads at most <paramref name="limit"/> octets: enough to see that a message is too large, never more.</summary>
    private static byte[] ReadBounded(string path, int limit)
    {
        using var stream = path == "-" ? Console.OpenStandardInput() : File.OpenRead(path);
        var buffer = new byte[limit];
        var total = 0;
        while (total < limit)
        {
            var n = stream.Read(buffer, total, limit - total);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return buffer[..total];
    }
}
