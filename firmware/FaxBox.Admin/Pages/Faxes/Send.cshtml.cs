using FaxBox.Admin.Faxes;
using FaxBox.FaxServer;
using FaxBox.FaxServer.Documents;
using FaxBox.FaxServer.Queue;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace FaxBox.Admin.Pages.Faxes;

/// <summary>
/// The send form: a number, one or more PDF, TIFF, PNG or JPEG files (within <see cref="AdminOptions.MaxUploadBytes"/>)
/// and an optional cover page, submitted through the fax server; on success the job's page follows its progress.
/// </summary>
/// <remarks>
/// The antiforgery token is checked by hand, after the size check: an upload over the limit must get a clear message,
/// not a failed token check because the form could not be read.
/// </remarks>
[IgnoreAntiforgeryToken]
public sealed class SendModel : PageModel
{
    /// <summary>The file name endings the form accepts (the fax server then checks the content itself).</summary>
    public static readonly IReadOnlyList<string> Extensions = [".pdf", ".tif", ".tiff", ".png", ".jpg", ".jpeg"];

    internal long MaxUploadBytes { get; private set; }

    internal bool HasServer { get; private set; }

    internal string? Error { get; private set; }

    internal string? ErrorField { get; private set; }

    internal string To { get; private set; } = string.Empty;

    internal bool Cover { get; private set; }

    internal string CoverTo { get; private set; } = string.Empty;

    internal string CoverFrom { get; private set; } = string.Empty;

    internal string Subject { get; private set; } = string.Empty;

    internal string Note { get; private set; } = string.Empty;

    /// <summary>"12.5 MB".</summary>
    internal static string Size(long bytes) => bytes >= 1024 * 1024
        ? $"{bytes / 1024.0 / 1024.0:0.#} MB"
        : $"{bytes / 1024.0:0.#} KB";

    public void OnGet() => Init();

    public async Task<IActionResult> OnPostAsync()
    {
        Init();
        if (FaxesArea.Server(HttpContext) is not { } server)
        {
            return Fail(StatusCodes.Status404NotFound, "this box runs without its fax server", null);
        }

        if (Request.ContentLength is long length && length > MaxUploadBytes)
        {
            return Fail(StatusCodes.Status413PayloadTooLarge, $"the upload is {Size(length)}; at most {Size(MaxUploadBytes)} can be sent at once", "files");
        }

        IFormCollection form;
        try
        {
            await HttpContext.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(HttpContext).ConfigureAwait(false);
            form = await Request.ReadFormAsync(HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (AntiforgeryValidationException)
        {
            return Fail(StatusCodes.Status400BadRequest, "the form expired or did not come from this page; reload it and send again", null);
        }
        catch (Exception e) when (e is BadHttpRequestException or InvalidDataException or IOException)
        {
            return Fail(StatusCodes.Status413PayloadTooLarge, $"the upload cannot be read (at most {Size(MaxUploadBytes)}): {e.Message}", "files");
        }

        string Text(string key) => form.TryGetValue(key, out var v) ? v.ToString().Trim() : string.Empty;
        To = Text("to");
        Cover = Text("cover") is "on" or "true";
        CoverTo = Text("coverTo");
        CoverFrom = Text("coverFrom");
        Subject = Text("subject");
        Note = Text("note");

        var files = form.Files.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        if (files.Count == 0)
        {
            return Fail(StatusCodes.Status400BadRequest, "choose at least one PDF, TIFF, PNG or JPEG file", "files");
        }

        if (files.Count > Api.FaxServerEndpoints.MaxFiles)
        {
            return Fail(StatusCodes.Status400BadRequest, $"{files.Count} files; at most {Api.FaxServerEndpoints.MaxFiles} per fax", "files");
        }

        foreach (var file in files)
        {
            var name = Api.FaxServerEndpoints.Printable(Path.GetFileName(file.FileName));
            if (!Extensions.Contains(Path.GetExtension(name).ToLowerInvariant()))
            {
                return Fail(StatusCodes.Status415UnsupportedMediaType, $"{name}: only PDF, TIFF, PNG and JPEG files can be faxed", "files");
            }

            if (file.Length == 0)
            {
                return Fail(StatusCodes.Status400BadRequest, $"{name}: the file is empty", "files");
            }
        }

        var context = HttpContext.RequestServices.GetRequiredService<AdminContext>();
        var folder = Path.Combine(context.DataFolder, "tmp", "uploads", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var sources = new List<DocumentSource>();
            for (var i = 0; i < files.Count; i++)
            {
                // The client's file name is shown in messages, never used as a path.
                var path = Path.Combine(folder, $"{i:D2}.upload");
                var stream = System.IO.File.Create(path);
                await using (stream.ConfigureAwait(false))
                {
                    await files[i].CopyToAsync(stream, HttpContext.RequestAborted).ConfigureAwait(false);
                }

                sources.Add(new DocumentSource(path, Api.FaxServerEndpoints.Printable(Path.GetFileName(files[i].FileName))));
            }

            var cover = Cover || Subject.Length > 0 || Note.Length > 0
                ? new CoverPageContent { To = CoverTo, From = CoverFrom, Subject = Subject, Note = Note }
                : null;
            var who = User.Identity?.Name is { Length: > 0 } user ? $"admin:{user}" : "admin";
            var job = await server.SubmitAsync(new FaxSubmission(sources, To, who, null, cover), HttpContext.RequestAborted).ConfigureAwait(false);
            return Redirect($"/faxes/jobs/{job.Id}");
        }
        catch (FaxSubmissionException e)
        {
            return Fail(StatusCodes.Status400BadRequest, e.Message, e.Field == "file" ? "files" : e.Field);
        }
        catch (DocumentRejectedException e)
        {
            return Fail(StatusCodes.Status422UnprocessableEntity, $"{e.FileName}: {e.Reason}", "files");
        }
        catch (FaxJobOperationException e)
        {
            return Fail(StatusCodes.Status400BadRequest, e.Message, null);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private void Init()
    {
        MaxUploadBytes = HttpContext.RequestServices.GetRequiredService<AdminOptions>().MaxUploadBytes;
        HasServer = FaxesArea.Server(HttpContext) is not null;
    }

    private PageResult Fail(int status, string message, string? field)
    {
        Error = message;
        ErrorField = field;
        Response.StatusCode = status;
        return Page();
    }
}
