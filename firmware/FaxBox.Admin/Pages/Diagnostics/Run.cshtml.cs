using FaxBox.Admin.Api;
using FaxBox.Admin.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FaxBox.Admin.Pages.Diagnostics;

/// <summary><c>/diagnostics/runs/ID</c>: a run's progress (updated by <c>diagnostics.js</c> while it runs) and its outcome.</summary>
internal sealed class RunModel(DiagnosticRuns runs) : PageModel
{
    /// <summary>The run shown.</summary>
    public DiagnosticRun? Run { get; private set; }

    public IActionResult OnGet(string id)
    {
        Run = runs.Find(id);
        return Run is null ? NotFound() : Page();
    }

    /// <summary>The run as JSON, for the page's script.</summary>
    public IActionResult OnGetStatus(string id) => runs.Find(id) is { } run
        ? new JsonResult(DiagnosticsArea.Describe(run), ApiJson.Options)
        : NotFound();
}
