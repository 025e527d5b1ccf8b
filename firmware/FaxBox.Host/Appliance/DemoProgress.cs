using System.Collections.Concurrent;
using FaxBox.Core;
using FaxBox.Core.Status;
using FaxBox.Fax;
using FaxBox.Host.Cli;
using FaxBox.LineInterface.Simulated;

namespace FaxBox.Host.Appliance;

/// <summary>
/// What <c>faxbox demo</c> shows as it goes, stamped with simulated time: both boxes' status feeds (port states, media
/// switches on re-INVITE, fax records) and the virtual fax machines' T.30 progress (negotiation, each page, the end).
/// Lines are queued from whichever thread raises them (the media thread, SIP threads) and written by <see cref="Flush"/>
/// on the caller's. Register it on the media clock after the boxes: it attaches to each machine's T.30 terminal once
/// the machine starts one.
/// </summary>
internal sealed class DemoProgress : IMediaTickHandler
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly Dictionary<string, CallMediaMode> _callModes = [];
    private readonly List<(string Box, VirtualFaxMachine Machine, bool Sends)> _machines = [];
    private readonly List<IFaxTerminal?> _watched = [];
    private readonly DemoClock _clock;

    public DemoProgress(DemoClock clock) => _clock = clock;

    /// <summary>Shows <paramref name="box"/>'s status changes.</summary>
    public void Watch(string box, IStatusFeed feed) => feed.Changed += (_, change) => OnStatus(box, change);

    /// <summary>Shows the T.30 progress of <paramref name="machine"/> on <paramref name="box"/> (which <paramref name="sends"/> or receives).</summary>
    public void Watch(string box, VirtualFaxMachine machine, bool sends)
    {
        _machines.Add((box, machine, sends));
        _watched.Add(null);
    }

    /// <summary>Queues a line of the demo's own.</summary>
    public void Add(string box, string text) =>
        _lines.Enqueue($"[{_clock.Elapsed.TotalSeconds,7:0.0} s] {box}: {text}");

    /// <summary>Attaches to T.30 terminals the machines started since the last tick.</summary>
    public void OnTick(in MediaTick tick)
    {
        for (var i = 0; i < _machines.Count; i++)
        {
            var (box, machine, sends) = _machines[i];
            if (machine.Terminal is { } terminal && !ReferenceEquals(terminal, _watched[i]))
            {
                _watched[i] = terminal;
                var name = machine.Name;
                terminal.Progress += (_, e) => OnFaxProgress(box, name, sends, e);
                Add(box, $"{name} fax machine: T.30 session started");
            }
        }
    }

    /// <summary>Writes the queued lines.</summary>
    public void Flush(TextWriter output)
    {
        while (_lines.TryDequeue(out var line))
        {
            output.WriteLine(line);
        }
    }

    private void OnStatus(string box, StatusChange change)
    {
        if (change.Kind == StatusChangeKind.Call)
        {
            OnCall(box, change);
            return;
        }

        var lines = new ConcurrentQueue<string>();
        RunCommand.Describe(change, lines);
        while (lines.TryDequeue(out var line))
        {
            Add(box, line);
        }
    }

    private void OnCall(string box, StatusChange change)
    {
        var call = change.Snapshot.Calls.FirstOrDefault(c => c.CallId == change.Key);
        string? text = null;
        lock (_callModes)
        {
            var key = $"{box}/{change.Key}";
            if (call is null)
            {
                _callModes.Remove(key);
            }
            else if (!_callModes.TryGetValue(key, out var old) || old != call.Media)
            {
                _callModes[key] = call.Media;
                text = call.Media switch
                {
                    CallMediaMode.None => $"call on {call.Port} ({call.Direction} {call.RemoteNumber}): setting up",
                    CallMediaMode.Voice => $"call on {call.Port} ({call.Direction} {call.RemoteNumber}): connected, G.711 audio",
                    CallMediaMode.G711Fax => $"call on {call.Port}: fax heard, G.711 with fax adaptations (fixed jitter buffer, no VAD, no echo canceller)",
                    CallMediaMode.T38 => $"call on {call.Port}: re-INVITE done, T.38 relay over UDPTL from now on",
                    _ => $"call on {call.Port}: media {call.Media}",
                };
            }
        }

        if (text is not null)
        {
            Add(box, text);
        }
    }

    private void OnFaxProgress(string box, string machine, bool sends, FaxProgressEventArgs e)
    {
        var s = e.Statistics;
        var text = e.Phase switch
        {
            FaxPhase.B => $"{machine} fax machine: negotiated {s.BitRate} bit/s, ECM {(s.Ecm ? "on" : "off")}, remote \"{e.RemoteIdent}\"",
            FaxPhase.D => $"{machine} fax machine: page {s.PagesTransferred} {(sends ? $"of {s.PagesInFile} sent" : "received")}",
            _ => $"{machine} fax machine: T.30 ended: {e.Result?.T30Text ?? "?"}",
        };
        Add(box, text);
    }
}
