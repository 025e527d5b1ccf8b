namespace FaxBox.Core;

/// <summary>
/// The one registry of logging event ids, so that a log line's id says which part of the box wrote it.
/// Each project owns a block of 1000.
/// </summary>
public static class LogEventIds
{
    /// <summary>FaxBox.Host: 1000–1999.</summary>
    public const int Host = 1000;

    /// <summary>FaxBox.Fax (engine-neutral API, documents): 2000–2999.</summary>
    public const int Fax = 2000;

    /// <summary>FaxBox.Fax.SpanDsp (native engine): 3000–3999.</summary>
    public const int SpanDsp = 3000;

    /// <summary>FaxBox.Fax.Managed: 4000–4999.</summary>
    public const int Managed = 4000;

    /// <summary>FaxBox.Media: 5000–5999.</summary>
    public const int Media = 5000;

    /// <summary>FaxBox.Sip: 6000–6999.</summary>
    public const int Sip = 6000;

    /// <summary>FaxBox.LineInterface and its hardware: 7000–7999.</summary>
    public const int LineInterface = 7000;

    /// <summary>FaxBox.CallControl: 8000–8999.</summary>
    public const int CallControl = 8000;

    /// <summary>FaxBox.FaxServer, Mqtt and Admin: 9000 and up.</summary>
    public const int Services = 9000;
}
