using System.Globalization;

namespace FaxBox.Host.Tests.CrashTrials;

/// <summary>
/// The files of one box in a kill trial: its configuration (simulator board, one SIP account on 127.0.0.1 whose target
/// is the other box, its own media port range, the terminal on number 300, a fast retry ladder, no MQTT) and its data.
/// </summary>
internal sealed class TrialBox
{
    /// <summary>The terminal number each box answers as its own fax terminal (its inbox).</summary>
    public const string TerminalNumber = "300";

    public TrialBox(string root, string name, int sipPort, int peerSipPort, int mediaMin, int maxCalls)
    {
        Name = name;
        Folder = Path.Combine(root, name);
        Directory.CreateDirectory(Folder);
        Config = Path.Combine(Folder, "faxbox.json");
        Data = Path.Combine(Folder, "data");
        // The simulator board with idle machines: nothing dials by itself.
        File.WriteAllText(Path.Combine(Folder, "board.json"), """
            {
              "name": "simulator", "kind": "simulator",
              "ports": [
                { "index": 0, "type": "fxs", "part": "simulated", "label": "fxs0" },
                { "index": 1, "type": "fxo", "part": "simulated", "label": "fxo1" }
              ],
              "simulation": {
                "line": { "gainDb": -3, "noiseDbm0": -65, "echoReturnLossDb": 20, "clockOffsetPpm": 0 },
                "exchange": { "disconnect": "loopCurrentDrop", "lines": [] },
                "ports": [
                  { "port": 0, "terminal": { "type": "faxMachine", "ident": "IDLE FAX", "receive": { "folder": "fxs0" } } },
                  { "port": 1, "number": "100" }
                ]
              }
            }
            """);
        string ident = "BOX " + name.ToUpperInvariant();
        File.WriteAllText(Config, string.Create(CultureInfo.InvariantCulture, $$"""
            {
              "name": "box{{name}}",
              "board": "board.json",
              "dataFolder": "{{Data}}",
              "sip": {
                // A short T1: an INVITE to a box that is dead times out in 64 × T1 = 6.4 s.
                "t1": "100ms",
                "accounts": [ { "name": "local", "username": "box{{name}}", "listenAddress": "127.0.0.1", "port": {{sipPort}}, "register": false, "target": "127.0.0.1:{{peerSipPort}}" } ]
              },
              "media": { "address": "127.0.0.1", "portMin": {{mediaMin}}, "portMax": {{mediaMin + 199}} },
              "ports": [
                { "port": 0, "account": "local", "number": "201" },
                { "port": 1, "account": "local", "inboundDestination": "201", "answerAfterRings": 2 }
              ],
              "terminal": { "numbers": ["{{TerminalNumber}}"], "localIdent": "{{ident}}" },
              "faxServer": {
                "outbox": { "maxCalls": {{maxCalls}}, "maxCallsPerAccount": {{maxCalls}}, "oneCallPerDestination": false, "localIdent": "{{ident}}" },
                "retry": { "backOff": ["1s", "2s"], "maxRetries": 400, "faxFailureDelay": "1s", "interruptedDelay": "1s", "maxInterruptions": 12 }
              },
              "mqtt": { "enabled": false },
              "admin": { "urls": ["http://127.0.0.1:0"] }
            }
            """));
    }

    public string Name { get; }

    public string Folder { get; }

    public string Config { get; }

    public string Data { get; }

    public string Socket => Path.Combine(Data, "api.sock");

    public string JobDatabase => Path.Combine(Data, "faxserver.db");

    public string Inbox => Path.Combine(Data, "inbox");
}
