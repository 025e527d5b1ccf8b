using System.Diagnostics;
using System.Globalization;
using FaxBox.Sip.Calls;
using FaxBox.Sip.Transactions;
using FaxBox.Sip.Tests.Interop;
using FaxBox.Testing.Interop;

namespace FaxBox.MicroBenchmarks;

/// <summary>
/// SIP call load (<c>--sip-load [RATE] [SECONDS]</c>, tools/bench/sip-load): FaxBox's user agent is a UAS on
/// 127.0.0.1 with RFC 3261's default timers (T1 = 500 ms, so timers J and L = 64·T1 = 32 s) and answers every INVITE
/// with 200 + an SDP answer; sipp's built-in uac scenario places RATE calls per second for SECONDS seconds and ends
/// each call with BYE. Prints sipp's own call statistics (its -trace_stat file), the UAS's answered and ended calls,
/// the live transactions (<see cref="SipTransactionLayer.TransactionCount"/>) and calls/dialogs
/// (<see cref="SipUserAgent.Calls"/>) once every transaction timer has run out, the UAS process's CPU time per call,
/// and a verdict: MET only when every call completed and nothing is left. Exit 0 MET, 1 MISSED, 2 bad arguments.
/// </summary>
internal static class SipLoadRun
{
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(45);

    public static async Task<int> RunAsync(int rate, int seconds)
    {
        if (rate <= 0 || seconds <= 0)
        {
            Console.Error.WriteLine("sip-load: RATE and SECONDS must be positive integers");
            return 2;
        }

        var calls = rate * seconds;
        var timers = new SipTimerOptions();
        await using var box = FaxBoxCallStack.Start(timers: timers);
        long answered = 0, ended = 0, answerFailed = 0, remoteHangUps = 0;
        box.Ua.IncomingCall.Add(async (call, ct) =>
        {
            call.StateChanged.Add((change, _) =>
            {
                if (change.State == SipCallState.Terminated)
                {
                    Interlocked.Increment(ref ended);
                    if (change.Reason == SipCallEndReason.RemoteHangUp)
                    {
                        Interlocked.Increment(ref remoteHangUps);
                    }
                }

                return ValueTask.CompletedTask;
            });
            try
            {
                await call.AnswerAsync(box.Negotiator.CreateAnswer(call.RemoteOffer!).Description, ct);
                Interlocked.Increment(ref answered);
            }
            catch (Exception e) when (e is InvalidOperationException or OperationCanceledException or FaxBox.Sip.Transport.SipTransportException)
            {
                Interlocked.Increment(ref answerFailed);
            }
        });

        var folder = Directory.CreateTempSubdirectory("faxbox-sip-load-").FullName;
        var statFile = Path.Combine(folder, "stat.csv");
        var errorFile = Path.Combine(folder, "errors.log");
        var sippLimit = TimeSpan.FromSeconds(seconds + 60);
        Console.WriteLine($"# sip-load: sipp built-in uac, {rate} calls/s for {seconds} s ({calls} calls) -> FaxBox UAS on 127.0.0.1:{box.Port}; timers T1={timers.T1.TotalMilliseconds} ms, 64*T1={timers.TransactionTimeout.TotalSeconds} s, T4={timers.T4.TotalSeconds} s");
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        int sippExit;
        string sippOutput;
        string[] args =
        [
            $"127.0.0.1:{box.Port}", "-sn", "uac", "-i", "127.0.0.1", "-p", FreePorts.UdpAndTcp().ToString(CultureInfo.InvariantCulture),
            "-r", rate.ToString(CultureInfo.InvariantCulture), "-m", calls.ToString(CultureInfo.InvariantCulture),
            "-l", (rate * 10).ToString(CultureInfo.InvariantCulture), "-nostdin", "-timeout", $"{(int)sippLimit.TotalSeconds}s", "-timeout_error",
            "-trace_stat", "-stf", statFile, "-fd", "1", "-trace_err", "-error_file", errorFile,
        ];
        await using (var sipp = ExternalProcess.Start("sipp", args, folder))
        {
            try
            {
                sippExit = await sipp.WaitAsync(sippLimit + TimeSpan.FromSeconds(15));
            }
            catch (TimeoutException)
            {
                sippExit = -1;
            }

            sippOutput = sipp.Output;
        }

        var sippWall = wall.Elapsed;
        var loadCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var stats = ReadLastStats(statFile);
        var drain = Stopwatch.StartNew();
        while (drain.Elapsed < DrainLimit && (box.Layer.TransactionCount > 0 || box.Ua.Calls.Count > 0))
        {
            await Task.Delay(250);
        }

        var drained = drain.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var transactions = box.Layer.TransactionCount;
        var dialogs = box.Ua.Calls.Count;

        var created = Stat(stats, "TotalCallCreated");
        var succeeded = Stat(stats, "SuccessfulCall(C)");
        var failed = Stat(stats, "FailedCall(C)");
        Console.WriteLine($"sipp: exit {sippExit}, wall {sippWall.TotalSeconds:F1} s; calls attempted {created}, completed {succeeded}, failed {failed} (of {calls} asked); retransmissions {Stat(stats, "Retransmissions(C)")}, dead calls {Stat(stats, "DeadCallMsgs(C)")}, response time 1 avg {Value(stats, "ResponseTime1(C)")}");
        Console.WriteLine($"uas: answered {answered}, answer failed {answerFailed}, ended {ended} ({remoteHangUps} by the remote BYE)");
        Console.WriteLine($"uas after drain ({drained.TotalSeconds:F1} s after sipp ended, limit {DrainLimit.TotalSeconds} s): live transactions {transactions}, live calls/dialogs {dialogs}");
        var perCall = succeeded > 0 ? cpu.TotalMilliseconds / succeeded : double.NaN;
        Console.WriteLine($"uas cpu: {cpu.TotalSeconds:F2} s process CPU (user+system, all threads, from sipp start to end of drain) = {perCall:F3} ms per completed call; {loadCpu.TotalSeconds:F2} s while sipp ran = {loadCpu.TotalSeconds / sippWall.TotalSeconds * 100:F0} % of one core");
        var met = sippExit == 0 && created == calls && succeeded == calls && failed == 0 && answered == calls && ended == calls && transactions == 0 && dialogs == 0;
        if (!met)
        {
            var errors = File.Exists(errorFile) ? File.ReadAllText(errorFile) : string.Empty;
            Console.WriteLine("# sipp errors (first 2000 chars): " + errors[..Math.Min(errors.Length, 2000)]);
            Console.WriteLine("# sipp output (last 1500 chars): " + sippOutput[Math.Max(0, sippOutput.Length - 1500)..]);
        }

        Console.WriteLine($"verdict: {(met ? "MET" : "MISSED")} ({rate} cps x {seconds} s: every call completed and 0 transactions/dialogs left)");
        Directory.Delete(folder, recursive: true);
        return met ? 0 : 1;
    }

    /// <summary>The last data row of sipp's -trace_stat CSV (';'-separated, header first), by column name.</summary>
    private static Dictionary<string, string> ReadLastStats(string path)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return result;
        }

        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        if (lines.Length < 2)
        {
            return result;
        }

        var names = lines[0].Split(';');
        var values = lines[^1].Split(';');
        for (var i = 0; i < Math.Min(names.Length, values.Length); i++)
        {
            result[names[i]] = values[i];
        }

        return result;
    }

    private static long Stat(Dictionary<string, string> stats, string name) =>
        stats.TryGetValue(name, out var v) && long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : -1;

    private static string Value(Dictionary<string, string> stats, string name) => stats.TryGetValue(name, out var v) ? v : "?";
}
