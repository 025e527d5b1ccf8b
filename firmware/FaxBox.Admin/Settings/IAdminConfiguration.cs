namespace FaxBox.Admin.Settings;

/// <summary>
/// The box's configuration as the settings pages see it: implemented by the host, which owns the configuration file,
/// its validation (the same rules and <c>FILE: KEY: REASON</c> errors as <c>faxbox config check</c>) and live reload.
/// Secrets (keys named like <c>password</c>) never leave it except in <see cref="ExportBackup"/>.
/// </summary>
public interface IAdminConfiguration
{
    /// <summary>
    /// The value a secret has in <see cref="AdminConfigurationView.DocumentJson"/>; a document saved with it keeps the
    /// secret the running configuration has at the same key.
    /// </summary>
    const string SecretPlaceholder = "(unchanged secret)";

    /// <summary>
    /// The start of a secret's placeholder that names where the secret is in the configuration in force:
    /// <c>(unchanged secret of sip.accounts[2].password)</c>, written by a form when removing a list entry moves the
    /// entries after it (a secret key only ever takes a secret from a secret key).
    /// </summary>
    const string SecretPlaceholderFrom = "(unchanged secret of ";

    /// <summary>The configuration in force: every setting with its effective value (secrets only as set or not).</summary>
    AdminConfigurationView Read();

    /// <summary>
    /// The settings of a document being edited (valid or not), as <see cref="AdminConfigurationView.Settings"/> lists
    /// them, each value as the document writes it; throws <see cref="System.Text.Json.JsonException"/> when it is not JSON.
    /// </summary>
    IReadOnlyList<AdminSetting> Describe(string json);

    /// <summary>Validates a whole configuration document without saving anything.</summary>
    IReadOnlyList<AdminConfigurationError> Validate(string json);

    /// <summary>
    /// Validates <paramref name="json"/> (secrets may be <see cref="SecretPlaceholder"/>) and, when it is valid, keeps a
    /// copy of the file it replaces, writes it atomically (temporary file, fsync, rename) and applies what the running
    /// box can apply live; the result says what changed, what applied live and what waits for a restart.
    /// </summary>
    Task<AdminSaveResult> SaveAsync(string json, CancellationToken cancellationToken);

    /// <summary>The whole configuration file as it is saved (comments and secrets included): the backup download.</summary>
    string ExportBackup();

    /// <summary>
    /// Replaces the configuration with a backup (<see cref="ExportBackup"/>'s text): validated first, nothing replaced
    /// when it is not valid; then as <see cref="SaveAsync"/>.
    /// </summary>
    Task<AdminSaveResult> RestoreAsync(string backup, CancellationToken cancellationToken);
}
