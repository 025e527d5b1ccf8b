using FaxBox.Admin.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FaxBox.Admin.Pages.Diagnostics;

/// <summary><c>/diagnostics</c>: start the readiness test or a trunk fax test, send a SIP OPTIONS, see recent runs.</summary>
internal sealed class IndexModel(AdminContext context, DiagnosticRuns runs) : PageModel
{
    /// <summary>Whether the box gives the site diagnostics to run.</summary>
    public bool Available => context.Diagnostics is not null;

    /// <summary>Recent runs, newest first.</summary>
    public IReadOnlyList<DiagnosticRun> Runs => runs.All;

    /// <summary>The SIP URI asked (kept in the form).</summary>
    [BindProperty]
    public string? Uri { get; set; }

    /// <summary>The number the trunk test dials (kept in the form).</summary>
    [BindProperty]
    public string? Number { get; set; }

    /// <summary>The sweep chosen.</summary>
    [BindProperty]
    public string Sweep { get; set; } = "quick";

    /// <summary>The last OPTIONS' answer.</summary>
    public SipOptionsResult? Options { get; private set; }

    /// <summary>Why the last form was refused, by field id.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>The packet capture's status, or null without diagnostics.</summary>
    public FaxBox.Core.Capture.PacketCaptureStatus? Capture => context.Diagnostics?.CaptureStatus;

    /// <summary>Whether a finished capture can be downloaded.</summary>
    public bool CaptureReady { get; private set; }

    /// <summary>The capture lengths the form offers, in minutes.</summary>
    public static IReadOnlyList<int> CaptureMinutes { get; } = [1, 5, 15, 60];

    public void OnGet() => CaptureReady = HasCapture();

    public IActionResult OnPostCaptureStart(int minutes)
    {
        if (context.Diagnostics is not { } backend)
        {
            return NotFound();
        }

        if (!CaptureMinutes.Contains(minutes))
        {
            Errors["capture"] = $"capture for {string.Join(", ", CaptureMinutes)} minutes";
        }
        else
        {
            try
            {
                backend.StartCapture(TimeSpan.FromMinutes(minutes));
            }
            catch (InvalidOperationException e)
            {
                Errors["capture"] = e.Message;
            }
        }

        CaptureReady = HasCapture();
        return Errors.Count > 0 ? Page() : Redirect("/diagnostics#capture-title");
    }

    public async Task<IActionResult> OnPostCaptureStopAsync()
    {
        if (context.Diagnostics is not { } backend)
        {
            return NotFound();
        }

        await backend.StopCaptureAsync().ConfigureAwait(false);
        return Redirect("/diagnostics#capture-title");
    }

    /// <summary>The last finished capture, as a pcap file.</summary>
    public IActionResult OnGetCapture()
    {
        if (context.Diagnostics?.OpenCapture() is not { } stream)
        {
            return NotFound();
        }

        var name = $"faxbox-{context.Status.Current.BoxName}-{context.Time.GetUtcNow():yyyyMMdd-HHmmss}.pcap";
        return File(stream, "application/vnd.tcpdump.pcap", string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_')));
    }

    private bool HasCapture()
    {
        using var stream = context.Diagnostics?.OpenCapture();
        return stream is not null;
    }

    public IActionResult OnPostReadiness()
    {
        if (context.Diagnostics is not { } backend)
        {
            return NotFound();
        }

        if (ReadinessSweep.Find(Sweep) is not { } sweep)
        {
            Errors["sweep"] = "choose one of the sweeps";
            return Page();
        }

        return Redirect($"/diagnostics/runs/{DiagnosticsArea.StartReadiness(runs, backend, sweep).Id}");
    }

    public async Task<IActionResult> OnPostOptionsAsync(CancellationToken cancellationToken)
    {
        if (context.Diagnostics is not { } backend)
        {
            return NotFound();
        }

        try
        {
            Options = await backend.SipOptionsAsync(Uri?.Trim() ?? string.Empty, TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            Errors["uri"] = e.Message;
        }

        return Page();
    }

    public IActionResult OnPostTrunk()
    {
        if (context.Diagnostics is not { } backend)
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(Number))
        {
            Errors["number"] = "give the number to send the test page to";
            return Page();
        }

        return Redirect($"/diagnostics/runs/{DiagnosticsArea.StartTrunkTest(runs, backend, Number.Trim()).Id}");
    }
}
