namespace FaxBox.Admin.Settings;

/// <summary>One setting: a leaf of the configuration, e.g. <c>fax.t38</c> or <c>ports[0].number</c>.</summary>
public sealed record AdminSetting
{
    /// <summary>The JSON path as configuration errors name it (<c>sip.accounts[0].password</c>).</summary>
    public required string Path { get; init; }

    /// <summary>What kind of value it takes.</summary>
    public required AdminSettingKind Kind { get; init; }

    /// <summary>The effective value as the configuration file writes it (<c>"5s"</c>, <c>"on-cng"</c>, <c>"0, 8"</c> for a list); null when unset and always for a secret.</summary>
    public string? Value { get; init; }

    /// <summary>For a secret: whether one is set.</summary>
    public bool IsSet { get; init; }

    /// <summary>For <see cref="AdminSettingKind.Choice"/>: the allowed values.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>For <see cref="AdminSettingKind.List"/>: whether the elements are numbers (else strings).</summary>
    public bool ElementsAreNumbers { get; init; }

    /// <summary>Whether null (unset) is allowed.</summary>
    public bool Nullable { get; init; }
}
