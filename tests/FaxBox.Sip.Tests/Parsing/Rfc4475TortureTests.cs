using FaxBox.Sip.Messages;
using FaxBox.Sip.Parsing;

namespace FaxBox.Sip.Tests.Parsing;

/// <summary>
/// RFC 4475 (SIP torture test messages), byte-exact from the RFC archive. "accept" rows must parse; every row must get
/// the answer in MANIFEST.tsv, except where the answer depends on the element's role (named below).
/// </summary>
public sealed class Rfc4475TortureTests
{
    /// <summary>
    /// The manifest's answers assume a registrar (REGISTER "process"/400) or a MESSAGE-capable endpoint. The box is a
    /// user agent serving INVITE, ACK, BYE, CANCEL, OPTIONS, PRACK, UPDATE, INFO, so it answers these with
    /// 405 Method Not Allowed (RFC 3261 §8.2.1), as the manifest itself notes for a non-registrar.
    /// </summary>
    private static readonly Dictionary<string, string> RoleDependent = new()
    {
        ["escnull"] = "405",
        ["dblreq"] = "405",
        ["cparam01"] = "405",
        ["cparam02"] = "405",
        ["regescrt"] = "405",
        ["unksm2"] = "405",
        ["mpart01"] = "405",
    };

    public static TheoryData<string> Names => TortureVectors.Names("rfc4475");

    [Fact]
    public void Manifest_lists_all_49_messages_and_test_dat()
    {
        Assert.Equal(50, TortureVectors.Load("rfc4475").Count);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Verdict_matches_the_manifest(string name)
    {
        var row = TortureVectors.Get("rfc4475", name);
        var bytes = File.ReadAllBytes(row.File());
        var parsed = SipMessageParser.Parse(bytes);
        var verdict = SipMessageValidator.Check(bytes);

        if (row.Expected == "accept")
        {
            Assert.True(parsed.Success, $"{name} should parse: {parsed.Error}");
        }
        else
        {
            Assert.False(verdict.IsAccepted, $"{name} should be rejected");
        }

        var answer = RoleDependent.GetValueOrDefault(name, row.Answer);
        var actual = verdict.Kind switch
        {
            SipVerdictKind.Accept => "process",
            SipVerdictKind.Discard => "discard",
            _ => verdict.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        Assert.True(answer == actual, $"{name}: expected {answer}, got {verdict} ({verdict.Detail})");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Accepted_messages_round_trip(string name)
    {
        var row = TortureVectors.Get("rfc4475", name);
        var parsed = SipMessageParser.Parse(File.ReadAllBytes(row.File()));
        if (!parsed.Success)
        {
            Assert.NotEqual("accept", row.Expected);
            return;
        }

        var again = SipMessageParser.Parse(parsed.Message.ToBytes());
        Assert.True(again.Success, again.Error?.ToString());
        Assert.Equal(parsed.Message.ToBytes(), again.Message.ToBytes());
        Assert.Equal(parsed.Message.Headers.Count, again.Message.Headers.Count);
        Assert.Equal(parsed.Message.Body.ToArray(), again.Message.Body.ToArray());
    }

    [Fact]
    public void Wsinv_unfolds_and_reads_compact_forms()
    {
        var m = Parse("wsinv");
        var request = Assert.IsType<SipRequest>(m);
        Assert.Equal("INVITE", request.Method);
        Assert.Equal(3, m.Vias.Count);
        Assert.Equal("390skdjuw", m.Vias[0].Branch);
        Assert.Equal("TCP", m.Vias[1].Transport);
        Assert.Equal("z9hG4bK30239", m.Vias[2].Branch);
        Assert.Equal(9u, m.CSeq!.Value.Number);
        Assert.Equal(68, m.MaxForwards);
        Assert.Equal("wsinv.ndaksdj@192.0.2.1", m.CallId);
        Assert.Equal("1918181833n", m.To!.Tag);
        Assert.Equal("98asjd8", m.From!.Tag);
        Assert.Equal(0.33.ToString(System.Globalization.CultureInfo.InvariantCulture), m.Contacts[0].Parameters.Get("q"));
        Assert.Equal(150, m.Body.Length);
        Assert.Equal(string.Empty, m.Headers.Get("Subject"));
        Assert.Contains(m.Headers, h => h.Name == "NewFangledHeader" && h.Value.StartsWith("newfangled value continued newfangled value", StringComparison.Ordinal));
    }

    [Fact]
    public void Esc01_keeps_escapes_as_written()
    {
        var request = Assert.IsType<SipRequest>(Parse("esc01"));
        Assert.Equal("sips%3Auser%40example.com", request.RequestUri.User);
    }

    [Fact]
    public void Semiuri_user_part_holds_the_semicolon()
    {
        var request = Assert.IsType<SipRequest>(Parse("semiuri"));
        Assert.Equal("user;par=u%40example.net", request.RequestUri.User);
        Assert.Equal("example.com", request.RequestUri.Host);
    }

    [Fact]
    public void Esc02_percent_in_a_header_name_is_an_unknown_header()
    {
        var m = Parse("esc02");
        Assert.Equal(2, m.Contacts.Count);
        Assert.Contains(m.Headers, h => h.Name == "C%6Fntact");
    }

    [Fact]
    public void Dblreq_ignores_the_trailing_invite()
    {
        var bytes = File.ReadAllBytes(TortureVectors.Get("rfc4475", "dblreq").File());
        var result = SipMessageParser.Parse(bytes);
        Assert.True(result.Success);
        Assert.Equal("REGISTER", ((SipRequest)result.Message).Method);
        Assert.True(result.Consumed < bytes.Length);
        Assert.True(result.Message.Body.IsEmpty);
    }

    [Fact]
    public void Mpart01_frames_the_binary_body_by_content_length()
    {
        var m = Parse("mpart01");
        Assert.Equal(553, m.Body.Length);
        Assert.Contains((byte)0, m.Body.ToArray());
    }

    [Fact]
    public void Longreq_reads_34_vias_and_the_long_values()
    {
        var m = Parse("longreq");
        Assert.Equal(34, m.Vias.Count);
        Assert.True(m.From!.Tag!.Length > 100);
    }

    [Fact]
    public void Inv2543_without_content_length_takes_the_rest_as_body()
    {
        var m = Parse("inv2543");
        Assert.Null(m.ContentLength);
        Assert.True(m.Body.Length > 0);
        Assert.False(m.TopVia!.HasRfc3261Branch);
    }

    [Theory]
    [InlineData("badinv01", "Via")]
    [InlineData("scalar02", "CSeq")]
    [InlineData("quotbal", "To")]
    [InlineData("baddate", "Date")]
    [InlineData("badaspec", "To")]
    [InlineData("regbadct", "Contact")]
    public void Rejections_name_the_field(string name, string field)
    {
        var verdict = SipMessageValidator.Check(File.ReadAllBytes(TortureVectors.Get("rfc4475", name).File()));
        Assert.Equal(400, verdict.StatusCode);
        Assert.Contains(field, verdict.ReasonPhrase, StringComparison.Ordinal);
    }

    [Fact]
    public void Bext01_lists_the_unsupported_require_tags()
    {
        var verdict = SipMessageValidator.Check(File.ReadAllBytes(TortureVectors.Get("rfc4475", "bext01").File()));
        Assert.Equal(420, verdict.StatusCode);
        Assert.NotNull(verdict.Unsupported);
        Assert.Contains("nothingSupportsThis", verdict.Unsupported);
    }

    private static SipMessage Parse(string name)
    {
        var result = SipMessageParser.Parse(File.ReadAllBytes(TortureVectors.Get("rfc4475", name).File()));
        Assert.True(result.Success, result.Error?.ToString());
        return result.Message;
    }
}
