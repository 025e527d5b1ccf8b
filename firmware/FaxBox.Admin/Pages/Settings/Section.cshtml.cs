using System.Text.Json;
using System.Text.Json.Nodes;
using FaxBox.Admin.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FaxBox.Admin.Pages.Settings;

/// <summary>
/// One settings page (<c>/settings/ID</c>): a form generated from the configuration's keys under the section. Lists of
/// objects (SIP accounts, ports, routing rules) have an add button and a remove button per entry: these post the form,
/// which comes back with the change in an unsaved draft (<see cref="SettingsDraft"/>) until Save validates and saves it.
/// </summary>
public sealed class SectionModel(AdminContext context) : PageModel
{
    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The section shown.</summary>
    public SettingsSection? Section { get; private set; }

    /// <summary>The configuration in force, or null when the box gives the site none (read-only).</summary>
    public AdminConfigurationView? View { get; private set; }

    /// <summary>The section's settings: the configuration in force, or the unsaved draft's.</summary>
    public IReadOnlyList<AdminSetting> Settings { get; private set; } = [];

    /// <summary>The section's lists of objects, whose entries the form adds and removes.</summary>
    public IReadOnlyList<AdminSettingList> Lists { get; private set; } = [];

    /// <summary>The unsaved document the form edits (entries added or removed, a save refused), or null when it shows the configuration in force.</summary>
    public string? Draft { get; private set; }

    /// <summary>The fingerprint of the configuration the form started from.</summary>
    public string Base { get; private set; } = string.Empty;

    /// <summary>What the last add or remove did (shown as a status), or null.</summary>
    public string? DraftNotice { get; private set; }

    /// <summary>The id of the control to focus (the first field of an added entry), or null.</summary>
    public string? Focus { get; private set; }

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
        IReadOnlyList<string> Posted(string name) => form.TryGetValue(name, out var v) ? [.. v.Select(x => x ?? string.Empty)] : [];

        // The document the form was drawn from: the configuration in force, or the draft it carries.
        var document = View.DocumentJson;
        var basis = Settings;
        var draft = form[SettingsDraft.DraftField].ToString();

        // A form drawn from an older configuration would write its old values over a change made since (another page,
        // the API, the file): refused, whether or not it carries a draft (the form always posts its fingerprint).
        if (form[SettingsDraft.BaseField].ToString() != Base)
        {
            Errors = [new AdminConfigurationError("(file)", draft.Length > 0
                ? "the configuration was changed elsewhere (another page, the API or the file) since this form was opened: nothing was saved and the unsaved entries were discarded; make the change again"
                : "the configuration was changed elsewhere (another page, the API or the file) since this form was opened: nothing was saved; the form now shows the configuration in force, make the change again", "stale form")];
            return Page();
        }

        if (draft.Length > 0)
        {
            try
            {
                basis = InSection(configuration.Describe(draft));
            }
            catch (JsonException)
            {
                Errors = [new AdminConfigurationError("(form)", "the form's unsaved draft is damaged: nothing was saved; open the page again", "damaged draft")];
                return Page();
            }

            document = draft;
        }

        var (pageDraft, _, applyErrors) = SettingsForm.Apply(document, basis, Posted, secrets: false);
        if (applyErrors.Count > 0)
        {
            Errors = applyErrors;
            return ShowDraft(configuration, pageDraft);
        }

        if (form.TryGetValue(SettingsDraft.AddField, out var add))
        {
            var list = Lists.FirstOrDefault(l => l.Path == add.ToString());
            if (list is null)
            {
                return BadRequest($"add: '{add}' is not a list of this page");
            }

            try
            {
                (pageDraft, var index) = SettingsDraft.Add(pageDraft, list);
                var entry = $"{list.Path}[{index}]";
                ShowDraft(configuration, pageDraft);
                Focus = Settings.FirstOrDefault(s => SettingsSection.Under(s.Path, entry)) is { } first ? SettingsForm.FieldId(first.Path) : null;
                DraftNotice = $"Added {list.Noun} {index + 1} ({entry}): fill it in and press Save. Nothing is saved until then{TypedSecretsNote(form, basis)}.";
            }
            catch (InvalidOperationException e)
            {
                Errors = [new AdminConfigurationError(list.Path, e.Message, e.Message)];
                ShowDraft(configuration, pageDraft);
            }

            return Page();
        }

        if (form.TryGetValue(SettingsDraft.RemoveField, out var remove))
        {
            if (!SettingsDraft.TryParseEntry(remove.ToString(), Lists, out var list, out var index))
            {
                return BadRequest($"remove: '{remove}' is not an entry of a list of this page");
            }

            try
            {
                pageDraft = SettingsDraft.Remove(pageDraft, list!, index);
                DraftNotice = $"Removed {list!.Noun} {index + 1} ({list.Path}[{index}]); the entries after it moved up. Nothing is saved until you press Save{TypedSecretsNote(form, basis)}.";
            }
            catch (ArgumentOutOfRangeException e)
            {
                Errors = [new AdminConfigurationError(remove.ToString(), e.Message.Split(" (Parameter", 2)[0], e.Message)];
            }

            return ShowDraft(configuration, pageDraft);
        }

        var (json, changed, errors) = SettingsForm.Apply(document, basis, Posted);
        if (errors.Count > 0)
        {
            Errors = errors;
            return ShowDraft(configuration, pageDraft);
        }

        if (changed.Count == 0 && (draft.Length == 0 || JsonNode.DeepEquals(JsonNode.Parse(draft, null, Lenient), JsonNode.Parse(View.DocumentJson, null, Lenient))))
        {
            NothingChanged = true;
            return Page();
        }

        var result = await configuration.SaveAsync(json, cancellationToken).ConfigureAwait(false);
        if (!result.Saved)
        {
            Errors = result.Errors;
            return ShowDraft(configuration, pageDraft);
        }

        Result = result;
        Load(id);
        return Page();
    }

    /// <summary>The errors that belong at a setting's field: its key, or a key inside it.</summary>
    public IEnumerable<AdminConfigurationError> ErrorsAt(AdminSetting setting) => Errors.Where(e => e.Key == setting.Path || SettingsSection.Under(e.Key, setting.Path));

    /// <summary>Errors that no field of this page shows (another section's key, the whole file).</summary>
    public IEnumerable<AdminConfigurationError> OtherErrors => Errors.Where(e => !Settings.Any(s => e.Key == s.Path || SettingsSection.Under(e.Key, s.Path)));

    private static string TypedSecretsNote(Microsoft.AspNetCore.Http.IFormCollection form, IReadOnlyList<AdminSetting> basis) =>
        basis.Any(s => s.Kind == AdminSettingKind.Secret && form.TryGetValue(SettingsForm.FieldName(s), out var v) && v.ToString().Length > 0)
            ? "; a password typed before is not kept in the page: type it again"
            : string.Empty;

    private PageResult ShowDraft(IAdminConfiguration configuration, string draft)
    {
        Draft = draft;
        Settings = InSection(configuration.Describe(draft));
        return Page();
    }

    private List<AdminSetting> InSection(IReadOnlyList<AdminSetting> settings) => [.. settings.Where(s => Section!.Contains(s.Path))];

    private bool Load(string id)
    {
        Section = SettingsSection.Find(id);
        if (Section is null)
        {
            return false;
        }

        View = context.Configuration?.Read();
        Settings = View is null ? [] : InSection(View.Settings);
        Lists = View?.Lists.Where(l => Section.Contains(l.Path)).ToList() ?? [];
        Base = View is null ? string.Empty : SettingsDraft.Fingerprint(View.DocumentJson);
        Draft = null;
        return true;
    }
}
