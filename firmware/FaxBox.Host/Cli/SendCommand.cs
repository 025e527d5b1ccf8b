using System.CommandLine;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Net;
using FaxBox.Admin.Api;
using FaxBox.Host.Api;
using FaxBox.Host.Configuration;

namespace FaxBox.Host.Cli;

/// <summary>
/// <c>faxbox send FILE... --to NUMBER</c>: submits a fax job to the running box through its local API socket and shows
/// its progress until it is sent or has failed (exit 0 sent, 1 failed or cancelled, 2 not submitted).
/// </summary>
internal static class SendCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("FILE") { Description = "PDF, TIFF, PNG or JPEG files, sent as one fax in this order.", Arity = ArgumentArity.OneOrMore };
        var to = new Option<string>("--to") { Description = "The fax number (or SIP URI) to send to.", Required = true };
        var socket = new Option<FileInfo?>("--socket") { Description = "The box's API socket (default: api.sock in the data folder of --config, or of the built-in configuration)." };
        var config = new Option<FileInfo?>("--config") { Description = "The box's configuration file, to find its API socket." };
        var cover = new Option<bool>("--cover") { Description = "Put a cover page first." };
        var subject = new Option<string?>("--subject") { Description = "The cover page's subject (implies --cover)." };
        var note = new Option<string?>("--note") { Description = "The cover page's note (implies --cover)." };
        var account = new Option<string?>("--account") { Description = "The SIP account (trunk) to send through (default: the fax server's)." };
        var notify = new Option<string?>("--notify") { Description = "An e-mail address told when the job is sent or has failed (needs faxServer.smtp)." };
        var noWait = new Option<bool>("--no-wait") { Description = "Return once the job is queued." };
        var timeout = new Option<TimeSpan?>("--timeout") { Description = "Stop waiting after this long (the job stays queued); default: until it is sent or has failed." };
        var command = new Command("send", "Send a fax through the running box: queue the files as one job, then show its progress.")
        {
            files, to, socket, config, cover, subject, note, account, notify, noWait, timeout,
        };
        command.SetAction((parse, ct) => RunAsync(parse, new Request(
            parse.GetValue(files)!, parse.GetValue(to)!, parse.GetValue(socket), parse.GetValue(config),
            parse.GetValue(cover) || parse.GetValue(subject) is not null || parse.GetValue(note) is not null,
            parse.GetValue(subject), parse.GetValue(note), parse.GetValue(account), parse.GetValue(notify), parse.GetValue(noWait), parse.GetValue(timeout)), ct));
        return command;
    }

    /// <summary>Where the running box's API socket is: the option, else the configuration's data folder.</summary>
    internal static string? SocketPath(ParseResult parse, FileInfo? socket, FileInfo? config)
    {
        if (socket is not null)
        {
            return socket.FullName;
        }

        var loaded = config is null
            ? ConfigurationLoadResult.Success(FaxBoxConfiguration.LoadEmbeddedDefault())
            : FaxBoxConfiguration.Load(config.FullName);
        if (loaded.Configuration is not { } configuration)
        {
            foreach (var error in loaded.Errors)
            {
                GlobalOptions.Fail(parse, error.ToString());
            }

            return null;
        }

        return configuration.Api.SocketPath(configuration.DataFolder);
    }

    private static async Task<int> RunAsync(ParseResult parse, Request request, CancellationToken cancellationToken)
    {
        var stdout = parse.InvocationConfiguration.Output;
        foreach (var file in request.Files)
        {
            if (!file.Exists)
            {
                GlobalOptions.Fail(parse, $"{file.FullName}: not found");
                return 2;
            }
        }

        if (SocketPath(parse, request.Socket, request.Config) is not { } path)
        {
            return 2;
        }

        using var client = LocalApiClient.Create(path);
        JobDto job;
        try
        {
            job = await SubmitAsync(client, request, cancellationToken).ConfigureAwait(false) is { } submitted
                ? submitted
                : throw new InvalidOperationException("empty answer");
        }
        catch (ApiException e)
        {
            GlobalOptions.Fail(parse, e.Message);
            return 2;
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException or null)
        {
            GlobalOptions.Fail(parse, $"no box answers on {path} ({e.InnerException?.Message ?? e.Message}): is 'faxbox run' running, and may you use its socket?");
            return 2;
        }

        stdout.WriteLine($"faxbox: job {job.Id} queued: {job.Pages} page(s) to {job.Destination}");
        if (request.NoWait)
        {
            return 0;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (request.Timeout is { } limit)
        {
            deadline.CancelAfter(limit);
        }

        var last = Describe(job);
        try
        {
            while (!job.IsFinal)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), deadline.Token).ConfigureAwait(false);
                using var response = await client.GetAsync($"api/v1/jobs/{job.Id}", deadline.Token).ConfigureAwait(false);
                job = await ReadAsync<JobDto>(response, deadline.Token).ConfigureAwait(false);
                var now = Describe(job);
                if (now != last)
                {
                    stdout.WriteLine($"faxbox: job {job.Id}: {now}");
                    last = now;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            stdout.WriteLine($"faxbox: job {job.Id} is still {job.State} after {request.Timeout}; it stays queued ('faxbox send' only stops watching)");
            return 1;
        }
        catch (ApiException e)
        {
            GlobalOptions.Fail(parse, e.Message);
            return 1;
        }

        return job.State == "sent" ? 0 : 1;
    }

    private static string Describe(JobDto job) => job.State switch
    {
        "sent" => $"sent: {job.PagesSent} of {job.Pages} page(s), attempt {job.Attempts}",
        "waiting-retry" => $"waiting to retry at {job.NextAttempt:HH:mm:ss} after attempt {job.Attempts}: {job.LastResult}",
        "sending" => $"sending, attempt {job.Attempts}",
        _ => job.LastResult is null ? job.State : $"{job.State}: {job.LastResult}",
    };

    private static async Task<JobDto?> SubmitAsync(HttpClient client, Request request, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(request.To), "to");
        if (request.Cover)
        {
            form.Add(new StringContent("true"), "cover");
        }

        AddIf(form, "subject", request.Subject);
        AddIf(form, "note", request.Note);
        AddIf(form, "account", request.Account);
        AddIf(form, "notify", request.Notify);
        var streams = new List<Stream>();
        try
        {
            foreach (var file in request.Files)
            {
                var stream = file.OpenRead();
                streams.Add(stream);
                var part = new StreamContent(stream);
                part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                form.Add(part, "file", file.Name);
            }

            using var response = await client.PostAsync("api/v1/jobs", form, cancellationToken).ConfigureAwait(false);
            return await ReadAsync<JobDto>(response, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static void AddIf(MultipartFormDataContent form, string name, string? value)
    {
        if (value is not null)
        {
            form.Add(new StringContent(value), name);
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            ApiError? error = null;
            try
            {
                error = await LocalApiClient.ReadAsync<ApiError>(response.Content, cancellationToken).ConfigureAwait(false);
            }
            catch (System.Text.Json.JsonException)
            {
                // Not the API's error shape: report the status alone.
            }

            throw new ApiException(error?.Error ?? $"the box answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        return await LocalApiClient.ReadAsync<T>(response.Content, cancellationToken).ConfigureAwait(false)
            ?? throw new ApiException("the box answered with an empty body");
    }

    private sealed record Request(
        FileInfo[] Files, string To, FileInfo? Socket, FileInfo? Config, bool Cover, string? Subject, string? Note, string? Account, string? Notify, bool NoWait, TimeSpan? Timeout);

    private sealed class ApiException(string message) : Exception(message);
}
