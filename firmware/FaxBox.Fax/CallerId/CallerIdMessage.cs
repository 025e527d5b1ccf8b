namespace FaxBox.Fax.CallerId;

/// <summary>A caller-ID presentation: what the line announces before or between rings.</summary>
/// <param name="Number">The calling number, or null when withheld or unavailable.</param>
/// <param name="Name">The calling name, or null (not all standards carry one).</param>
/// <param name="Time">Month, day, hour and minute of the call, when sent (the year is not on the wire).</param>
/// <param name="NumberAbsence">Why the number is absent: 'P' private/withheld, 'O' out of area/unavailable; null when present.</param>
public sealed record CallerIdMessage(string? Number, string? Name = null, CallerIdTime? Time = null, char? NumberAbsence = null);

/// <summary>The date and time field of a caller-ID message (MMDDHHMM).</summary>
public readonly record struct CallerIdTime(int Month, int Day, int Hour, int Minute)
{
    /// <summary>The field as it goes on the wire: eight ASCII digits.</summary>
    public override string ToString() => $"{Month:D2}{Day:D2}{Hour:D2}{Minute:D2}";
}
