using FaxBox.Core.Status;

namespace FaxBox.Mqtt.Tests.Infrastructure;

/// <summary>Status the way the gateway reports it, for boards driven by hand.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 30, 0, TimeSpan.Zero);

    public static PortStatus Port(string name, PortState state, string? callId = null) =>
        new(name, name.StartsWith("fxs", StringComparison.Ordinal) ? PortKind.Fxs : PortKind.Fxo, state, "201", "trunk", callId, T0);

    public static RegistrationStatus Registered(string account = "trunk") =>
        new(account, $"sip:{account}@pbx.example.net", "registered", T0.AddHours(1), 200, null);

    public static RegistrationStatus Failed(string account = "trunk") =>
        new(account, $"sip:{account}@pbx.example.net", "failed", null, 403, "403 Forbidden");

    public static CallStatus Call(string callId, CallMediaMode media = CallMediaMode.Voice) =>
        new(callId, "fxs0", "outbound", "201", "4930123456", media, T0);

    public static FaxRecord Fax(string id, string callId = "call-1", bool success = true, int pages = 3) => new(
        id, callId, "fxs0", "outbound", "201", "4930123456", T0, T0.AddMinutes(3), CallMediaMode.T38, "box re-INVITE on Ced",
        new FaxT38Parameters(0, 14400, "transferredTCF", "redundancy", 400), pages, 14400, true, success, success ? "ok" : "call dropped on page 2",
        new FaxNetworkStatistics(1200, 1190, 10, 9, 0));

    public static FaxRecord G711Fax(string id) => Fax(id) with { Mode = CallMediaMode.G711Fax, ModeReason = "T.38 refused: 488 Not Acceptable Here", T38 = null, Network = new FaxNetworkStatistics(9000, 8990, 3, 0, 4.25) };

    public static FaxProgress Progress(string phase, int pages) => new("call-1", "fxs0", phase, pages, 14400, true, T0.AddSeconds(10 + pages));

    /// <summary>A board with two ports, one account and an empty queue.</summary>
    public static StatusBoard Board(string name = "office-fax", TimeProvider? time = null)
    {
        var board = new StatusBoard(name, time);
        board.SetPort(Port("fxs0", PortState.Idle));
        board.SetPort(Port("fxo1", PortState.Idle));
        board.SetRegistration(Registered());
        board.SetState(BoxState.Running);
        return board;
    }
}
