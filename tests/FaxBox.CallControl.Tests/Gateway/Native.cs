using FaxBox.Fax.SpanDsp;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.CallControl.Tests.Gateway;

/// <summary>The real native engine the simulated lines run on.</summary>
internal static class Native
{
    private static readonly Lazy<SpanDspFaxEngine> Instance = new(() => new SpanDspFaxEngine(NullLoggerFactory.Instance));

    public static SpanDspFaxEngine Engine => Instance.Value;
}
