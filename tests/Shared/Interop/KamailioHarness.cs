using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FaxBox.Testing.Interop;

/// <summary>
/// A real Kamailio (Debian package) as registrar and proxy with Digest authentication, on 127.0.0.1 at a free port
/// (UDP and TCP), run as the current user in the foreground from a config written to a temp folder, and killed on
/// dispose. Users and passwords are static in the generated routing script; requests from the "faxbox.test" domain
/// are challenged (401 for REGISTER, 407 for the rest), INVITEs are record-routed and relayed to the registered contact.
/// </summary>
internal sealed class KamailioHarness : IAsyncDisposable
{
    public const string Domain = "faxbox.test";

    private readonly ExternalProcess _process;

    private KamailioHarness(ExternalProcess process, string folder, int port)
    {
        _process = process;
        Folder = folder;
        Port = port;
    }

    public string Folder { get; }

    public int Port { get; }

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    public string Log => _process.Output;

    /// <summary>Writes the config, starts kamailio and waits (bounded) until it answers OPTIONS.</summary>
    public static async Task<KamailioHarness> StartAsync(IReadOnlyDictionary<string, string> users, string algorithm = "MD5", int minExpires = 60)
    {
        string folder = Directory.CreateTempSubdirectory("faxbox-kamailio-").FullName;
        int port = FreePorts.UdpAndTcp();
        string config = Path.Combine(folder, "kamailio.cfg");
        await File.WriteAllTextAsync(config, Config(port, users, algorithm, minExpires));
        var process = ExternalProcess.Start("kamailio",
            ["-f", config, "-DD", "-E", "-P", Path.Combine(folder, "kamailio.pid"), "-Y", folder, "-w", folder], folder);
        var harness = new KamailioHarness(process, folder, port);
        try
        {
            await harness.WaitReadyAsync();
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }

        return harness;
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string ModulePath()
    {
        foreach (string dir in Directory.GetDirectories("/usr/lib"))
        {
            string candidate = Path.Combine(dir, "kamailio", "modules");
            if (File.Exists(Path.Combine(candidate, "tm.so")))
            {
                return candidate;
            }
        }

        return File.Exists("/usr/lib/kamailio/modules/tm.so")
            ? "/usr/lib/kamailio/modules"
            : throw new InvalidOperationException("kamailio modules not found under /usr/lib/*/kamailio/modules: run tools/test to install kamailio");
    }

    private static string Config(int port, IReadOnlyDictionary<string, string> users, string algorithm, int minExpires)
    {
        var passwords = new StringBuilder();
        foreach (var (user, password) in users)
        {
            passwords.Append(CultureInfo.InvariantCulture, $"    if ($au == \"{user}\") {{ $var(pw) = \"{password}\"; }}\n");
        }

        return $$"""
            #!KAMAILIO
            debug=2
            log_stderror=yes
            # One UDP worker: with two, an ACK and the BYE right behind it can be forwarded out of order (a peer then sees
            # the BYE before the ACK), which a test of the box must not depend on.
            children=1
            tcp_children=2
            auto_aliases=no
            listen=udp:127.0.0.1:{{port}}
            listen=tcp:127.0.0.1:{{port}}
            alias="{{Domain}}"
            alias="127.0.0.1:{{port}}"
            mpath="{{ModulePath()}}"

            loadmodule "kex.so"
            loadmodule "corex.so"
            loadmodule "tm.so"
            loadmodule "tmx.so"
            loadmodule "sl.so"
            loadmodule "rr.so"
            loadmodule "pv.so"
            loadmodule "maxfwd.so"
            loadmodule "usrloc.so"
            loadmodule "registrar.so"
            loadmodule "textops.so"
            loadmodule "siputils.so"
            loadmodule "xlog.so"
            loadmodule "sanity.so"
            loadmodule "auth.so"

            modparam("usrloc", "db_mode", 0)
            modparam("registrar", "min_expires", {{minExpires}})
            modparam("registrar", "max_expires", 3600)
            modparam("auth", "algorithm", "{{algorithm}}")
            modparam("auth", "nonce_expire", 30)
            modparam("rr", "enable_full_lr", 1)

            request_route {
                xlog("L_INFO", "FAXBOX-IN $rm $ru from $si:$sp\n");
                if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
                if (!sanity_check("17895", "7")) { exit; }
                if (is_method("OPTIONS") && uri == myself && $rU == $null) { sl_send_reply("200", "Keepalive"); exit; }
                if (has_totag()) {
                    if (loose_route()) { route(RELAY); exit; }
                    if (is_method("ACK")) { if (t_check_trans()) { route(RELAY); } exit; }
                    sl_send_reply("404", "Not here");
                    exit;
                }
                if (is_method("CANCEL")) { if (t_check_trans()) { route(RELAY); } exit; }
                t_check_trans();
                route(AUTH);
                remove_hf("Route");
                if (is_method("INVITE")) { record_route(); }
                if (is_method("REGISTER")) {
                    if (!save("location")) { sl_reply_error(); }
                    exit;
                }
                if ($rU == $null) { sl_send_reply("484", "Address Incomplete"); exit; }
                if (!lookup("location")) { sl_send_reply("404", "Not Found"); exit; }
                route(RELAY);
            }

            route[RELAY] {
                if (!t_relay()) { sl_reply_error(); }
                exit;
            }

            route[AUTH] {
                if (!is_method("REGISTER") && !(from_uri == myself)) { return; }
                $var(pw) = "";
            {{passwords}}
                $var(rc) = pv_auth_check("{{Domain}}", "$var(pw)", "0", "1");
                if ($var(rc) < 0) {
                    xlog("L_INFO", "FAXBOX-AUTH $rm user '$au' refused: $var(rc)\n");
                    auth_challenge("{{Domain}}", "1");
                    exit;
                }
                consume_credentials();
            }
            """;
    }

    private async Task WaitReadyAsync()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        int local = ((IPEndPoint)socket.LocalEndPoint!).Port;
        byte[] buffer = new byte[4096];
        for (int attempt = 0; attempt < 100; attempt++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"kamailio exited during start-up:\n{_process.Output}");
            }

            string options = $"OPTIONS sip:127.0.0.1:{Port} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{local};branch=z9hG4bK-ready{attempt}\r\n" +
                             $"From: <sip:probe@{Domain}>;tag=r{attempt}\r\nTo: <sip:127.0.0.1:{Port}>\r\nCall-ID: ready{attempt}@faxbox\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
            await socket.SendToAsync(Encoding.ASCII.GetBytes(options), EndPoint);
            using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
            try
            {
                int n = await socket.ReceiveAsync(buffer, SocketFlags.None, wait.Token);
                if (Encoding.ASCII.GetString(buffer, 0, n).StartsWith("SIP/2.0 200", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (SocketException)
            {
            }
        }

        throw new TimeoutException($"kamailio did not answer OPTIONS on {EndPoint} within 10 s:\n{_process.Output}");
    }
}
