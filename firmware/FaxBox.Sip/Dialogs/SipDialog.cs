using System.Globalization;
using FaxBox.Sip.Messages;

namespace FaxBox.Sip.Dialogs;

/// <summary>
/// A dialog (RFC 3261 §12): Call-ID, local and remote tags, the route set from Record-Route, the remote target from
/// Contact, and the CSeq spaces. Builds in-dialog requests with loose or strict routing (§12.2.1.1, §16.12.1.2) and
/// checks the remote CSeq order (§12.2.2).
/// </summary>
public sealed class SipDialog
{
    private readonly List<SipNameAddress> _routeSet;

    private SipDialog(string callId, SipNameAddress localParty, SipNameAddress remoteParty, SipUri remoteTarget, List<SipNameAddress> routeSet, uint localSequence, uint? remoteSequence, bool isCaller)
    {
        CallId = callId;
        LocalParty = localParty;
        RemoteParty = remoteParty;
        RemoteTarget = remoteTarget;
        _routeSet = routeSet;
        LocalSequence = localSequence;
        RemoteSequence = remoteSequence;
        IsCaller = isCaller;
    }

    public string CallId { get; }

    /// <summary>Our side with our tag (the From of our requests).</summary>
    public SipNameAddress LocalParty { get; }

    /// <summary>The peer with its tag (the To of our requests).</summary>
    public SipNameAddress RemoteParty { get; private set; }

    public string LocalTag => LocalParty.Tag!;

    public string? RemoteTag => RemoteParty.Tag;

    /// <summary>The peer's Contact: the Request-URI of in-dialog requests; replaced by target refreshes (re-INVITE, UPDATE).</summary>
    public SipUri RemoteTarget { get; private set; }

    /// <summary>The route set, in the order requests carry it.</summary>
    public IReadOnlyList<SipNameAddress> RouteSet => _routeSet;

    public uint LocalSequence { get; private set; }

    public uint? RemoteSequence { get; private set; }

    /// <summary>True when the box sent the INVITE that made the dialog (it "owns the Call-ID" for the §14.1 back-off).</summary>
    public bool IsCaller { get; }

    public SipDialogState State { get; set; } = SipDialogState.Confirmed;

    /// <summary>The dialog of a UAC from its INVITE and a response with a To tag (§12.1.2): route set is Record-Route reversed.</summary>
    public static SipDialog CreateAsCaller(SipRequest invite, SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(invite);
        ArgumentNullException.ThrowIfNull(response);
        var routes = response.RecordRoutes.Select(r => r.Clone()).Reverse().ToList();
        var target = response.Contacts.FirstOrDefault()?.Uri.Clone() ?? invite.RequestUri.Clone();
        return new SipDialog(invite.CallId!, invite.From!.Clone(), response.To!.Clone(), target, routes, invite.CSeq!.Value.Number, null, isCaller: true)
        {
            State = response.IsProvisional ? SipDialogState.Early : SipDialogState.Confirmed,
        };
    }

    /// <summary>The dialog of a UAS from the INVITE and its response carrying our To tag (§12.1.1): route set is Record-Route in order.</summary>
    public static SipDialog CreateAsCallee(SipRequest invite, string localTag)
    {
        ArgumentNullException.ThrowIfNull(invite);
        var routes = invite.RecordRoutes.Select(r => r.Clone()).ToList();
        var target = invite.Contacts.FirstOrDefault()?.Uri.Clone() ?? invite.From!.Uri.Clone();
        var local = invite.To!.Clone();
        local.Tag = localTag;
        return new SipDialog(invite.CallId!, local, invite.From!.Clone(), target, routes, 0, invite.CSeq!.Value.Number, isCaller: false);
    }

    /// <summary>True when <paramref name="message"/> belongs here (Call-ID and both tags, §12.2).</summary>
    public bool Matches(SipMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.CallId != CallId)
        {
            return false;
        }

        var (local, remote) = message is SipRequest ? (message.To?.Tag, message.From?.Tag) : (message.From?.Tag, message.To?.Tag);
        return local == LocalTag && (RemoteTag is null || remote == RemoteTag);
    }

    /// <summary>
    /// Checks and records the CSeq of an in-dialog request (§12.2.2): false when it is lower than the last one (answer 500).
    /// ACK and CANCEL reuse their INVITE's number and are not checked.
    /// </summary>
    public bool AcceptRemoteSequence(SipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method is SipMethods.Ack or SipMethods.Cancel)
        {
            return true;
        }

        var number = request.CSeq!.Value.Number;
        if (RemoteSequence is { } last && number <= last)
        {
            return false;
        }

        RemoteSequence = number;
        return true;
    }

    /// <summary>A target refresh (re-INVITE, UPDATE, or their 2xx) replaces the remote target with its Contact (§12.2).</summary>
    public void RefreshTarget(SipMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Contacts.FirstOrDefault() is { } contact)
        {
            RemoteTarget = contact.Uri.Clone();
        }
    }

    /// <summary>Confirms an early dialog with the 2xx (its To tag, Contact).</summary>
    public void Confirm(SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        RemoteParty = response.To!.Clone();
        RefreshTarget(response);
        State = SipDialogState.Confirmed;
    }

    /// <summary>
    /// A new in-dialog request (§12.2.1.1) with the next local CSeq: Request-URI and Route from the route set (loose
    /// routing when the first route has "lr"; otherwise strict routing: first route as Request-URI, remote target last).
    /// </summary>
    public SipRequest CreateRequest(string method)
    {
        if (method is SipMethods.Ack or SipMethods.Cancel)
        {
            throw new ArgumentException($"{method} reuses its INVITE's CSeq: use CreateAck", nameof(method));
        }

        LocalSequence++;
        return Build(method, LocalSequence);
    }

    /// <summary>The ACK for a 2xx to the INVITE with CSeq <paramref name="inviteSequence"/> (§13.2.2.4): its own branch, the INVITE's number.</summary>
    public SipRequest CreateAck(uint inviteSequence) => Build(SipMethods.Ack, inviteSequence);

    /// <summary>Where an in-dialog request goes first: the first route's URI, or the Request-URI.</summary>
    public static SipUri NextHop(SipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Routes.FirstOrDefault()?.Uri ?? request.RequestUri;
    }

    private SipRequest Build(string method, uint sequence)
    {
        SipUri requestUri;
        IEnumerable<SipNameAddress> routes;
        if (_routeSet.Count == 0 || _routeSet[0].Uri.IsLooseRouter)
        {
            requestUri = RemoteTarget.Clone();
            routes = _routeSet;
        }
        else
        {
            var first = _routeSet[0].Uri.Clone();
            first.Parameters.Remove("method");
            requestUri = first;
            routes = _routeSet.Skip(1).Append(new SipNameAddress(RemoteTarget.Clone()));
        }

        var request = new SipRequest(method, requestUri);
        request.Headers.Add(SipHeaderNames.MaxForwards, "70");
        foreach (var route in routes)
        {
            request.Headers.Add(SipHeaderNames.Route, route.ToString());
        }

        request.Headers.Add(SipHeaderNames.From, LocalParty.ToString());
        request.Headers.Add(SipHeaderNames.To, RemoteParty.ToString());
        request.Headers.Add(SipHeaderNames.CallId, CallId);
        request.Headers.Add(SipHeaderNames.CSeq, new SipCSeq(sequence, method).ToString());
        return request;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"dialog {CallId} local {LocalTag} remote {RemoteTag} ({State})");
}
