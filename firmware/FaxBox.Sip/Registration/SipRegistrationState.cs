namespace FaxBox.Sip.Registration;

/// <summary>Where one account's registration stands.</summary>
public enum SipRegistrationState
{
    /// <summary>Not registered and not trying (before start, after unregistering).</summary>
    Unregistered,

    /// <summary>A REGISTER exchange is under way.</summary>
    Registering,

    /// <summary>The registrar accepted the binding until <see cref="SipRegistrationStatus.ExpiresAt"/>.</summary>
    Registered,

    /// <summary>The last attempt failed (see <see cref="SipRegistrationStatus.Reason"/>); a retry is scheduled.</summary>
    Failed,
}
