namespace FaxBox.Sip.Dialogs;

/// <summary>
/// The wait before retrying a re-INVITE that got 491 Request Pending (RFC 3261 §14.1): the owner of the Call-ID (the
/// dialog's caller) waits 2.1–4 s, the other side 0–2 s, in units of 10 ms, so the two sides do not collide again.
/// </summary>
public static class GlareBackoff
{
    public static TimeSpan Next(bool ownsCallId, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var tens = ownsCallId ? random.Next(210, 401) : random.Next(0, 201);
        return TimeSpan.FromMilliseconds(tens * 10);
    }
}
