using System.Net;
using System.Text.Json.Nodes;
using FaxBox.Admin.Tests.Infrastructure;
using Microsoft.Playwright;

namespace FaxBox.Admin.Tests.Settings;

/// <summary>
/// The settings pages in Chromium against the real box (<c>faxbox run</c> in-process, its own configuration file and
/// watcher): a change is validated, saved and applied and the box's effective configuration shows it; a wrong value is
/// refused at its field with its key; backup then restore brings the file back; a corrupt restore changes nothing.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SettingsPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task Changing_the_T38_policy_in_the_form_is_saved_and_applied_by_the_running_box()
    {
        await using var box = await RunningBox.StartAsync();
        var page = await browser.NewPageAsync(box.BaseAddress);
        await RunningBox.LoginAsync(page);
        await page.GotoAsync("/settings");
        await BrowserFixture.ScreenshotAsync(page, "settings");
        await page.GetByRole(AriaRole.Link, new() { Name = "Fax", Exact = true }).ClickAsync();
        Assert.Equal("Fax", await page.Locator("h1").TextContentAsync());
        Assert.Equal("on-ced-or-preamble", await page.GetByLabel("t38", new() { Exact = true }).InputValueAsync());

        await page.GetByLabel("t38", new() { Exact = true }).SelectOptionAsync("never");
        await page.GetByLabel("ecm", new() { Exact = true }).UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        var status = page.Locator(".save-result");
        await Assertions.Expect(status).ToContainTextAsync("Saved");
        Assert.Equal(["fax.ecm", "fax.t38"], (await status.Locator("code.applied").AllTextContentsAsync()).Order(StringComparer.Ordinal));
        Assert.Equal(0, await status.Locator("code.restart").CountAsync());
        Assert.Equal("never", await page.GetByLabel("t38", new() { Exact = true }).InputValueAsync());
        Assert.False(await page.GetByLabel("ecm", new() { Exact = true }).IsCheckedAsync());
        await BrowserFixture.ScreenshotAsync(page, "settings-fax-saved");

        // The running box's effective configuration (the watcher's, which the gateway was given), and the file.
        using var client = await box.CreateAuthenticatedClientAsync();
        var effective = JsonNode.Parse(await client.GetStringAsync(new Uri("/api/v1/configuration", UriKind.Relative)))!;
        var settings = effective["settings"]!.AsArray();
        Assert.Equal("never", (string?)settings.Single(s => (string?)s!["path"] == "fax.t38")!["value"]);
        Assert.Equal("false", (string?)settings.Single(s => (string?)s!["path"] == "fax.ecm")!["value"]);
        var file = JsonNode.Parse(await File.ReadAllTextAsync(box.ConfigFile), null, new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        Assert.Equal("never", (string?)file["fax"]!["t38"]);
        Assert.True(File.Exists(box.ConfigFile + ".previous"));
    }

    [Fact]
    public async Task A_form_opened_before_another_save_is_refused_as_stale_and_does_not_undo_that_save()
    {
        await using var box = await RunningBox.StartAsync();
        var first = await browser.NewPageAsync(box.BaseAddress);
        await RunningBox.LoginAsync(first);
        await first.GotoAsync("/settings/fax");
        var second = await first.Context.NewPageAsync();
        await second.GotoAsync("/settings/fax");

        await first.GetByLabel("t38", new() { Exact = true }).SelectOptionAsync("never");
        await first.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(first.Locator(".save-result")).ToContainTextAsync("Saved");

        // The second form still shows the old t38 policy; saving another field of it must not write that back.
        await second.GetByLabel("ecm", new() { Exact = true }).UncheckAsync();
        await second.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(second.Locator(".error-summary")).ToContainTextAsync("changed elsewhere");

        var file = JsonNode.Parse(await File.ReadAllTextAsync(box.ConfigFile), null, new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        Assert.Equal("never", (string?)file["fax"]!["t38"]);
        Assert.NotEqual(false, (bool?)file["fax"]!["ecm"]);
    }

    [Fact]
    public async Task A_wrong_value_is_refused_at_its_field_with_its_key_and_nothing_is_saved()
    {
        await using var box = await RunningBox.StartAsync();
        var before = await File.ReadAllBytesAsync(box.ConfigFile);
        var page = await browser.NewPageAsync(box.BaseAddress);
        await RunningBox.LoginAsync(page);
        await page.GotoAsync("/settings/fax");

        await page.GetByLabel("t38Timeout").FillAsync("soon");
        await page.GetByLabel("maxDatagram").FillAsync("big");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        var summary = page.Locator(".error-summary");
        await Assertions.Expect(summary).ToContainTextAsync("Not saved");
        await Assertions.Expect(summary).ToContainTextAsync("fax.t38Timeout");
        await Assertions.Expect(summary).ToContainTextAsync("fax.maxDatagram");
        var field = page.Locator("[data-key='fax.t38Timeout']");
        await Assertions.Expect(field.Locator(".field-error")).ToContainTextAsync("must be");
        Assert.Equal("true", await page.GetByLabel("t38Timeout").GetAttributeAsync("aria-invalid"));
        Assert.Equal("soon", await page.GetByLabel("t38Timeout").InputValueAsync()); // what was typed stays to be corrected
        await BrowserFixture.ScreenshotAsync(page, "settings-fax-errors");
        Assert.Equal(before, await File.ReadAllBytesAsync(box.ConfigFile));
    }

    [Fact]
    public async Task Secrets_are_never_sent_to_the_page_and_an_empty_password_field_keeps_the_secret()
    {
        await using var box = await RunningBox.StartAsync();
        var page = await browser.NewPageAsync(box.BaseAddress);
        await RunningBox.LoginAsync(page);
        await page.GotoAsync("/settings/sip");
        var html = await page.ContentAsync();
        Assert.DoesNotContain("trunk-secret-1", html, StringComparison.Ordinal);
        Assert.Equal(string.Empty, await page.GetByLabel("password", new() { Exact = true }).InputValueAsync());
        await BrowserFixture.ScreenshotAsync(page, "settings-sip");
        await page.GetByLabel("username", new() { Exact = true }).FillAsync("fax2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator(".save-result")).ToContainTextAsync("Applies after a restart");
        await Assertions.Expect(page.Locator(".save-result code.restart")).ToHaveTextAsync("sip.accounts[0].username");
        var saved = await File.ReadAllTextAsync(box.ConfigFile);
        Assert.Contains("trunk-secret-1", saved, StringComparison.Ordinal);
        Assert.Contains("fax2", saved, StringComparison.Ordinal);

        await page.GotoAsync("/settings/json");
        Assert.DoesNotContain("trunk-secret-1", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("smtp-secret-2", await page.ContentAsync(), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "settings-json");
    }

    [Fact]
    public async Task Backup_then_restore_round_trips_and_a_corrupt_restore_changes_nothing()
    {
        await using var box = await RunningBox.StartAsync();
        var original = await File.ReadAllTextAsync(box.ConfigFile);
        var page = await browser.NewPageAsync(box.BaseAddress);
        await RunningBox.LoginAsync(page);
        await page.GotoAsync("/settings");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#backup").ClickAsync());
        Assert.StartsWith("faxbox-settingsbox-", download.SuggestedFilename, StringComparison.Ordinal);
        var backup = Path.Combine(box.DataFolder, "backup.json");
        await download.SaveAsAsync(backup);
        Assert.Equal(original, await File.ReadAllTextAsync(backup));

        // Change something, then restore the backup from the page.
        await page.GotoAsync("/settings/ports");
        await page.GetByLabel("patterns").FillAsync("9x., 0x.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator(".save-result")).ToContainTextAsync("dialPlan.patterns");
        Assert.NotEqual(original, await File.ReadAllTextAsync(box.ConfigFile));

        await page.GotoAsync("/settings");
        await page.GetByLabel("Restore from a backup file").SetInputFilesAsync(backup);
        await page.GetByRole(AriaRole.Button, new() { Name = "Restore", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".save-result")).ToContainTextAsync("Saved");
        Assert.Equal(original, await File.ReadAllTextAsync(box.ConfigFile));
        await page.GotoAsync("/settings/ports");
        Assert.Equal("x.", await page.GetByLabel("patterns").InputValueAsync());

        // A corrupt file: refused with the place named, nothing replaced.
        var corrupt = Path.Combine(box.DataFolder, "corrupt.json");
        await File.WriteAllTextAsync(corrupt, original[..(original.Length / 2)]);
        var previous = await File.ReadAllBytesAsync(box.ConfigFile + ".previous");
        await page.GotoAsync("/settings");
        await page.GetByLabel("Restore from a backup file").SetInputFilesAsync(corrupt);
        await page.GetByRole(AriaRole.Button, new() { Name = "Restore", Exact = true }).ClickAsync();
        var errors = page.Locator(".error-summary");
        await Assertions.Expect(errors).ToContainTextAsync("nothing was changed");
        await Assertions.Expect(errors).ToContainTextAsync("line ");
        await BrowserFixture.ScreenshotAsync(page, "settings-restore-refused");
        Assert.Equal(original, await File.ReadAllTextAsync(box.ConfigFile));
        Assert.Equal(previous, await File.ReadAllBytesAsync(box.ConfigFile + ".previous"));
    }

    [Fact]
    public async Task The_configuration_api_saves_a_document_and_refuses_an_invalid_one_with_422_and_the_keys()
    {
        await using var box = await RunningBox.StartAsync();
        using var client = await box.CreateAuthenticatedClientAsync();
        var view = JsonNode.Parse(await client.GetStringAsync(new Uri("/api/v1/configuration", UriKind.Relative)))!;
        var document = (string)view["documentJson"]!;

        using var bad = await client.PutAsync(new Uri("/api/v1/configuration", UriKind.Relative), new StringContent(document.Replace("\"x.\"", "42", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("dialPlan.patterns[0]", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var good = await client.PutAsync(new Uri("/api/v1/configuration", UriKind.Relative), new StringContent(document.Replace("\"x.\"", "\"1x.\"", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var result = JsonNode.Parse(await good.Content.ReadAsStringAsync())!;
        Assert.Equal("dialPlan.patterns", (string?)result["appliedLive"]![0]);
    }
}
