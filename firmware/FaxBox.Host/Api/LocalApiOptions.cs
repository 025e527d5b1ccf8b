namespace FaxBox.Host.Api;

/// <summary>Where the box's local API listens (JSON <c>api</c>).</summary>
public sealed class LocalApiOptions
{
    /// <summary>The socket's file name in the data folder. Default <c>api.sock</c>.</summary>
    public const string DefaultSocketName = "api.sock";

    /// <summary>
    /// The Unix socket path (JSON <c>api.socket</c>); relative paths are relative to the data folder. Its file permissions
    /// (owner and group read/write, nobody else) are the API's access control, as for the Docker socket. Default
    /// <c>api.sock</c> in the data folder.
    /// </summary>
    public string Socket { get; set; } = DefaultSocketName;

    /// <summary>Largest upload accepted by <c>POST /api/v1/jobs</c>, in bytes. Default 50 MiB.</summary>
    public long MaxUploadBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Refuses settings the local API cannot start with, naming the key ("api.KEY: reason").</summary>
    public void Validate()
    {
        FaxBox.Admin.AdminOptions.CheckUploadLimit("api.maxUploadBytes", MaxUploadBytes);

        if (string.IsNullOrWhiteSpace(Socket))
        {
            throw new ArgumentException("api.socket: empty; a file name or path for the API's Unix socket");
        }
    }

    /// <summary>The socket's full path for a box whose data folder is <paramref name="dataFolder"/>.</summary>
    public string SocketPath(string dataFolder) => Path.GetFullPath(Socket, dataFolder);
}
