using System.Text.RegularExpressions;
using FaxBox.Admin.Tests.Infrastructure;
using Microsoft.Playwright;

namespace FaxBox.Admin.Tests.Accessibility;

/// <summary>
/// Keyboard-only use of the send form and the settings (the focus moves through the controls in reading order and the
/// forms submit from the keyboard), and the main pages at a phone's width (390 px: nothing wider than the screen;
/// screenshots in artifacts/screenshots/mobile-*.png).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardAndMobileTests(BrowserFixture browser)
{
    /// <summary>The focused element: a link or button by its text, another control by its id or name.</summary>
    private const string Focused = "() => { const e = document.activeElement; const t = e.tagName.toLowerCase(); return t + ':' + (t === 'a' || t === 'button' ? (e.textContent || '').trim() : (e.id || e.getAttribute('name') || '')); }";

    [Fact]
    public async Task The_send_form_is_used_with_the_keyboard_alone_in_reading_order()
    {
        await using var site = await FaxTestSite.StartAsync();
        var page = await browser.NewPageAsync(site.BaseAddress);
        await site.Site.LoginAsync(page);
        await page.GotoAsync("/faxes/send");

        var order = await TabThroughAsync(page, "button:Send");
        Assert.Equal("a:Skip to content", order[0]);
        string[] form = ["input:to", "input:files", "input:cover", "input:coverTo", "input:coverFrom", "input:subject", "textarea:note", "button:Send"];
        Assert.Equal(form, order.SkipWhile(f => f != "input:to").ToArray());

        await page.Locator("#files").SetInputFilesAsync(new FilePayload { Name = "letter.tif", MimeType = "image/tiff", Buffer = Faxes.FaxesPagesTests.Tiff(1) });
        await page.FocusAsync("#to");
        await page.Keyboard.TypeAsync("0301234567");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Space"); // the cover page check box
        Assert.True(await page.Locator("input[name=cover]").IsCheckedAsync());
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Accounts");
        await page.FocusAsync("#to");
        await page.Keyboard.PressAsync("Enter"); // implicit submission from a text field
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/faxes/jobs/[0-9]+$"));
    }

    [Fact]
    public async Task Settings_are_changed_with_the_keyboard_alone_and_enter_saves_without_pressing_add_or_remove()
    {
        await using var box = await RunningBox.StartAsync();
        var page = await browser.NewPageAsync(box.BaseAddress);
        await RunningBox.LoginAsync(page);
        await page.GotoAsync("/settings/sip");

        var order = await TabThroughAsync(page, "button:Save");
        var name = order.IndexOf("input:f-sip-accounts-0--name");
        var remove = order.IndexOf("button:Remove SIP account 1");
        var add = order.IndexOf("button:Add SIP account");
        Assert.True(name >= 0 && name < remove && remove < add && add < order.Count - 1, string.Join(" → ", order)); // the hidden default button takes no focus: Save comes last

        // Add an entry from the keyboard: the focus lands in it.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add SIP account" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".draft-notice")).ToContainTextAsync("Added SIP account 2");
        Assert.Matches("^(input|select):f-sip-accounts-1--", await page.EvaluateAsync<string>(Focused));
        await page.Keyboard.TypeAsync("x");

        // Enter in a field of the first account submits the form as Save (the new entry is still incomplete).
        await page.FocusAsync("#f-sip-accounts-0--username");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("sip.accounts[1]");
        Assert.Equal(2, await page.Locator("fieldset.entry").CountAsync());
    }

    [Fact]
    public async Task The_main_pages_fit_a_390_px_wide_phone_screen()
    {
        await using var box = await RunningBox.StartAsync();
        var page = await browser.NewPageAsync(box.BaseAddress);
        await page.SetViewportSizeAsync(390, 844);
        await RunningBox.LoginAsync(page);
        var wide = new List<string>();
        foreach (var (path, name) in new[] { ("/", "dashboard"), ("/faxes", "faxes"), ("/faxes/send", "send"), ("/settings", "settings"), ("/settings/sip", "settings-sip"), ("/settings/routing", "settings-routing"), ("/diagnostics", "diagnostics"), ("/security", "security") })
        {
            await page.GotoAsync(path);
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > 390)
            {
                var culprits = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 391 && !e.closest('.table-scroll, .ladder-scroll')).slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : ''))");
                wide.Add($"{path}: {width} px wide ({string.Join(", ", culprits)})");
            }

            await BrowserFixture.ScreenshotAsync(page, "mobile-" + name);
        }

        Assert.True(wide.Count == 0, string.Join("\n", wide));
    }

    /// <summary>Presses Tab from the top of the page until <paramref name="last"/> has the focus (at most 200 times); the focused controls in order.</summary>
    private static async Task<List<string>> TabThroughAsync(IPage page, string last)
    {
        var order = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string>(Focused);
            order.Add(focused);
            if (focused == last)
            {
                return order;
            }
        }

        Assert.Fail($"Tab never reached '{last}': {string.Join(" → ", order)}");
        return order;
    }
}
