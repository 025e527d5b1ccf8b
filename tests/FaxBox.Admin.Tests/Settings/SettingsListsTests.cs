using System.Text.Json.Nodes;
using FaxBox.Admin.Tests.Infrastructure;
using Microsoft.Playwright;

namespace FaxBox.Admin.Tests.Settings;

/// <summary>
/// Adding and removing list entries (SIP accounts, routing rules) in the settings forms of the real box, in Chromium
/// without JavaScript (plain form posts) and with it (no page load, focus on the new entry): nothing is saved until
/// Save, a new entry's errors are shown at its fields with their keys, and a removal keeps the other entries' secrets.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SettingsListsTests(BrowserFixture browser)
{
    private static readonly System.Text.Json.JsonDocumentOptions Lenient = new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true };

    [Fact]
    public async Task Without_javascript_a_sip_account_is_added_checked_at_its_fields_saved_and_another_removed()
    {
        await using var box = await RunningBox.StartAsync();
        var original = await File.ReadAllBytesAsync(box.ConfigFile);
        var page = await browser.NewPageAsync(box.BaseAddress, javaScript: false);
        await RunningBox.LoginAsync(page);
        await page.GotoAsync("/settings/sip");
        Assert.Equal(1, await page.Locator("fieldset.entry").CountAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Add SIP account" }).ClickAsync();
        await Assertions.Expect(page.Locator(".draft-notice")).ToContainTextAsync("Added SIP account 2 (sip.accounts[1])");
        Assert.Equal(2, await page.Locator("fieldset.entry").CountAsync());
        Assert.Equal("5060", await page.Locator("#f-sip-accounts-1--port").InputValueAsync()); // the class default
        Assert.NotNull(await page.Locator("#f-sip-accounts-1--name").GetAttributeAsync("autofocus"));
        Assert.Equal(original, await File.ReadAllBytesAsync(box.ConfigFile)); // nothing saved yet

        // Enter in a field saves (it never presses a remove button): the new account has no user name yet.
        await page.Locator("#f-sip-accounts-1--name").FillAsync("second");
        await page.Locator("#f-sip-accounts-1--port").FillAsync("0");
        await page.Locator("#f-sip-accounts-1--name").PressAsync("Enter");
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("sip.accounts[1].username");
        var field = page.Locator("[data-key='sip.accounts[1].username']");
        await Assertions.Expect(field.Locator(".field-error")).ToContainTextAsync("sip.accounts[1].username: is required");
        Assert.Equal("true", await page.Locator("#f-sip-accounts-1--username").GetAttributeAsync("aria-invalid"));
        Assert.Equal("second", await page.Locator("#f-sip-accounts-1--name").InputValueAsync()); // what was typed stays
        Assert.Equal(2, await page.Locator("fieldset.entry").CountAsync());
        await BrowserFixture.ScreenshotAsync(page, "settings-sip-added-errors");
        Assert.Equal(original, await File.ReadAllBytesAsync(box.ConfigFile));

        await page.Locator("#f-sip-accounts-1--username").FillAsync("two");
        await page.Locator("#f-sip-accounts-1--password").FillAsync("second-secret");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".save-result")).ToContainTextAsync("Saved");
        var accounts = JsonNode.Parse(await File.ReadAllTextAsync(box.ConfigFile), null, Lenient)!["sip"]!["accounts"]!.AsArray();
        Assert.Equal(["trunk", "second"], accounts.Select(a => (string?)a!["name"]));
        Assert.Equal("second-secret", (string?)accounts[1]!["password"]);
        Assert.Equal("trunk-secret-1", (string?)accounts[0]!["password"]);

        // Remove the first account: the second moves up and keeps its own password.
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove SIP account 1" }).ClickAsync();
        await Assertions.Expect(page.Locator(".draft-notice")).ToContainTextAsync("Removed SIP account 1");
        Assert.Equal(1, await page.Locator("fieldset.entry").CountAsync());
        Assert.Equal("second", await page.Locator("#f-sip-accounts-0--name").InputValueAsync());
        Assert.DoesNotContain("second-secret", await page.ContentAsync(), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".save-result")).ToContainTextAsync("Saved");
        var left = Assert.Single(JsonNode.Parse(await File.ReadAllTextAsync(box.ConfigFile), null, Lenient)!["sip"]!["accounts"]!.AsArray());
        Assert.Equal("second", (string?)left!["name"]);
        Assert.Equal("second-secret", (string?)left["password"]);
    }

    [Fact]
    public async Task With_javascript_a_routing_rule_is_added_without_a_page_load_focused_saved_and_removed()
    {
        await using var box = await RunningBox.StartAsync();
        var page = await browser.NewPageAsync(box.BaseAddress);
        await RunningBox.LoginAsync(page);
        await page.GotoAsync("/settings/routing");
        await page.EvaluateAsync("() => { window.stillHere = true; }");
        Assert.Equal(0, await page.Locator("fieldset.entry[data-group^='faxServer.routing.rules[']").CountAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Add routing rule" }).ClickAsync();
        await Assertions.Expect(page.Locator(".draft-notice")).ToContainTextAsync("Added routing rule 1");
        Assert.True(await page.EvaluateAsync<bool>("() => window.stillHere === true"), "the page was not loaded again");
        Assert.StartsWith("f-faxServer-routing-rules-0--", await page.EvaluateAsync<string>("() => document.activeElement.id"), StringComparison.Ordinal);

        await page.Locator("#f-faxServer-routing-rules-0--calledNumber").FillAsync("555");
        await page.Locator("#f-faxServer-routing-rules-0--folder").FillAsync("sales");
        await page.Locator("#f-faxServer-routing-rules-0--email").FillAsync("a@example.test, b@example.test");
        await BrowserFixture.ScreenshotAsync(page, "settings-routing-rule-added");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".save-result")).ToContainTextAsync("Saved");
        var rule = Assert.Single(JsonNode.Parse(await File.ReadAllTextAsync(box.ConfigFile), null, Lenient)!["faxServer"]!["routing"]!["rules"]!.AsArray());
        Assert.Equal("555", (string?)rule!["calledNumber"]);
        Assert.Equal(["a@example.test", "b@example.test"], rule["email"]!.AsArray().Select(e => (string?)e));

        await page.EvaluateAsync("() => { window.stillHere = true; }");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove routing rule 1" }).ClickAsync();
        await Assertions.Expect(page.Locator(".draft-notice")).ToContainTextAsync("Removed routing rule 1");
        Assert.True(await page.EvaluateAsync<bool>("() => window.stillHere === true"));
        Assert.Equal("draft-notice", await page.EvaluateAsync<string>("() => document.activeElement.className.split(' ').find(c => c === 'draft-notice') || document.activeElement.className"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".save-result")).ToContainTextAsync("Saved");
        Assert.Empty(JsonNode.Parse(await File.ReadAllTextAsync(box.ConfigFile), null, Lenient)!["faxServer"]!["routing"]!["rules"]!.AsArray());
    }
}
