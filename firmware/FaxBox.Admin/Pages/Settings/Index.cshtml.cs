using System.Globalization;
using System.Text;
using FaxBox.Admin.Settings;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FaxBox.Admin.Pages.Settings;

/// <summary>
/// <c>/settings</c>: the settings pages, and backup (the whole configuration as one file) and restore (that file
/// uploaded: validated before anything is replaced).
/// </summary>
public sealed class IndexModel(AdminContext context) : PageModel
{
    /// <summary>A restored file larger than this is refused unread (the configuration loader's own limit).</summary>
    public const int MaxBackupBytes = 1024 * 1024;

    /// <summary>The configuration in force, or null when the box gives the site none.</summary>
    public AdminConfigurationView? View { get; private set; }

    /// <summary>Why the last restore was refused.</summary>
    public IReadOnlyList<AdminConfigurationError> Errors { get; private set; } = [];

    /// <summary>The last restore's result when it saved.</summary>
    public AdminSaveResult? Result { get; private set; }

    public void OnGet() => View = context.Configuration?.Read();

    /// <summary>The backup download: the configuration file itself, secrets included (it is what a restore needs).</summary>
    public IActionResult OnGetBackup()
    {
        if (context.Configuration is not { } configuration)
        {
            return NotFound();
        }

        var name = $"faxbox-{context.Status.Current.BoxName}-{context.Time.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.json";
        Response.Headers.CacheControl = "no-store";
        return File(Encoding.UTF8.GetBytes(configuration.ExportBackup()), "application/json", SafeFileName(name));
    }

    public async Task<IActionResult> OnPostRestoreAsync(IFormFile? backup, CancellationToken cancellationToken)
    {
        if (context.Configuration is not { } configuration)
        {
            return NotFound();
        }

        View = configuration.Read();
        if (backup is null || backup.Length == 0)
        {
            Errors = [new AdminConfigurationError("backup", "choose a configuration backup file to upload", "backup: choose a file")];
            return Page();
        }

        if (backup.Length > MaxBackupBytes)
        {
            Errors = [new AdminConfigurationError("backup", $"the file is {backup.Length} bytes; a configuration backup is at most {MaxBackupBytes} bytes", "backup: too large")];
            return Page();
        }

        string text;
        using (var reader = new StreamReader(backup.OpenReadStream(), new UTF8Encoding(false, throwOnInvalidBytes: true)))
        {
            try
            {
                text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DecoderFallbackException)
            {
                Errors = [new AdminConfigurationError("backup", $"'{backup.FileName}' is not UTF-8 text: not a configuration backup", "backup: not UTF-8")];
                return Page();
            }
        }

        var result = await configuration.RestoreAsync(text, cancellationToken).ConfigureAwait(false);
        if (!result.Saved)
        {
            Errors = result.Errors;
            return Page();
        }

        Result = result;
        View = configuration.Read();
        return Page();
    }

    private static string SafeFileName(string name) => string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_'));
}
