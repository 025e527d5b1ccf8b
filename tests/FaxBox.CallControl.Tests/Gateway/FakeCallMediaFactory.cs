using System.Collections.Concurrent;
using FaxBox.CallControl.Bridging;
using FaxBox.CallControl.Configuration;

namespace FaxBox.CallControl.Tests.Gateway;

/// <summary>Makes <see cref="FakeCallMedia"/> and keeps them for the test to look at.</summary>
internal sealed class FakeCallMediaFactory : ICallMediaFactory
{
    public ConcurrentQueue<FakeCallMedia> Made { get; } = new();

    public FakeCallMedia? Last => Made.LastOrDefault();

    public ICallMedia Create(string logTag, FaxOptions fax)
    {
        var media = new FakeCallMedia();
        Made.Enqueue(media);
        return media;
    }
}
