using FaxBox.LineInterface.Hardware.Alsa;
using FaxBox.LineInterface.Hardware.Boards;
using FaxBox.Testing;

namespace FaxBox.LineInterface.Hardware.Tests;

public sealed class HardwareBoardTests
{
    [Fact]
    public async Task Reference_hat_on_a_machine_without_it_fails_at_the_pcm_link_with_the_device_named()
    {
        var profile = BoardProfileLoader.LoadOrThrow(Path.Combine(TestPaths.Repository, "board-config", "faxhat-rpi.json"));

        var error = await Assert.ThrowsAsync<AlsaException>(() => HardwareBoard.OpenAsync(profile, "US", 20));

        Assert.StartsWith("ALSA device \"hw:CARD=faxhat,DEV=0\": cannot open for capture", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulator_board_is_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => HardwareBoard.OpenAsync(BoardProfileLoader.LoadEmbeddedSimulator(), "US", 20));

        Assert.Contains("is not a hardware board", error.Message, StringComparison.Ordinal);
    }
}
