using FaxBox.Fax.CallerId;
using FaxBox.Fax.SpanDsp.Interop;

namespace FaxBox.Fax.SpanDsp.CallerId;

/// <summary>
/// Message and field codes of the caller-ID standards, as spandsp's <c>adsi.h</c> names them, and the mapping of
/// <see cref="CallerIdStandard"/> to spandsp's <c>ADSI_STANDARD_*</c>.
/// </summary>
internal static class AdsiCodes
{
    /// <summary><c>CLASS_MDMF_CALLERID</c> / <c>CLIP_MDMF_CALLERID</c>: multiple data message caller ID (GR-30, EN 300 659-3).</summary>
    public const byte MdmfCallerId = 0x80;

    /// <summary><c>CLASS_SDMF_CALLERID</c>: single data message caller ID (GR-30), accepted on receive only.</summary>
    public const byte ClassSdmfCallerId = 0x04;

    /// <summary><c>MCLASS_DATETIME</c> / <c>CLIP_DATETIME</c>: MMDDHHMM.</summary>
    public const byte DateTime = 0x01;

    /// <summary><c>MCLASS_CALLER_NUMBER</c> / <c>CLIP_CALLER_NUMBER</c>.</summary>
    public const byte CallerNumber = 0x02;

    /// <summary><c>MCLASS_ABSENCE1</c> / <c>CLIP_ABSENCE1</c>: reason the number is absent, 'O' or 'P'.</summary>
    public const byte NumberAbsence = 0x04;

    /// <summary><c>MCLASS_CALLER_NAME</c> / <c>CLIP_CALLER_NAME</c>.</summary>
    public const byte CallerName = 0x07;

    /// <summary><c>JCLIP_MDMF_CALLERID</c>.</summary>
    public const byte JclipMdmfCallerId = 0x40;

    /// <summary><c>JCLIP_CALLER_NUMBER</c>.</summary>
    public const byte JclipCallerNumber = 0x02;

    /// <summary><c>JCLIP_ABSENCE</c>: 'C', 'O', 'P' or 'S'.</summary>
    public const byte JclipAbsence = 0x04;

    /// <summary><c>CLIP_DTMF_C_TERMINATED</c>: the Annex B variant 1 end code ("A&lt;number&gt;C" or "B&lt;code&gt;C").</summary>
    public const byte DtmfCTerminated = (byte)'C';

    /// <summary><c>CLIP_DTMF_HASH_TERMINATED</c>: variants 2 and 4 ("A&lt;number&gt;#", "D1#", "&lt;number&gt;#").</summary>
    public const byte DtmfHashTerminated = (byte)'#';

    /// <summary><c>CLIP_DTMF_C_CALLER_NUMBER</c> / <c>CLIP_DTMF_HASH_CALLER_NUMBER</c>: 'A'.</summary>
    public const byte DtmfCallerNumber = (byte)'A';

    /// <summary><c>CLIP_DTMF_HASH_UNSPECIFIED</c>: digits with no field letter (variant 4), taken as the number.</summary>
    public const byte DtmfUnspecified = 0;

    /// <summary><c>CLIP_DTMF_C_ABSENCE</c>: 'B' followed by "10" (presentation restricted) or "00" (not available).</summary>
    public const byte DtmfCAbsence = (byte)'B';

    /// <summary><c>CLIP_DTMF_HASH_ABSENCE</c>: 'D' followed by 1 (private), 2 (international) or 3 (not available).</summary>
    public const byte DtmfHashAbsence = (byte)'D';

    /// <summary>
    /// The Annex B special-information code for a restricted (withheld) number. adsi.h's overview says "10" = restricted,
    /// "00" = not available, while the comment on <c>CLIP_DTMF_C_ABSENCE</c> has them the other way round; EN 300 659-1
    /// and the deployed receivers use "10" for restricted, as the overview does.
    /// </summary>
    public const string DtmfRestricted = "10";

    /// <summary>The Annex B special-information code for a number that is not available.</summary>
    public const string DtmfUnavailable = "00";

    /// <summary>The spandsp <c>ADSI_STANDARD_*</c> value of <paramref name="standard"/>.</summary>
    public static int ToNative(CallerIdStandard standard) => standard switch
    {
        CallerIdStandard.Bell202 => SpanDspNative.AdsiStandardClass,
        CallerIdStandard.EtsiV23 => SpanDspNative.AdsiStandardClip,
        CallerIdStandard.Dtmf => SpanDspNative.AdsiStandardClipDtmf,
        CallerIdStandard.JapanV23 => SpanDspNative.AdsiStandardJclip,
        _ => throw new ArgumentOutOfRangeException(nameof(standard), standard, "unknown caller-ID standard"),
    };
}
