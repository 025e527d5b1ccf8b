using FaxBox.CallControl.Configuration;
using FaxBox.Fax;
using FaxBox.LineInterface.Hardware.Boards;
using FaxBox.LineInterface.Simulated.Scenarios;

namespace FaxBox.Host.Appliance;

/// <summary>
/// The two boxes of <c>faxbox demo</c>, built in code: each a simulator board with one FXS port (<c>fxs0</c>) and the
/// gateway on a free SIP port of 127.0.0.1. Box A (number 101) has a fax machine that dials 201 and sends the test
/// document; its account sends calls straight to box B's SIP endpoint. Box B (number 201) has a fax machine that
/// answers and receives. Their media port ranges do not overlap.
/// </summary>
internal static class DemoSetup
{
    /// <summary>The FXS port label on both boards.</summary>
    public const string Port = "fxs0";

    /// <summary>Box A's number (the caller).</summary>
    public const string NumberA = "101";

    /// <summary>Box B's number, the one A's machine dials.</summary>
    public const string NumberB = "201";

    /// <summary>Box B's options: answers calls to 201 on FXS 0.</summary>
    public static GatewayOptions BoxB() => Options("demo-b", target: null, NumberB, 42_500, 42_999, new FaxOptions(), 0);

    /// <summary>Box A's options: sends every call to <paramref name="target"/> (B's host:port).</summary>
    public static GatewayOptions BoxA(string target, DemoOptions demo) => Options(
        "demo-a",
        target,
        NumberA,
        42_000,
        42_499,
        new FaxOptions { T38 = demo.ForceG711 ? T38Initiation.Never : T38Initiation.OnCedOrPreamble },
        demo.LossPercent);

    /// <summary>Box A's board: the sending fax machine on FXS 0, lifting its handset 1 s in.</summary>
    public static BoardProfile BoardA(int pages) => Board("demo-a", new SimulationScenario
    {
        Ports =
        [
            new SimulatedPortScenario
            {
                Port = 0,
                Type = ScenarioPortType.Fxs,
                Terminal = new SimulatedTerminalScenario
                {
                    Kind = SimulatedTerminalKind.FaxMachine,
                    Direction = FaxDirection.Send,
                    To = NumberB,
                    TestPages = pages,
                    At = TimeSpan.FromSeconds(1),
                    Ident = "FAXBOX DEMO A",
                },
            },
        ],
    });

    /// <summary>Box B's board: the receiving fax machine on FXS 0, writing into <c>received/</c> of the box's folder.</summary>
    public static BoardProfile BoardB() => Board("demo-b", new SimulationScenario
    {
        Ports =
        [
            new SimulatedPortScenario
            {
                Port = 0,
                Type = ScenarioPortType.Fxs,
                Terminal = new SimulatedTerminalScenario
                {
                    Kind = SimulatedTerminalKind.FaxMachine,
                    Direction = FaxDirection.Receive,
                    ReceiveFolder = "received",
                    Ident = "FAXBOX DEMO B",
                },
            },
        ],
    });

    /// <summary>Where the simulator writes box A's generated test document in its folder.</summary>
    public static string SentDocument(string boxFolder) => Path.Combine(boxFolder, $"{Port}-test-page.tif");

    private static BoardProfile Board(string name, SimulationScenario scenario) => new()
    {
        Name = name,
        Description = "faxbox demo: one FXS port with a virtual fax machine",
        Kind = BoardKind.Simulator,
        Ports = [new BoardPortProfile { Index = 0, Type = BoardPortType.Fxs, Part = BoardPart.Simulated, Label = Port }],
        Scenario = scenario,
        Source = "faxbox demo",
    };

    private static GatewayOptions Options(string name, string? target, string number, int portMin, int portMax, FaxOptions fax, double loss) => new()
    {
        Name = name,
        Accounts = [new SipAccountSettings { Name = "trunk", Username = name, Port = 0, Target = target }],
        Media = new MediaOptions { PortMin = portMin, PortMax = portMax, SimulatedLossPercent = loss },
        Fax = fax,
        DialPlan = new DialPlanOptions { Patterns = ["2xx", "1xx", "x.#"], InterDigitTimeout = TimeSpan.FromSeconds(2) },
        Ports = [new PortSettings { Port = 0, Account = "trunk", Number = number }],
    };
}
