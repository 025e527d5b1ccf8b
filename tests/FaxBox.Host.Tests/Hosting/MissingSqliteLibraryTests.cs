using System.Security.Cryptography;
using System.Text;
using FaxBox.FaxServer.Queue;
using FaxBox.Host.Tests.CrashTrials;

namespace FaxBox.Host.Tests.Hosting;

/// <summary>
/// A box whose SQLite library cannot be loaded (Debian's libsqlite3-0 missing or broken): a real <c>faxbox run</c> whose
/// dynamic loader finds an empty <c>libsqlite3.so.0</c> first (LD_LIBRARY_PATH; glibc stops at the first file of that
/// name, as when the package's file is damaged, and fails as when it is absent).
/// </summary>
public sealed class MissingSqliteLibraryTests
{
    [Fact]
    public async Task The_box_stops_at_start_naming_the_database_and_the_package_and_leaves_the_queued_jobs_as_they_were()
    {
        using var folder = TestPaths.NewTempFolder();
        var config = BoxProcess.WriteTestConfig(folder, IdleBoxMemoryTests.FreeTcpPort());
        var database = folder.File("faxserver.db");
        long queued;
        using (var store = JobStore.Open(database, TimeProvider.System))
        {
            queued = store.Submit(new FaxJobSubmission("test", "0301234567", null, folder.File("fax.tif"), 1, null, null)).Id;
        }

        var before = SHA256.HashData(File.ReadAllBytes(database));
        var broken = Directory.CreateDirectory(folder.File("broken-lib")).FullName;
        File.WriteAllBytes(Path.Combine(broken, "libsqlite3.so.0"), []);

        var log = new StringBuilder();
        using var box = BoxProcess.Start("nolib", config, log, new Dictionary<string, string> { ["LD_LIBRARY_PATH"] = broken });
        int exit = await box.WaitExitAsync(TimeSpan.FromSeconds(60));

        string output;
        lock (log)
        {
            output = log.ToString();
        }

        Assert.Equal(1, exit);
        Assert.Contains($"job database {database}: SQLite's library libsqlite3.so.0 cannot be loaded: install Debian's libsqlite3-0", output, StringComparison.Ordinal);
        Assert.Contains("libsqlite3.so.0: file too short", output, StringComparison.Ordinal); // the loader's own reason
        Assert.DoesNotContain("faxbox: ready", output, StringComparison.Ordinal);
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(database)));
        using (var store = JobStore.Open(database, TimeProvider.System))
        {
            Assert.Equal(FaxJobState.Queued, store.Get(queued)!.State);
        }
    }
}
