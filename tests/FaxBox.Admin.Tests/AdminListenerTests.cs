using System.Net;
using System.Net.Sockets;

namespace FaxBox.Admin.Tests;

/// <summary>How <c>admin.urls</c> entries are read and bound.</summary>
public sealed class AdminListenerTests
{
    [Theory]
    [InlineData("http://*:8080", true, "[::]")]
    [InlineData("https://+:8443/", true, "[::]")]
    [InlineData("http://127.0.0.1:8080", true, "127.0.0.1")]
    [InlineData("http://*.example:8080", false, null)] // not a wildcard host: Uri refuses it
    [InlineData("ftp://127.0.0.1/", false, null)]
    [InlineData("127.0.0.1:8080", false, null)]
    public void Wildcard_hosts_stand_for_every_address_and_other_schemes_are_refused(string url, bool valid, string? host)
    {
        Assert.Equal(valid, AdminListener.TryParse(url, out var uri));
        Assert.Equal(host, uri?.Host);
        Assert.Equal(valid, TryValidate(url));
    }

    [Fact]
    public async Task A_wildcard_address_binds_every_address_and_answers_on_the_loopback()
    {
        var listeners = AdminListener.Bind(["http://*:0"]);
        try
        {
            var listener = Assert.Single(listeners);
            Assert.True(((IPEndPoint)listener.Socket.LocalEndPoint!).Address is { } a && (a.Equals(IPAddress.IPv6Any) || a.Equals(IPAddress.Any)));
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, listener.Port)).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.True(client.Connected);
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }

    private static bool TryValidate(string url)
    {
        try
        {
            new AdminOptions { Urls = [url] }.Validate();
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
