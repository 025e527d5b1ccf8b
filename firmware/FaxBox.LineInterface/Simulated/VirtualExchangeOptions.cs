namespace FaxBox.LineInterface.Simulated;

/// <summary>Behaviour of the virtual PSTN exchange. Bound from <c>FaxBox:Simulator:Exchange</c>.</summary>
public sealed class VirtualExchangeOptions
{
    /// <summary>How a cleared call is signalled to the remaining party. Default open loop.</summary>
    public ExchangeDisconnectSignal DisconnectSignal { get; set; } = ExchangeDisconnectSignal.LoopCurrentDrop;

    /// <summary>How long the loop is opened for <see cref="ExchangeDisconnectSignal.LoopCurrentDrop"/>. Default 600 ms.</summary>
    public TimeSpan OpenLoopDuration { get; set; } = TimeSpan.FromMilliseconds(600);

    /// <summary>Reverse the caller's battery when the called party answers (answer supervision). Default false.</summary>
    public bool ReverseOnAnswer { get; set; }

    /// <summary>Present the caller's number as caller ID. Default true.</summary>
    public bool PresentCallerId { get; set; } = true;

    /// <summary>With no digit for this long, the number dialled so far is routed or refused. Default 4 s.</summary>
    public TimeSpan InterDigitTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// The tone played to a caller who dialled a number the exchange does not know: <see cref="CallProgressTone.Congestion"/>
    /// or, as many networks do for an unallocated number, <see cref="CallProgressTone.Sit"/>. Default congestion.
    /// </summary>
    public CallProgressTone UnknownNumberTone { get; set; } = CallProgressTone.Congestion;
}
