namespace FaxBox.Admin.Settings;

/// <summary>
/// The box's configuration as the settings pages see it: implemented by the host, which owns the configuration file,
/// its validation and live reload.
/// </summary>
public interface IAdminConfiguration
{
}
