using System.Net;
using System.Net.Sockets;
using FaxBox.Core.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace FaxBox.Admin.Tests;

/// <summary>The on-demand start shared by the admin site and the local API: a start that fails is reported and tried again.</summary>
public sealed class OnDemandWebApplicationTests
{
    [Fact]
    public async Task A_failed_start_on_the_first_connection_is_reported_and_the_waiting_client_is_answered_by_the_next_try()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var builds = 0;
        var failures = new List<(string Message, TimeSpan Wait)>();
        await using var web = new OnDemandWebApplication(
            async ct =>
            {
                await Task.Yield();
                if (Interlocked.Increment(ref builds) == 1)
                {
                    throw new ArgumentException("the first build breaks"); // not one of the I/O exceptions: it must be caught too
                }

                var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
                builder.WebHost.UseKestrelCore();
                builder.WebHost.ConfigureKestrel(k => k.ListenHandle(ListenerHandles.Duplicate(listener)));
                var app = builder.Build();
                app.Run(context => context.Response.WriteAsync("up", ct));
                await app.StartAsync(ct);
                return app;
            },
            retryAfter: TimeSpan.FromMilliseconds(50));
        web.StartOnFirstConnection([listener], "test: first connection", _ => { }, (e, wait) =>
        {
            lock (failures)
            {
                failures.Add((e.Message, wait));
            }
        });
        Assert.False(web.IsStarted);

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var answer = await client.GetStringAsync(new Uri($"http://127.0.0.1:{port}/"));

        Assert.Equal("up", answer);
        Assert.True(web.IsStarted);
        Assert.Equal(2, builds);
        var (message, wait) = Assert.Single(failures);
        Assert.Equal("the first build breaks", message);
        Assert.Equal(TimeSpan.FromMilliseconds(50), wait);
    }
}
