using FaxBox.Fax.Managed.T4;
using Microsoft.Extensions.Logging;

namespace FaxBox.Fax.Managed.T38;

/// <summary>
/// Creates managed T.30-over-T.38 terminals for the Host to wire (the counterpart of spandsp's
/// <c>SpanDspFaxEngine.CreateT38Terminal</c>): a sender streams <see cref="FaxTerminalOptions.SendFile"/> (TIFF-F) through
/// a <see cref="TiffT4DocumentSource"/>, a receiver writes <see cref="FaxTerminalOptions.ReceiveFile"/> (replaced if it
/// exists) through a <see cref="TiffT4DocumentSink"/>, page by page.
/// </summary>
public static class ManagedT38Terminals
{
    /// <summary>A terminal for one call; IFPs leave through <paramref name="sink"/>, log lines go to <paramref name="logger"/>.</summary>
    /// <exception cref="ArgumentException">The options are wrong (the message names the setting).</exception>
    /// <exception cref="Documents.FaxDocumentException">The file to send cannot be read, or the file to receive cannot be created.</exception>
    public static IT38FaxTerminal Create(FaxTerminalOptions options, IIfpSink sink, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        IT4DocumentSource? source = null;
        IT4DocumentSink? documentSink = null;
        try
        {
            if (options.Direction == FaxDirection.Send)
            {
                source = new TiffT4DocumentSource(options.SendFile!);
            }
            else
            {
                documentSink = new TiffT4DocumentSink(options.ReceiveFile!);
            }

            return new ManagedT38Terminal(options, sink, logger, source, documentSink);
        }
        catch
        {
            source?.Dispose();
            documentSink?.Dispose();
            throw;
        }
    }
}
