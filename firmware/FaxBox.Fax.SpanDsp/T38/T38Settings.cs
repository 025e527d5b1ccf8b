using FaxBox.Fax.SpanDsp.Interop;

namespace FaxBox.Fax.SpanDsp.T38;

/// <summary>Applies negotiated T.38 settings to a <c>t38_core_state_t</c>.</summary>
internal static class T38Settings
{
    public static void Apply(nint core, T38Options options)
    {
        if (options.Version is < 0 or > 3)
        {
            throw new ArgumentException($"T38FaxVersion {options.Version} is not 0..3", nameof(options));
        }

        SpanDspNative.t38_set_t38_version(core, options.Version);
        SpanDspNative.t38_set_data_rate_management_method(
            core,
            options.TransferredTcf ? SpanDspConstants.T38TransferredTcf : SpanDspConstants.T38LocalTcf);
        SpanDspNative.t38_set_max_buffer_size(core, options.MaxBuffer);
        SpanDspNative.t38_set_max_datagram_size(core, options.MaxDatagram);
        SpanDspNative.t38_set_fill_bit_removal(core, options.FillBitRemoval ? 1 : 0);
    }
}
