using FaxBox.Core;

namespace FaxBox.LineInterface.Simulated.Scenarios;

/// <summary>Starts a sending fax machine's call once simulated time reaches <c>at</c>. Ticked before the machine.</summary>
internal sealed class ScheduledFaxCall(VirtualFaxMachine machine, string number, TimeSpan at) : IMediaParkingHandler
{
    private bool _started;

    /// <summary>Only once the call was started: until then simulated time must run on to <c>at</c>.</summary>
    public bool CanPark => _started;

    public void OnTick(in MediaTick tick)
    {
        if (!_started && tick.Due >= at && machine.State == VirtualFaxState.Idle)
        {
            _started = true;
            machine.Call(number);
        }
    }
}
