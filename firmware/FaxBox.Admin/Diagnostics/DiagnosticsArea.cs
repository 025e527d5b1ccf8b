using FaxBox.Admin.Api;
using FaxBox.Admin.Logs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FaxBox.Admin.Diagnostics;

/// <summary>
/// The diagnostics pages (readiness test, SIP OPTIONS, trunk fax test, log view) and their API:
/// <c>POST /api/v1/diagnostics/readiness</c> (<c>{"sweep":"quick"}</c>, 202 with the run),
/// <c>GET /api/v1/diagnostics/runs/ID</c>, <c>POST /api/v1/diagnostics/sip-options</c> (<c>{"uri":…, "timeoutSeconds":5}</c>),
/// <c>POST /api/v1/diagnostics/trunk-test</c> (<c>{"number":…}</c>, 202 with the run) and
/// <c>GET /api/v1/logs?level=warning&amp;contains=…&amp;max=200</c>.
/// </summary>
internal static class DiagnosticsArea
{
    /// <summary>The longest SIP OPTIONS wait the page and API accept.</summary>
    public static readonly TimeSpan MaxOptionsTimeout = TimeSpan.FromSeconds(30);

    public static void AddServices(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<DiagnosticRuns>();
    }

    /// <summary>Maps the area's endpoints: pages' helpers on <paramref name="app"/>, JSON on <paramref name="api"/> (<c>/api/v1</c>, protected).</summary>
    public static void Map(WebApplication app, RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(api);
        var diagnostics = api.MapGroup("/diagnostics");
        diagnostics.MapPost("/readiness", (AdminContext context, DiagnosticRuns runs, SweepRequest request) =>
        {
            if (context.Diagnostics is not { } backend)
            {
                return NoDiagnostics();
            }

            if (ReadinessSweep.Find(request.Sweep) is not { } sweep)
            {
                return Results.Json(new ApiError($"sweep '{request.Sweep}' is not one of {string.Join(", ", ReadinessSweep.All.Select(s => s.Id))}", "sweep"), ApiJson.Options, statusCode: StatusCodes.Status400BadRequest);
            }

            var run = StartReadiness(runs, backend, sweep);
            return Results.Json(Describe(run), ApiJson.Options, statusCode: StatusCodes.Status202Accepted);
        });
        diagnostics.MapGet("/runs/{id}", (DiagnosticRuns runs, string id) => runs.Find(id) is { } run
            ? Results.Json(Describe(run), ApiJson.Options)
            : Results.Json(new ApiError($"no diagnostic run {id}"), ApiJson.Options, statusCode: StatusCodes.Status404NotFound));
        diagnostics.MapPost("/sip-options", async (AdminContext context, OptionsRequest request, CancellationToken cancellationToken) =>
        {
            if (context.Diagnostics is not { } backend)
            {
                return NoDiagnostics();
            }

            var timeout = TimeSpan.FromSeconds(request.TimeoutSeconds ?? 5);
            if (timeout <= TimeSpan.Zero || timeout > MaxOptionsTimeout)
            {
                return Results.Json(new ApiError($"timeoutSeconds must be above 0 and at most {MaxOptionsTimeout.TotalSeconds}", "timeoutSeconds"), ApiJson.Options, statusCode: StatusCodes.Status400BadRequest);
            }

            try
            {
                return Results.Json(await backend.SipOptionsAsync(request.Uri ?? string.Empty, timeout, cancellationToken).ConfigureAwait(false), ApiJson.Options);
            }
            catch (ArgumentException e)
            {
                return Results.Json(new ApiError(e.Message, "uri"), ApiJson.Options, statusCode: StatusCodes.Status400BadRequest);
            }
        });
        diagnostics.MapPost("/trunk-test", (AdminContext context, DiagnosticRuns runs, TrunkRequest request) =>
            context.Diagnostics is { } backend
                ? Results.Json(Describe(StartTrunkTest(runs, backend, request.Number ?? string.Empty)), ApiJson.Options, statusCode: StatusCodes.Status202Accepted)
                : NoDiagnostics());
        var capture = diagnostics.MapGroup("/capture");
        diagnostics.MapGet("/capture", (AdminContext context) => context.Diagnostics is { } backend ? Results.Json(backend.CaptureStatus, ApiJson.Options) : NoDiagnostics());
        capture.MapPost("/start", (AdminContext context, CaptureRequest request) =>
        {
            if (context.Diagnostics is not { } backend)
            {
                return NoDiagnostics();
            }

            var minutes = request.Minutes ?? 5;
            if (minutes is <= 0 or > 60)
            {
                return Results.Json(new ApiError("minutes must be above 0 and at most 60", "minutes"), ApiJson.Options, statusCode: StatusCodes.Status400BadRequest);
            }

            try
            {
                backend.StartCapture(TimeSpan.FromMinutes(minutes));
                return Results.Json(backend.CaptureStatus, ApiJson.Options);
            }
            catch (InvalidOperationException e)
            {
                return Results.Json(new ApiError(e.Message), ApiJson.Options, statusCode: StatusCodes.Status409Conflict);
            }
        });
        capture.MapPost("/stop", async (AdminContext context) => context.Diagnostics is { } backend ? Results.Json(await backend.StopCaptureAsync().ConfigureAwait(false), ApiJson.Options) : NoDiagnostics());
        capture.MapGet("/file", (AdminContext context) => context.Diagnostics?.OpenCapture() is { } stream
            ? Results.Stream(stream, "application/vnd.tcpdump.pcap", "faxbox-capture.pcap")
            : Results.Json(new ApiError("no finished capture: start one, then stop it"), ApiJson.Options, statusCode: StatusCodes.Status404NotFound));
        api.MapGet("/logs", (AdminContext context, string? level, string? contains, int? max) =>
        {
            if (context.Logs is not { } logs)
            {
                return Results.Json(new ApiError("this box gives the admin site no log"), ApiJson.Options, statusCode: StatusCodes.Status404NotFound);
            }

            if (!TryLevel(level, out var minimum))
            {
                return Results.Json(new ApiError($"level '{level}' is not one of trace, debug, information, warning, error, critical", "level"), ApiJson.Options, statusCode: StatusCodes.Status400BadRequest);
            }

            return Results.Json(logs.Snapshot(minimum, contains, Math.Clamp(max ?? 200, 1, logs.Capacity)), ApiJson.Options);
        });
    }

    /// <summary>Starts the readiness test's sweep as a run (or returns the one running).</summary>
    public static DiagnosticRun StartReadiness(DiagnosticRuns runs, IAdminDiagnostics backend, ReadinessSweep sweep) =>
        runs.Start("readiness", "Fax readiness test: " + sweep.Title, async (progress, cancellationToken) =>
        {
            var report = await backend.RunReadinessTestAsync(sweep.Cases, progress, cancellationToken).ConfigureAwait(false);
            return (report.Passed ? DiagnosticRunState.Passed : DiagnosticRunState.Failed, report.Summary, report);
        });

    /// <summary>Starts a trunk fax test to <paramref name="number"/> as a run (or returns the one running).</summary>
    public static DiagnosticRun StartTrunkTest(DiagnosticRuns runs, IAdminDiagnostics backend, string number) =>
        runs.Start("trunk", $"Trunk fax test to {number}", async (progress, cancellationToken) =>
        {
            var result = await backend.TrunkFaxTestAsync(number, progress, cancellationToken).ConfigureAwait(false);
            return (result.Sent ? DiagnosticRunState.Passed : DiagnosticRunState.Failed,
                result.Sent ? $"PASS: the test page went through to {number}" : $"FAIL: {result.State}{(result.Result is null ? "" : $": {result.Result}")}",
                result);
        });

    /// <summary>A run as the API and the page's script see it.</summary>
    public static object Describe(DiagnosticRun run) => new
    {
        run.Id,
        run.Kind,
        run.Title,
        run.Started,
        State = run.State,
        run.Summary,
        run.Lines,
        run.Result,
    };

    /// <summary>A level's name (any case) or empty for information; false for anything else.</summary>
    public static bool TryLevel(string? text, out LogLevel level)
    {
        level = LogLevel.Information;
        return string.IsNullOrEmpty(text) || (Enum.TryParse(text, ignoreCase: true, out level) && Enum.IsDefined(level) && level != LogLevel.None);
    }

    private static IResult NoDiagnostics() => Results.Json(new ApiError("this box gives the admin site no diagnostics"), ApiJson.Options, statusCode: StatusCodes.Status404NotFound);

    /// <summary>Body of <c>POST /api/v1/diagnostics/readiness</c>.</summary>
    internal sealed record SweepRequest(string? Sweep);

    /// <summary>Body of <c>POST /api/v1/diagnostics/sip-options</c>.</summary>
    internal sealed record OptionsRequest(string? Uri, double? TimeoutSeconds);

    /// <summary>Body of <c>POST /api/v1/diagnostics/capture/start</c>.</summary>
    internal sealed record CaptureRequest(int? Minutes);

    /// <summary>Body of <c>POST /api/v1/diagnostics/trunk-test</c>.</summary>
    internal sealed record TrunkRequest(string? Number);
}
