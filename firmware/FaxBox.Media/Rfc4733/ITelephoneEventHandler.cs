namespace FaxBox.Media.Rfc4733;

/// <summary>Told of received telephone events, each start and each end once.</summary>
public interface ITelephoneEventHandler
{
    /// <summary>An event began (its first packet, or the first that survived, arrived).</summary>
    void OnEventStart(TelephoneEventCode code);

    /// <summary>The event ended after <paramref name="duration"/>; <paramref name="timedOut"/> when no end packet arrived.</summary>
    void OnEventEnd(TelephoneEventCode code, TimeSpan duration, bool timedOut);
}
