namespace FaxBox.Admin.Diagnostics;

/// <summary>The diagnostics the box runs for the diagnostics pages: implemented by the host.</summary>
public interface IAdminDiagnostics
{
}
