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

    /// <summary>The secret the boxes sign their webhook posts with.</summary>
    public const string WebhookSecret = "kill-trial-webhook-secret-of-some-length";

    /// <summary>
    /// A box whose received faxes are posted to <paramref name="webhook"/> (null: kept in the inbox only), with a fast
    /// delivery retry (1 s, then 2 s).
    /// </summary>
    public TrialBox(string root, string name, int sipPort, int peerSipPort, int mediaMin, int maxCalls, string? webhook = null)
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
              "media": { "address": "127.0.0.1", "portMin": {{mediaMin}}, "portMax": {{mediaMin + MediaSlice - 1}} },
              "ports": [
                { "port": 0, "account": "local", "number": "201" },
                { "port": 1, "account": "local", "inboundDestination": "201", "answerAfterRings": 2 }
              ],
              "terminal": { "numbers": ["{{TerminalNumber}}"], "localIdent": "{{ident}}" },
              "faxServer": {
                "routing": { "default": { "folder": "default"{{(webhook is null ? "" : $", \"webhook\": \"{webhook}\"")}} } },
                "webhook": { "secret": "{{WebhookSecret}}", "timeout": "10s" },
                "deliveryRetry": { "firstDelay": "1s", "maxDelay": "2s" },
                "outbox": { "maxCalls": {{maxCalls}}, "maxCallsPerAccount": {{maxCalls}}, "oneCallPerDestination": false, "localIdent": "{{ident}}" },
                "retry": { "backOff": ["1s", "2s"], "maxRetries": 400, "faxFailureDelay": "1s", "interruptedDelay": "1s", "maxInterruptions": 12 }
              },
              "mqtt": { "enabled": false },
              "admin": { "urls": ["http://127.0.0.1:0"] }
            }
            """));
    }

    /// <summary>
    /// Ports of one life's media range: each life of a box takes the other half of its 200 ports, as a restarted
    /// box's sockets are gone (its peer's packets to the dead life's ports are refused, which ends the peer's calls in
    /// seconds) rather than taken over by the new life.
    /// </summary>
    public const int MediaSlice = 100;

    private int _life;

    public string Name { get; }

    public string Folder { get; }

    public string Config { get; }

    public string Data { get; }

    /// <summary>Moves the configuration's media range to the next slice, for the next life.</summary>
    public void NextLife()
    {
        string text = File.ReadAllText(Config);
        int min = int.Parse(System.Text.RegularExpressions.Regex.Match(text, "\"portMin\": ([0-9]+)").Groups[1].Value, CultureInfo.InvariantCulture);
        int block = min - (_life % 2 * MediaSlice);
        _life++;
        int next = block + (_life % 2 * MediaSlice);
        text = text.Replace($"\"portMin\": {min}, \"portMax\": {min + MediaSlice - 1}", $"\"portMin\": {next}, \"portMax\": {next + MediaSlice - 1}", StringComparison.Ordinal);
        File.WriteAllText(Config, text);
    }

    public string Socket => Path.Combine(Data, "api.sock");

    public string JobDatabase => Path.Combine(Data, "faxserver.db");

    public string Inbox => Path.Combine(Data, "inbox");
}
