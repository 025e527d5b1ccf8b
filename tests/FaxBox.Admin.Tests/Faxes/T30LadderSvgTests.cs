using System.Xml.Linq;
using FaxBox.Admin.Faxes;
using FaxBox.Admin.Tests.Infrastructure;
using FaxBox.Core.Status;

namespace FaxBox.Admin.Tests.Faxes;

/// <summary>The ladder diagram drawn for a known frame list: one arrow per entry, in order, from its sender's lane.</summary>
public sealed class T30LadderSvgTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Each_frame_is_an_arrow_from_its_senders_lane_going_down_in_time()
    {
        var frames = Ladders.Sent(2);
        var svg = XElement.Parse(T30LadderSvg.Render(frames, 0, "FaxBox", "0301234 (SIP)"));

        var groups = svg.Elements(Svg + "g").ToList();
        Assert.Equal(["CSI", "DIS", "TSI", "DCS", "CFR", "MPS", "MCF", "EOP", "MCF", "DCN"], groups.Select(g => (string)g.Attribute("data-name")!));
        var lines = groups.Select(g => g.Element(Svg + "line")!).ToList();
        for (var i = 0; i < frames.Length; i++)
        {
            var (from, to) = frames[i].From == T30FrameOrigin.Local ? (T30LadderSvg.LocalX, T30LadderSvg.RemoteX) : (T30LadderSvg.RemoteX, T30LadderSvg.LocalX);
            Assert.Equal(from, (int)lines[i].Attribute("x1")!);
            Assert.Equal(to, (int)lines[i].Attribute("x2")!);
        }

        var ys = lines.Select(l => (int)l.Attribute("y1")!).ToList();
        Assert.Equal(ys.Order(), ys);
        Assert.Equal(ys.Count, ys.Distinct().Count());
        Assert.Equal("3.0 s", groups[0].Elements(Svg + "text").First().Value);
        Assert.Contains("DCS at 5.0 s from FaxBox: FF13830046", groups[3].Element(Svg + "title")!.Value, StringComparison.Ordinal);
        Assert.Contains("FaxBox", svg.Elements(Svg + "text").Select(t => t.Value));
        Assert.Contains("0301234 (SIP)", svg.Elements(Svg + "text").Select(t => t.Value));
    }

    [Fact]
    public void Folded_image_frames_show_their_count_and_omitted_frames_are_said_and_labels_are_escaped()
    {
        var frames = new[]
        {
            new T30FrameEntry(TimeSpan.FromSeconds(1), T30FrameOrigin.Local, "FCD", null, 256),
            new T30FrameEntry(TimeSpan.FromSeconds(75), T30FrameOrigin.Remote, "DCN", "FF13FB"),
        };
        var text = T30LadderSvg.Render(frames, 12, "<script>alert(1)</script>", "a&b", id: "x\"><y");
        var svg = XElement.Parse(text); // well-formed: every label was escaped
        Assert.DoesNotContain("<script>", text, StringComparison.Ordinal);
        Assert.Equal("<script>alert(1)</script>", svg.Elements(Svg + "text").First().Value);
        Assert.Equal("FCD ×256", svg.Elements(Svg + "g").First().Elements(Svg + "text").Last().Value);
        Assert.Equal("1:15", svg.Elements(Svg + "g").Last().Elements(Svg + "text").First().Value);
        Assert.Contains(svg.Elements(Svg + "text"), t => t.Value.StartsWith("12 more frame(s) not kept", StringComparison.Ordinal));
        Assert.Equal("xy-title", (string)svg.Element(Svg + "title")!.Attribute("id")!);
    }
}
