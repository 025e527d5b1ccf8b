using FaxBox.Admin.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FaxBox.Admin.Pages.Settings;

/// <summary><c>/settings/json</c>: the whole configuration as JSON (secrets as a placeholder that keeps them), validated before it is saved.</summary>
public sealed class JsonModel(AdminContext context) : PageModel
{
    /// <summary>The configuration in force, or null.</summary>
    public AdminConfigurationView? View { get; private set; }

    /// <summary>The document in the editor.</summary>
    [BindProperty]
    public string Document { get; set; } = string.Empty;

    /// <summary>Why it was not saved (or is not valid).</summary>
    public IReadOnlyList<AdminConfigurationError> Errors { get; private set; } = [];

    /// <summary>The save's result when it saved.</summary>
    public AdminSaveResult? Result { get; private set; }

    /// <summary>True after a validation that found nothing wrong.</summary>
    public bool Valid { get; private set; }

    public IActionResult OnGet()
    {
        View = context.Configuration?.Read();
        Document = View?.DocumentJson ?? string.Empty;
        return Page();
    }

    public IActionResult OnPostValidate()
    {
        if (context.Configuration is not { } configuration)
        {
            return NotFound();
        }

        View = configuration.Read();
        Errors = configuration.Validate(Document);
        Valid = Errors.Count == 0;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (context.Configuration is not { } configuration)
        {
            return NotFound();
        }

        var result = await configuration.SaveAsync(Document, cancellationToken).ConfigureAwait(false);
        View = configuration.Read();
        if (!result.Saved)
        {
            Errors = result.Errors;
            return Page();
        }

        Result = result;
        Document = View.DocumentJson;
        return Page();
    }
}
