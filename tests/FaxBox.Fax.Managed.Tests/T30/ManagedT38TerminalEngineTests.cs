using FaxBox.Fax.Managed.T38;
using FaxBox.Fax.SpanDsp;
using FaxBox.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.Fax.Managed.Tests.T30;

/// <summary>The engine the box runs: FaxBox's own T.38 terminals where the managed T.30 has the role, the inner engine's elsewhere.</summary>
public sealed class ManagedT38TerminalEngineTests
{
    private static string Capture => TestPaths.SharedFile("captures/test-2p-g3.tif");

    private static readonly ManagedT38TerminalEngine Engine = new(new SpanDspFaxEngine(NullLoggerFactory.Instance), NullLoggerFactory.Instance);

    [Fact]
    public void A_calling_sender_and_an_answering_receiver_get_the_managed_terminal()
    {
        using var temp = TestPaths.NewTempFolder();
        var wire = new T38Wire();
        using var sender = Engine.CreateT38Terminal(new FaxTerminalOptions { Direction = FaxDirection.Send, SendFile = Capture }, wire.SinkA);
        using var receiver = Engine.CreateT38Terminal(new FaxTerminalOptions { Direction = FaxDirection.Receive, ReceiveFile = temp.File("rx.tif") }, wire.SinkB);

        Assert.IsType<ManagedT38Terminal>(sender);
        Assert.IsType<ManagedT38Terminal>(receiver);
        Assert.Equal("native", Engine.Name);
    }

    [Fact]
    public void Turned_round_roles_polling_fall_back_to_the_inner_engine_and_still_carry_the_fax()
    {
        // A calling receiver and an answering sender (T.30 polling's roles): the managed T.30 has no DTC/turn-round, so
        // the inner engine's terminals take those calls.
        using var temp = TestPaths.NewTempFolder();
        var rx = temp.File("rx.tif");
        var wire = new T38Wire();
        using var receiver = Engine.CreateT38Terminal(new FaxTerminalOptions { Direction = FaxDirection.Receive, CallingParty = true, ReceiveFile = rx }, wire.SinkA);
        using var sender = Engine.CreateT38Terminal(new FaxTerminalOptions { Direction = FaxDirection.Send, CallingParty = false, SendFile = Capture }, wire.SinkB);

        Assert.IsNotType<ManagedT38Terminal>(receiver);
        Assert.IsNotType<ManagedT38Terminal>(sender);
        wire.Run(receiver, sender);
        Assert.True(receiver.Result!.Success, receiver.Result.T30Text);
        Assert.Equal(2, receiver.Result.Statistics.PagesTransferred);
    }

    [Fact]
    public void Audio_terminals_and_gateways_are_the_inner_engines()
    {
        using var temp = TestPaths.NewTempFolder();
        using var audio = Engine.CreateAudioTerminal(new FaxTerminalOptions { Direction = FaxDirection.Receive, ReceiveFile = temp.File("a.tif") });
        Assert.StartsWith("SpanDsp", audio.GetType().Name, StringComparison.Ordinal);
    }
}
