using System.Text;

namespace FaxBox.Mqtt.Configuration;

/// <summary>
/// The device id in topics and the client id: <see cref="MqttOptions.DeviceId"/> when set, else the box's name
/// (lower case, letters, digits and dashes) and 8 hex digits generated once and kept in the data folder, so that two
/// boxes both called "faxbox" do not take over each other's topics and session.
/// </summary>
public static class MqttDeviceIdentity
{
    /// <summary>The file in the data folder that keeps the stable part.</summary>
    public const string FileName = "mqtt-device-id";

    /// <summary>The device id for a box named <paramref name="boxName"/> with data in <paramref name="dataFolder"/>.</summary>
    public static string Resolve(MqttOptions options, string boxName, string dataFolder)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.DeviceId is { } configured)
        {
            return configured;
        }

        return $"{Slug(boxName)}-{StableId(dataFolder)}";
    }

    /// <summary>The box name as one topic level: lower case ASCII letters, digits and dashes ("box" when nothing is left).</summary>
    internal static string Slug(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            text.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }

        var slug = text.ToString().Trim('-');
        return slug.Length == 0 ? "box" : slug.Length > 40 ? slug[..40] : slug;
    }

    /// <summary>Reads the stable id from the data folder, creating it (8 random hex digits) the first time.</summary>
    internal static string StableId(string dataFolder)
    {
        var path = Path.Combine(dataFolder, FileName);
        if (File.Exists(path))
        {
            var text = File.ReadAllText(path).Trim();
            if (text.Length == 8 && text.All(char.IsAsciiHexDigitLower))
            {
                return text;
            }

            throw new MqttConfigurationException("mqtt.deviceId", $"{path} holds '{text}', not 8 lower-case hex digits: delete it to make a new id, or set mqtt.deviceId");
        }

        Directory.CreateDirectory(dataFolder);
        // Random.Shared (seeded from the kernel's random source) is enough for an id that only keeps two boxes' topics
        // apart; RandomNumberGenerator would map System.Security.Cryptography and OpenSSL's libcrypto (≈ 5 MiB resident)
        // into every box for these four bytes.
        Span<byte> bytes = stackalloc byte[4];
        Random.Shared.NextBytes(bytes);
        var id = Convert.ToHexStringLower(bytes);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, id + "\n");
        File.Move(temporary, path, overwrite: true);
        return id;
    }
}
