using FaxBox.Fax.Modems;

namespace FaxBox.MicroBenchmarks.Modems;

/// <summary>Parses the benchmark parameter "V29/9600" into modem options.</summary>
internal static class ModemCaseName
{
    public static ModemOptions Parse(string name)
    {
        string[] parts = name.Split('/');
        return new ModemOptions(Enum.Parse<ModemType>(parts[0]), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
