using FaxBox.Fax.Documents;
using FaxBox.FaxServer;
using FaxBox.FaxServer.Documents;
using FaxBox.FaxServer.Inbox;
using FaxBox.FaxServer.Queue;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FaxBox.Admin.Api;

/// <summary>
/// The fax server's part of the local API: jobs (submit, list, get, cancel, retry, delete, document and page previews)
/// and the inbox (list, get, document, previews, delete, redeliver). Ids are validated before any path is built.
/// </summary>
public static class FaxServerEndpoints
{
    /// <summary>Most files one submission may carry.</summary>
    public const int MaxFiles = 20;

    /// <summary>Maps the endpoints on <paramref name="api"/> (the caller's <c>/api/v1</c> group, with its own access rules).</summary>
    public static void Map(IEndpointRouteBuilder api, FaxServerService server, string uploadFolder)
    {
        api.MapPost("/jobs", (HttpRequest request, CancellationToken ct) => SubmitAsync(request, server, uploadFolder, ct));
        api.MapGet("/jobs", (string? state, int? offset, int? limit) => ListJobs(server, state, offset, limit));
        api.MapGet("/jobs/{id:long}", (long id) => server.Jobs.Get(id) is { } job ? Results.Json(ToDto(server, job), ApiJson.Options) : NotFound($"job {id}"));
        api.MapGet("/jobs/{id:long}/attempts", (long id) => server.Jobs.Get(id) is null ? NotFound($"job {id}") : Results.Json(server.Jobs.Attempts(id), ApiJson.Options));
        api.MapPost("/jobs/{id:long}/cancel", (long id, CancellationToken ct) => OperateAsync(server, id, () => server.CancelAsync(id, ct)));
        api.MapPost("/jobs/{id:long}/retry", (long id, CancellationToken ct) => OperateAsync(server, id, () => server.RetryAsync(id, ct)));
        api.MapDelete("/jobs/{id:long}", (long id, bool? secure, CancellationToken ct) => OperateAsync(server, id, () => server.DeleteAsync(id, secure ?? false, ct)));
        api.MapGet("/jobs/{id:long}/document.{format}", (long id, string format) =>
            server.Jobs.Get(id) is { } job ? Document(job.DocumentPath, $"job-{id}", format) : NotFound($"job {id}"));
        api.MapGet("/jobs/{id:long}/pages/{page:int}.png", (long id, int page, int? width) =>
            server.Jobs.Get(id) is { } job ? Preview(job.DocumentPath, page, width) : NotFound($"job {id}"));

        api.MapGet("/inbox", (string? folder) => Results.Json(server.Inbox.List(folder).Select(ToDto), ApiJson.Options));
        api.MapGet("/inbox/{id}", (string id) => server.Inbox.Get(id) is { } fax ? Results.Json(ToDto(fax), ApiJson.Options) : NotFound($"fax {Printable(id)}"));
        api.MapGet("/inbox/{id}/document.{format}", (string id, string format) =>
            server.Inbox.GetDocumentPath(id) is { } path ? Document(path, $"fax-{id}", format) : NotFound($"fax {Printable(id)}"));
        api.MapGet("/inbox/{id}/pages/{page:int}.png", (string id, int page, int? width) =>
            server.Inbox.GetDocumentPath(id) is { } path ? Preview(path, page, width) : NotFound($"fax {Printable(id)}"));
        api.MapDelete("/inbox/{id}", (string id, bool? secure) =>
            server.Inbox.Delete(id, secure ?? false) ? Results.NoContent() : NotFound($"fax {Printable(id)}"));
        api.MapPost("/inbox/{id}/redeliver", (string id) =>
        {
            if (server.Inbox.Get(id) is null)
            {
                return NotFound($"fax {Printable(id)}");
            }

            server.Inbox.RetryDeliveries(id);
            return Results.Accepted();
        });
    }

    internal static JobDto ToDto(FaxServerService server, FaxJob job)
    {
        var attempts = server.Jobs.Attempts(job.Id);
        return new JobDto(
            job.Id,
            State(job.State),
            job.Destination,
            job.Pages,
            attempts.Count == 0 ? 0 : attempts[^1].PagesConfirmed,
            job.Attempts,
            job.LastResult,
            job.Submitted,
            job.State is FaxJobState.Queued or FaxJobState.WaitingRetry ? job.NextAttempt : null,
            job.Finished);
    }

    internal static InboxItemDto ToDto(ReceivedFax fax) => new(
        fax.Id, fax.Folder, fax.CalledNumber, fax.Sender, fax.SubAddress, fax.Pages, fax.Success, fax.Result, fax.Offered,
        fax.Deliveries.Count(d => d.IsPending));

    internal static string State(FaxJobState state) => state switch
    {
        FaxJobState.Queued => "queued",
        FaxJobState.Sending => "sending",
        FaxJobState.WaitingRetry => "waiting-retry",
        FaxJobState.Sent => "sent",
        FaxJobState.Failed => "failed",
        FaxJobState.Cancelled => "cancelled",
        _ => state.ToString().ToLowerInvariant(),
    };

    private static async Task<IResult> SubmitAsync(HttpRequest request, FaxServerService server, string uploadFolder, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return Error(StatusCodes.Status415UnsupportedMediaType, "send multipart/form-data with 'to' and one or more 'file' parts", "request");
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, $"the upload cannot be read: {e.Message}", "file");
        }

        if (form.Files.Count == 0)
        {
            return Error(StatusCodes.Status400BadRequest, "at least one file is needed", "file");
        }

        if (form.Files.Count > MaxFiles)
        {
            return Error(StatusCodes.Status400BadRequest, $"{form.Files.Count} files; at most {MaxFiles} per fax", "file");
        }

        var folder = Path.Combine(uploadFolder, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var sources = new List<DocumentSource>();
            for (var i = 0; i < form.Files.Count; i++)
            {
                // The client's file name is shown to the user, never used as a path.
                var file = form.Files[i];
                var path = Path.Combine(folder, $"{i:D2}.upload");
                var stream = File.Create(path);
                await using (stream.ConfigureAwait(false))
                {
                    await file.CopyToAsync(stream, ct).ConfigureAwait(false);
                }

                sources.Add(new DocumentSource(path, Printable(Path.GetFileName(file.FileName))));
            }

            string? text(string key) => form.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString() : null;
            var wantsCover = text("cover") is "true" or "1" or "on" || text("subject") is not null || text("note") is not null;
            var cover = wantsCover
                ? new CoverPageContent { To = text("coverTo") ?? string.Empty, From = text("coverFrom") ?? string.Empty, Subject = text("subject") ?? string.Empty, Note = text("note") ?? string.Empty }
                : null;
            var job = await server.SubmitAsync(
                new FaxSubmission(sources, text("to") ?? string.Empty, "api", text("account"), cover, text("notify")), ct).ConfigureAwait(false);
            return Results.Json(ToDto(server, job), ApiJson.Options, statusCode: StatusCodes.Status201Created);
        }
        catch (FaxSubmissionException e)
        {
            return Error(StatusCodes.Status400BadRequest, e.Message, e.Field);
        }
        catch (DocumentRejectedException e)
        {
            return Error(StatusCodes.Status422UnprocessableEntity, $"{e.FileName}: {e.Reason}", e.FileName);
        }
        catch (FaxJobOperationException e)
        {
            return Error(StatusCodes.Status400BadRequest, e.Message, "request");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static IResult ListJobs(FaxServerService server, string? state, int? offset, int? limit)
    {
        var states = new List<FaxJobState>();
        foreach (var name in (state ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = Enum.GetValues<FaxJobState>().FirstOrDefault(s => State(s) == name, (FaxJobState)(-1));
            if ((int)match < 0)
            {
                return Error(StatusCodes.Status400BadRequest, $"state '{Printable(name)}' is not one of queued, sending, waiting-retry, sent, failed, cancelled", "state");
            }

            states.Add(match);
        }

        var page = server.Jobs.List(new FaxJobQuery { States = states, Offset = Math.Max(0, offset ?? 0), Limit = Math.Clamp(limit ?? 50, 1, 500) });
        return Results.Json(new { total = page.Total, jobs = page.Jobs.Select(j => ToDto(server, j)) }, ApiJson.Options);
    }

    private static async Task<IResult> OperateAsync(FaxServerService server, long id, Func<Task<FaxJob>> operation)
    {
        try
        {
            var job = await operation().ConfigureAwait(false);
            return server.Jobs.Get(job.Id) is { } now ? Results.Json(ToDto(server, now), ApiJson.Options) : Results.NoContent();
        }
        catch (FaxJobOperationException e) when (e.Error == FaxJobOperationError.NotFound)
        {
            return NotFound($"job {id}");
        }
        catch (FaxJobOperationException e)
        {
            return Error(StatusCodes.Status409Conflict, e.Message, "id");
        }
    }

    internal static IResult Document(string path, string name, string format)
    {
        switch (format)
        {
            case "tif" or "tiff":
                return Results.File(path, "image/tiff", name + ".tif");
            case "pdf":
                var pdf = Path.Combine(Path.GetTempPath(), $"faxbox-{Guid.NewGuid():N}.pdf");
                FaxPdfExporter.Export(path, pdf);
                var bytes = File.ReadAllBytes(pdf);
                File.Delete(pdf);
                return Results.File(bytes, "application/pdf", name + ".pdf");
            default:
                return Error(StatusCodes.Status404NotFound, $"no document format '{Printable(format)}' (tif or pdf)", "format");
        }
    }

    internal static IResult Preview(string path, int page, int? width)
    {
        var document = FaxDocument.Load(path);
        if (page < 1 || page > document.Pages.Count)
        {
            return Error(StatusCodes.Status404NotFound, $"page {page}: the document has {document.Pages.Count} page(s)", "page");
        }

        using var png = new MemoryStream();
        FaxPreview.WritePng(png, document.Pages[page - 1], Math.Clamp(width ?? 864, 64, 1728));
        return Results.File(png.ToArray(), "image/png");
    }

    internal static IResult NotFound(string what) => Error(StatusCodes.Status404NotFound, $"{what} does not exist", "id");

    private static IResult Error(int status, string message, string? field) =>
        Results.Json(new ApiError(message, field), ApiJson.Options, statusCode: status);

    /// <summary>Client-supplied text made safe to echo: printable ASCII, at most 80 characters.</summary>
    internal static string Printable(string? text) =>
        new((text ?? string.Empty).Where(c => c is >= ' ' and < (char)127).Take(80).ToArray());
}
