using FaxBox.Core;

namespace FaxBox.LineInterface.Tests;

/// <summary>Runs a test's observation once per tick.</summary>
internal sealed class Probe(Action onTick) : IMediaTickHandler
{
    public void OnTick(in MediaTick tick) => onTick();
}
