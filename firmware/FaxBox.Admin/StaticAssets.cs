using System.Collections.Frozen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FaxBox.Admin;

/// <summary>
/// The stylesheet, script and icons compiled into the assembly (folder <c>Static/</c>), served at <c>/static/NAME</c>
/// with a long cache lifetime: the box may have no internet, so nothing comes from a CDN.
/// </summary>
internal static class StaticAssets
{
    private static readonly FrozenDictionary<string, (byte[] Bytes, string Type)> Files = Load();

    public static void Map(WebApplication app) =>
        app.MapGet("/static/{name}", (string name, HttpResponse response) =>
        {
            if (!Files.TryGetValue(name, out var file))
            {
                return Results.NotFound();
            }

            response.Headers.CacheControl = "public, max-age=86400";
            return Results.Bytes(file.Bytes, file.Type);
        }).AllowAnonymous();

    private static FrozenDictionary<string, (byte[] Bytes, string Type)> Load()
    {
        const string Prefix = "FaxBox.Admin.Static.";
        var assembly = typeof(StaticAssets).Assembly;
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource[Prefix.Length..];
            files[name] = (copy.ToArray(), ContentType(name));
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".ico" => "image/x-icon",
        _ => "application/octet-stream",
    };
}
