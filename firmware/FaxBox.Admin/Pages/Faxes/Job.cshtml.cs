using FaxBox.Admin.Api;
using FaxBox.Admin.Faxes;
using FaxBox.FaxServer.Queue;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FaxBox.Admin.Pages.Faxes;

/// <summary>One outgoing job: its progress until sent or failed (faxes.js keeps it live), its pages and every attempt's record with the T.30 ladder.</summary>
public sealed class JobModel : PageModel
{
    internal FaxJob Job { get; private set; } = null!;

    internal JobDto Dto { get; private set; } = null!;

    internal IReadOnlyList<FaxJobAttempt> Attempts { get; private set; } = [];

    public IActionResult OnGet(long id)
    {
        if (FaxesArea.Server(HttpContext) is not { } server || server.Jobs.Get(id) is not { } job)
        {
            return NotFound();
        }

        Job = job;
        Dto = FaxServerEndpoints.ToDto(server, job);
        Attempts = server.Jobs.Attempts(id);
        return Page();
    }
}
