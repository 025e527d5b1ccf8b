using FaxBox.Host.Cli;

namespace FaxBox.Host;

internal static class Program
{
    public static int Main(string[] args) => FaxBoxCommandLine.Create().Parse(args).Invoke();
}
