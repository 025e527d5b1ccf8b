using FaxBox.Fax;
using FaxBox.Host.Cli;
using FaxBox.Host.Diagnostics;

namespace FaxBox.Host.Tests;

/// <summary>T.38 datagram loss with and without UDPTL redundancy, and white noise on the audio legs.</summary>
public sealed class LoopbackImpairmentTests
{
    public static TheoryData<string, double, int> EcmLossCases()
    {
        var data = new TheoryData<string, double, int>();
        foreach (var path in new[] { "gateway-to-terminal", "terminal-to-gateway", "gateway-to-gateway" })
        {
            foreach (var loss in new[] { 1.0, 5.0, 10.0, 20.0 })
            {
                foreach (var seed in new[] { 1, 2, 3 })
                {
                    data.Add(path, loss, seed);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EcmLossCases))]
    public void ECM_fax_survives_T38_loss_up_to_20_percent_with_redundancy_3(string path, double loss, int seed)
    {
        var report = LoopbackHarness.Run(LoopbackNames.Paths[path], FaxModems.V17, ecm: true, LoopbackCodec.ALaw, loss, redundancy: 3, seed: seed);

        Assert.True(report.Success, LoopbackCommand.Summary(report));
        Assert.Equal(0, report.DifferingPixels);
        Assert.True(report.DatagramsLost > 0, "the loss model must actually drop datagrams");
        Assert.True(report.IfpsRecovered > 0, "redundancy must have recovered something");
    }

    [Theory]
    [InlineData("gateway-to-terminal", 1.0)]
    [InlineData("gateway-to-terminal", 5.0)]
    [InlineData("terminal-to-gateway", 1.0)]
    [InlineData("terminal-to-gateway", 5.0)]
    [InlineData("gateway-to-gateway", 1.0)]
    [InlineData("gateway-to-gateway", 5.0)]
    public void Non_ECM_fax_survives_T38_loss_up_to_5_percent_with_redundancy_3(string path, double loss)
    {
        foreach (var seed in new[] { 1, 2, 3 })
        {
            var report = LoopbackHarness.Run(LoopbackNames.Paths[path], FaxModems.V17, ecm: false, LoopbackCodec.ALaw, loss, redundancy: 3, seed: seed);
            Assert.True(report.Success, LoopbackCommand.Summary(report));
        }
    }

    [Fact]
    public void Known_limitation_non_ECM_at_20_percent_loss_completes_T30_but_damages_pixels_even_with_redundancy_3()
    {
        // Without ECM nothing retransmits a lost image IFP; T.30 still ends OK and the damage shows only in pixels.
        var reports = new[] { 1, 2, 3 }.Select(seed =>
            LoopbackHarness.Run(LoopbackPath.GatewayToGateway, FaxModems.V17, ecm: false, LoopbackCodec.ALaw, 20, redundancy: 3, seed: seed)).ToList();

        Assert.All(reports, r => Assert.Equal("OK", r.T30Text));
        Assert.Contains(reports, r => !r.Success && r.DifferingPixels > 0 && r.IfpsLost > 0);
    }

    [Fact]
    public void Known_limitation_ECM_through_two_gateways_fails_at_5_percent_loss_without_redundancy()
    {
        var reports = new[] { 1, 2, 3 }.Select(seed =>
            LoopbackHarness.Run(LoopbackPath.GatewayToGateway, FaxModems.V17, ecm: true, LoopbackCodec.ALaw, 5, redundancy: 0, seed: seed)).ToList();

        Assert.Contains(reports, r => !r.Success && r.T30Code != 0);
        Assert.All(reports, r => Assert.Equal(0, r.IfpsRecovered));
    }

    [Theory]
    [InlineData("v17", -65.0)]
    [InlineData("v17", -55.0)]
    [InlineData("v29", -60.0)]
    [InlineData("v29", -50.0)]
    [InlineData("v27ter", -50.0)]
    public void Fax_over_audio_survives_white_noise(string modem, double noise)
    {
        var report = LoopbackHarness.Run(LoopbackPath.Audio, LoopbackNames.Modems[modem], ecm: true, LoopbackCodec.ALaw, noise: noise);
        Assert.True(report.Success, LoopbackCommand.Summary(report));
    }

    [Fact]
    public void Known_failure_spandsp_0_0_6_fails_training_at_minus_45_dBm0_noise()
    {
        var report = LoopbackHarness.Run(LoopbackPath.Audio, FaxModems.V17, ecm: true, LoopbackCodec.ALaw, noise: -45);
        Assert.False(report.Success);
        Assert.Equal(0, report.Pages);
        Assert.Equal("Timed out waiting for the first message", report.T30Text);
    }

    [Fact]
    public void Known_failure_spandsp_0_0_6_hangs_at_minus_40_dBm0_noise_and_only_the_watchdog_ends_the_call()
    {
        // Notes §4.4: the V.21 detectors take the noise for carrier and no T.30 timer fires. Without FaxBox's watchdog the
        // call would never end.
        var report = LoopbackHarness.Run(LoopbackPath.Audio, FaxModems.V17, ecm: true, LoopbackCodec.ALaw, noise: -40);
        Assert.False(report.Success);
        Assert.StartsWith("no end of call (T.30 phase E) within 600 s", report.T30Text, StringComparison.Ordinal);
        Assert.StartsWith("no end of call (T.30 phase E) within 600 s", report.SenderT30Text, StringComparison.Ordinal);
        Assert.InRange(report.SimulatedSeconds, 600, 601);
    }
}
