using FaxBox.CallControl.Configuration;

namespace FaxBox.CallControl.Bridging;

/// <summary>Makes the media of one call (its sockets bound at once). Tests swap in fakes; the gateway uses CallMediaFactory.</summary>
public interface ICallMediaFactory
{
    /// <summary>Media for a call tagged <paramref name="logTag"/> with the port's fax settings.</summary>
    ICallMedia Create(string logTag, FaxOptions fax);
}
