using FaxBox.Admin.Diagnostics;
using FaxBox.Admin.Settings;
using FaxBox.Core.Status;
using FaxBox.FaxServer;

namespace FaxBox.Admin;

/// <summary>
/// What the admin site presents and operates, handed to it by the host (ARCHITECTURE.md: Admin sees Core, FaxServer and
/// the configuration through abstractions; it never reaches into SIP or a line port).
/// </summary>
public sealed class AdminContext
{
    /// <summary>The box's status model (dashboard, server-sent events, <c>/api/v1/status</c>).</summary>
    public required IStatusFeed Status { get; init; }

    /// <summary>The fax server (inbox, outbox, send form), or null when the box runs without one.</summary>
    public FaxServerService? FaxServer { get; init; }

    /// <summary>The box's data folder: the site keeps its keys, certificate and password hash in <c>admin/</c> there.</summary>
    public required string DataFolder { get; init; }

    /// <summary>The configuration as the settings pages read, validate, save, back up and restore it; null: read-only site.</summary>
    public IAdminConfiguration? Configuration { get; init; }

    /// <summary>The diagnostics the box can run (readiness test, SIP OPTIONS, trunk fax test, capture); null: none.</summary>
    public IAdminDiagnostics? Diagnostics { get; init; }

    /// <summary>The box's recent log entries (the diagnostics log view); null: no log view.</summary>
    public Logs.LogRing? Logs { get; init; }

    /// <summary>The clock for sessions, lock-outs and timestamps.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
