using FaxBox.LineInterface;

namespace FaxBox.CallControl.Dialling;

/// <summary>Placeholder until the dial plan lands.</summary>
internal static class SipFailureSignal
{
    public static CallProgressTone ToneFor(int statusCode) => statusCode is 486 or 600 ? CallProgressTone.Busy : CallProgressTone.Congestion;
}
