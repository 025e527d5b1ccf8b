using System.Net;
using System.Text.Json;
using FaxBox.Core.Status;
using FaxBox.Host.Api;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.Host.Tests.Api;

/// <summary>The local API's socket: served, protected by its file mode, stale sockets replaced, a second box refused.</summary>
public sealed class LocalApiTests
{
    [Fact]
    public async Task The_status_is_served_on_a_unix_socket_that_only_owner_and_group_may_use()
    {
        using var folder = TestPaths.NewTempFolder();
        var status = new StatusBoard("box-under-test");
        status.SetQueue(new QueueStatus(3, 1, DateTimeOffset.UnixEpoch, 0));
        var path = Path.Combine(folder.Path, "api.sock");
        await using var api = await LocalApiServer.StartAsync(path, status, new LocalApiOptions(), NullLoggerFactory.Instance, null, CancellationToken.None);

        using var client = LocalApiClient.Create(path, TimeSpan.FromSeconds(10));
        using var response = await client.GetAsync(new Uri("api/v1/status", UriKind.Relative));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("box-under-test", json.RootElement.GetProperty("boxName").GetString());
        Assert.Equal(3, json.RootElement.GetProperty("queue").GetProperty("depth").GetInt32());
        var mode = OperatingSystem.IsWindows() ? UnixFileMode.None : File.GetUnixFileMode(path);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite, mode);
    }

    [Fact]
    public async Task Built_on_first_connection_the_socket_exists_at_start_and_the_first_request_is_answered()
    {
        using var folder = TestPaths.NewTempFolder();
        var path = Path.Combine(folder.Path, "api.sock");
        await using var api = await LocalApiServer.StartAsync(path, new StatusBoard("lazy-box"), new LocalApiOptions(), NullLoggerFactory.Instance, null, CancellationToken.None, buildOnFirstConnection: true);

        Assert.False(api.IsStarted);
        Assert.True(File.Exists(path));
        var mode = OperatingSystem.IsWindows() ? UnixFileMode.None : File.GetUnixFileMode(path);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite, mode);
        using var client = LocalApiClient.Create(path, TimeSpan.FromSeconds(60));
        var text = await client.GetStringAsync(new Uri("api/v1/status", UriKind.Relative));
        Assert.Contains("\"boxName\":\"lazy-box\"", text, StringComparison.Ordinal);
        await api.EnsureStartedAsync(CancellationToken.None);
        Assert.True(api.IsStarted);
        var second = await Assert.ThrowsAsync<IOException>(() =>
            LocalApiServer.StartAsync(path, new StatusBoard("second"), new LocalApiOptions(), NullLoggerFactory.Instance, null, CancellationToken.None, buildOnFirstConnection: true));
        Assert.Contains("another faxbox is already serving", second.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Built_on_first_connection_a_box_nobody_asked_stops_and_removes_its_socket()
    {
        using var folder = TestPaths.NewTempFolder();
        var path = Path.Combine(folder.Path, "api.sock");
        var api = await LocalApiServer.StartAsync(path, new StatusBoard("idle-box"), new LocalApiOptions(), NullLoggerFactory.Instance, null, CancellationToken.None, buildOnFirstConnection: true);
        var stopping = api.DisposeAsync().AsTask();
        Assert.Same(stopping, await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.False(api.IsStarted);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task A_stale_socket_a_crashed_box_left_is_replaced_but_a_live_box_is_not_displaced()
    {
        using var folder = TestPaths.NewTempFolder();
        var path = Path.Combine(folder.Path, "api.sock");
        // A socket file bound by a process that is gone (.NET unlinks its own on dispose; a killed box cannot).
        using (var python = System.Diagnostics.Process.Start("python3", ["-c", $"import socket; socket.socket(socket.AF_UNIX).bind({JsonSerializer.Serialize(path)})"]))
        {
            Assert.True(python.WaitForExit(TimeSpan.FromSeconds(20)));
        }

        Assert.True(File.Exists(path));
        var status = new StatusBoard("first");
        await using var first = await LocalApiServer.StartAsync(path, status, new LocalApiOptions(), NullLoggerFactory.Instance, null, CancellationToken.None);

        var second = await Assert.ThrowsAsync<IOException>(() =>
            LocalApiServer.StartAsync(path, new StatusBoard("second"), new LocalApiOptions(), NullLoggerFactory.Instance, null, CancellationToken.None));
        Assert.Contains("another faxbox is already serving", second.Message, StringComparison.Ordinal);
        using var client = LocalApiClient.Create(path, TimeSpan.FromSeconds(10));
        var text = await client.GetStringAsync(new Uri("api/v1/status", UriKind.Relative));
        Assert.Contains("\"boxName\":\"first\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Send_with_no_box_running_names_the_socket_and_exits_2()
    {
        using var folder = TestPaths.NewTempFolder();
        var document = folder.File("doc.tif");
        File.WriteAllBytes(document, [0x49, 0x49, 0x2A, 0x00]);
        var socket = Path.Combine(folder.Path, "none.sock");

        var (exit, _, error) = CommandLineRunner.Run("send", document, "--to", "200", "--socket", socket);

        Assert.Equal(2, exit);
        Assert.Contains($"no box answers on {socket}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Send_refuses_a_missing_file_before_contacting_the_box()
    {
        using var folder = TestPaths.NewTempFolder();
        var missing = Path.Combine(folder.Path, "missing.pdf");

        var (exit, _, error) = CommandLineRunner.Run("send", missing, "--to", "200", "--socket", Path.Combine(folder.Path, "x.sock"));

        Assert.Equal(2, exit);
        Assert.Contains($"{missing}: not found", error, StringComparison.Ordinal);
    }
}
