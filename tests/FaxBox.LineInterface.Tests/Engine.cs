using FaxBox.Fax.SpanDsp;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.LineInterface.Tests;

/// <summary>The real native engine every line test runs on.</summary>
internal static class Engine
{
    private static readonly Lazy<SpanDspFaxEngine> Instance = new(() => new SpanDspFaxEngine(NullLoggerFactory.Instance));

    public static SpanDspFaxEngine Native => Instance.Value;
}
