using FaxBox.Admin.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FaxBox.Admin.Pages.Settings;

/// <summary>One settings page (<c>/settings/ID</c>): a form generated from the configuration's keys under the section.</summary>
public sealed class SectionModel(AdminContext context) : PageModel
{
    /// <summary>The section shown.</summary>
    public SettingsSection? Section { get; private set; }

    /// <summary>The configuration in force, or null when the box gives the site none (read-only).</summary>
    public AdminConfigurationView? View { get; private set; }

    /// <summary>The section's settings.</summary>
    public IReadOnlyList<AdminSetting> Settings { get; private set; } = [];

    /// <summary>What the administrator typed (shown again when the form comes back with errors); secrets never.</summary>
    public Dictionary<string, string> Posted { get; } = new(StringComparer.Ordinal);

    /// <summary>Errors of the last save.</summary>
    public IReadOnlyList<AdminConfigurationError> Errors { get; private set; } = [];

    /// <summary>The last save's result when it saved.</summary>
    public AdminSaveResult? Result { get; private set; }

    /// <summary>True when the form was posted without a change.</summary>
    public bool NothingChanged { get; private set; }

    public IActionResult OnGet(string id) => Load(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (!Load(id) || context.Configuration is not { } configuration || View is null)
        {
            return NotFound();
        }

        var form = Request.Form;
        foreach (var setting in Settings.Where(s => s.Kind is not AdminSettingKind.Secret and not AdminSettingKind.Boolean))
        {
            if (form.TryGetValue(SettingsForm.FieldName(setting), out var value))
            {
                Posted[setting.Path] = value.ToString();
            }
        }

        var (json, changed, errors) = SettingsForm.Apply(View.DocumentJson, Settings, name => form.TryGetValue(name, out var v) ? [.. v.Select(x => x ?? string.Empty)] : []);
        if (errors.Count > 0)
        {
            Errors = errors;
            return Page();
        }

        if (changed.Count == 0)
        {
            NothingChanged = true;
            return Page();
        }

        var result = await configuration.SaveAsync(json, cancellationToken).ConfigureAwait(false);
        if (!result.Saved)
        {
            Errors = result.Errors;
            return Page();
        }

        Result = result;
        Posted.Clear();
        Load(id);
        return Page();
    }

    /// <summary>The value to show in a setting's control: what was typed, else the effective value.</summary>
    public string ValueOf(AdminSetting setting) => Posted.TryGetValue(setting.Path, out var typed) ? typed : setting.Value ?? string.Empty;

    /// <summary>The errors that belong at a setting's field: its key, or a key inside it.</summary>
    public IEnumerable<AdminConfigurationError> ErrorsAt(AdminSetting setting) => Errors.Where(e => e.Key == setting.Path || SettingsSection.Under(e.Key, setting.Path));

    /// <summary>Errors that no field of this page shows (another section's key, the whole file).</summary>
    public IEnumerable<AdminConfigurationError> OtherErrors => Errors.Where(e => !Settings.Any(s => e.Key == s.Path || SettingsSection.Under(e.Key, s.Path)));

    private bool Load(string id)
    {
        Section = SettingsSection.Find(id);
        if (Section is null)
        {
            return false;
        }

        View = context.Configuration?.Read();
        Settings = View?.Settings.Where(s => Section.Contains(s.Path)).ToList() ?? [];
        return true;
    }
}
