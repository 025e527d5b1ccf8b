using FaxBox.Admin.Faxes;
using FaxBox.FaxServer.Inbox;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FaxBox.Admin.Pages.Faxes;

/// <summary>One received fax: the page viewer, downloads, its details and deliveries, and its call's record with the T.30 ladder.</summary>
public sealed class ReceivedModel : PageModel
{
    internal ReceivedFax Fax { get; private set; } = null!;

    /// <summary>The page shown large (1-based; query <c>p</c>, as <c>page</c> is Razor Pages' own route value).</summary>
    internal int PageNumber { get; private set; } = 1;

    public IActionResult OnGet(string id, int? p)
    {
        if (FaxesArea.Server(HttpContext)?.Inbox.Get(id) is not { } fax)
        {
            return NotFound();
        }

        Fax = fax;
        PageNumber = Math.Clamp(p ?? 1, 1, Math.Max(1, fax.Pages));
        return Page();
    }
}
