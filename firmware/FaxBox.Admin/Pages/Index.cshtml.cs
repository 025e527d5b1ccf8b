using FaxBox.Admin.Dashboard;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace FaxBox.Admin.Pages;

/// <summary>The dashboard: the status model now, rendered in full (it works without JavaScript); dashboard.js keeps it live.</summary>
public sealed class IndexModel : PageModel
{
    internal DashboardEvent View { get; private set; } = null!;

    public void OnGet()
    {
        var hub = HttpContext.RequestServices.GetRequiredService<StatusEventHub>();
        var options = HttpContext.RequestServices.GetRequiredService<DashboardOptions>();
        var context = HttpContext.RequestServices.GetRequiredService<AdminContext>();
        View = DashboardEvent.From(hub.Current, hub.Progress, options.LastFaxes, context.Time.GetUtcNow());
    }
}
