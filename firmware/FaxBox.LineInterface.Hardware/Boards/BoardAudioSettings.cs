namespace FaxBox.LineInterface.Hardware.Boards;

/// <summary>The PCM link between the SoC and the chips, as ALSA sees it (JSON <c>audio</c>).</summary>
public sealed class BoardAudioSettings
{
    /// <summary>The ALSA PCM name (JSON <c>device</c>), e.g. <c>"hw:CARD=faxhat,DEV=0"</c>.</summary>
    public required string Device { get; init; }

    /// <summary>Interleaved channels on the link, one per PCM timeslot (JSON <c>channels</c>); default 2.</summary>
    public int Channels { get; init; } = 2;

    /// <summary>ALSA periods in the ring buffer (JSON <c>bufferPeriods</c>); default 4 (80 ms of slack at 20 ms periods).</summary>
    public int BufferPeriods { get; init; } = 4;

    /// <summary>Frames to pre-fill the playback side with after a start or an underrun (JSON <c>startPeriods</c>); default 2 (40 ms).</summary>
    public int StartPeriods { get; init; } = 2;
}
