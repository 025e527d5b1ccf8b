namespace FaxBox.Admin.Settings;

/// <summary>The kind of value a setting takes, which decides its form control.</summary>
public enum AdminSettingKind
{
    /// <summary>A string.</summary>
    Text,

    /// <summary>A number.</summary>
    Number,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>One of <see cref="AdminSetting.Choices"/> (kebab-case enum values).</summary>
    Choice,

    /// <summary>A duration: <c>"150ms"</c>, <c>"5s"</c>, <c>"2m"</c>.</summary>
    Duration,

    /// <summary>A list of strings or numbers, edited as one comma-separated line.</summary>
    List,

    /// <summary>A password or token: never shown; an empty field keeps the one set.</summary>
    Secret,
}
