using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace FaxBox.FaxServer.Documents;

/// <summary>
/// Runs Debian's Ghostscript (<c>gs</c>) as a child process, always with <c>-dSAFER -dBATCH -dNOPAUSE -dQUIET</c>
/// (no file access beyond the named input and output, no prompts), under a wall-time limit after which the process
/// is killed. Asynchronous, so it never blocks a media or request thread while gs works.
/// </summary>
internal sealed class Ghostscript(string executable, TimeSpan timeLimit)
{
    /// <summary>Most bytes of gs's error output kept (it is only matched against known phrases, never logged).</summary>
    private const int MaxErrorChars = 16 * 1024;

    /// <summary>The switches every run starts with.</summary>
    internal static readonly string[] SafeSwitches = ["-dSAFER", "-dBATCH", "-dNOPAUSE", "-dQUIET", "-dNOINTERPOLATE"];

    /// <summary>The executable run.</summary>
    public string Executable { get; } = executable;

    /// <summary>The wall-time limit of one run.</summary>
    public TimeSpan TimeLimit { get; } = timeLimit;

    /// <summary>
    /// Runs gs with <see cref="SafeSwitches"/> followed by <paramref name="arguments"/>.
    /// </summary>
    /// <returns>The exit code and the start of gs's error output.</returns>
    /// <exception cref="GhostscriptException">gs is missing, could not start, or took longer than <see cref="TimeLimit"/> (it was killed).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (gs was killed).</exception>
    public async Task<(int ExitCode, string Errors)> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (string s in SafeSwitches)
        {
            start.ArgumentList.Add(s);
        }

        foreach (string a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new GhostscriptException($"cannot start Ghostscript '{Executable}' ({ex.Message}); install the Debian package ghostscript", ex);
        }

        process.StandardInput.Close();
        Task<string> errors = ReadBoundedAsync(process.StandardError);
        Task<string> output = ReadBoundedAsync(process.StandardOutput);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            cancellationToken.ThrowIfCancellationRequested();
            throw new GhostscriptException($"Ghostscript took longer than {TimeLimit.TotalSeconds:0.###} s and was stopped", timedOut: true);
        }

        string text = await errors.ConfigureAwait(false);
        string stdout = await output.ConfigureAwait(false);
        return (process.ExitCode, text + stdout);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // It ended by itself meanwhile.
        }
        catch (Win32Exception)
        {
            // Already gone.
        }
    }

    private static async Task<string> ReadBoundedAsync(StreamReader reader)
    {
        var text = new StringBuilder();
        char[] buffer = new char[4096];
        int n;
        while ((n = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            if (text.Length < MaxErrorChars)
            {
                text.Append(buffer, 0, Math.Min(n, MaxErrorChars - text.Length));
            }
        }

        return text.ToString();
    }
}
