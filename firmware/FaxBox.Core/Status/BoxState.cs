namespace FaxBox.Core.Status;

/// <summary>The box's life cycle as presenters show it (MQTT availability, the admin page's header).</summary>
public enum BoxState
{
    /// <summary>Configuration read, ports and SIP coming up.</summary>
    Starting,

    /// <summary>Ready for calls.</summary>
    Running,

    /// <summary>Shutting down: no new calls, calls in progress are ending.</summary>
    Stopping,
}
