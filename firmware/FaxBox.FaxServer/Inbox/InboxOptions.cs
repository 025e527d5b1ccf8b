namespace FaxBox.FaxServer.Inbox;

/// <summary>The received-fax store (JSON <c>faxServer.inbox</c>).</summary>
public sealed class InboxOptions
{
    /// <summary>
    /// The box's data folder; the inbox lives in <c>&lt;DataDirectory&gt;/inbox</c> (<c>incoming/</c> while receiving,
    /// one folder per route). Default "/var/lib/faxbox".
    /// </summary>
    public string DataDirectory { get; set; } = "/var/lib/faxbox";

    /// <summary>The CSI the terminal answers with (from <c>terminal.localIdent</c>). Default empty.</summary>
    public string LocalIdent { get; set; } = string.Empty;

    /// <summary>
    /// Incoming faxes are refused (the call is not answered as a fax) while the data folder's file system has less free
    /// space than this. Default 64 MiB (about 1,000 fine pages).
    /// </summary>
    public long MinFreeBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// The longest a fax is kept, per folder name; a folder not listed uses <see cref="DefaultMaxAge"/>. A fax with
    /// deliveries still pending is kept until they are done. Default none.
    /// </summary>
    public Dictionary<string, TimeSpan> MaxAge { get; set; } = [];

    /// <summary>The longest a fax is kept in a folder not in <see cref="MaxAge"/>. Default null: for ever.</summary>
    public TimeSpan? DefaultMaxAge { get; set; }

    /// <summary>Whether retention deletes securely (overwrite, then unlink). Default true.</summary>
    public bool SecureRetention { get; set; } = true;

    /// <summary>How often retention runs. Default 1 h.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);
}
