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

    public void OnGet()
    {
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
