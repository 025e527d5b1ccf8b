namespace FaxBox.Fax.SpanDsp.Interop;

/// <summary>Enumerated constants of spandsp 0.0.6 headers used by the binding, with the header they come from.</summary>
internal static class SpanDspConstants
{
    // t30.h: T30_SUPPORT_* compressions
    public const int T30SupportT4OneDimensional = 0x02;
    public const int T30SupportT4TwoDimensional = 0x04;
    public const int T30SupportT6 = 0x08;

    /// <summary>T30_SUPPORT_SUB_ADDRESSING: sub-addressing through the SUB frame (DIS bit 49).</summary>
    public const int T30SupportSubAddressing = 0x10;

    // t30.h: T30_SUPPORT_* resolutions
    public const int T30SupportStandard = 0x01;
    public const int T30SupportFine = 0x02;
    public const int T30SupportSuperfine = 0x04;
    public const int T30SupportR8 = 0x20000;
    public const int T30Support300x300 = 0x100000;
    public const int T30Support400x400 = 0x200000;

    // t30.h: T30_SUPPORT_* image sizes
    public const int T30Support215MmWidth = 0x01;
    public const int T30Support255MmWidth = 0x02;
    public const int T30Support303MmWidth = 0x04;
    public const int T30SupportUnlimitedLength = 0x10000;
    public const int T30SupportA4Length = 0x20000;
    public const int T30SupportB4Length = 0x40000;
    public const int T30SupportUsLetterLength = 0x80000;
    public const int T30SupportUsLegalLength = 0x100000;

    // t4_rx.h: T4_COMPRESSION_ITU_*
    public const int T4CompressionT4OneDimensional = 1;
    public const int T4CompressionT4TwoDimensional = 2;
    public const int T4CompressionT6 = 3;

    // t38_core.h: T38_DATA_RATE_MANAGEMENT_*
    public const int T38LocalTcf = 1;
    public const int T38TransferredTcf = 2;

    // logging.h
    public const int SpanLogNone = 0;
    public const int SpanLogError = 1;
    public const int SpanLogWarning = 2;
    public const int SpanLogProtocolError = 3;
    public const int SpanLogProtocolWarning = 4;
    public const int SpanLogFlow = 5;
    public const int SpanLogDebug = 8;
    public const int SpanLogDebug3 = 10;
    public const int SpanLogShowTag = 0x2000;
    public const int SpanLogShowProtocol = 0x0800;
}
