using Microsoft.Playwright;

namespace FaxBox.Admin.Tests.Accessibility;

/// <summary>
/// Checks a page in the browser with DOM queries (no external tool: none is installable here): a language, a title,
/// every form control with a label (or aria-label/aria-labelledby), buttons and links with a name, headings starting at
/// h1 without skipping a level, alt text on every image and a name on every SVG picture, no duplicate ids, and every
/// aria-labelledby/aria-describedby/label[for] pointing at an element that exists.
/// </summary>
internal static class AccessibilityAudit
{
    private const string Script = """
        () => {
          const problems = [];
          const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.name ? '[name=' + el.name + ']' : '')
            + (el.getAttribute('class') ? '.' + el.getAttribute('class').trim().split(/\s+/).join('.') : '');
          const hidden = el => el.closest('[hidden], [aria-hidden="true"], template') !== null;
          const text = el => (el.textContent || '').replace(/\s+/g, ' ').trim();
          const byIds = value => (value || '').split(/\s+/).filter(Boolean).map(id => document.getElementById(id));
          if (!document.documentElement.getAttribute('lang')) problems.push('html has no lang');
          if (!document.title || !document.title.trim()) problems.push('no title');
          for (const el of document.querySelectorAll('input, select, textarea')) {
            const type = (el.getAttribute('type') || '').toLowerCase();
            if (type === 'hidden' || hidden(el)) continue;
            if (['submit', 'button', 'reset'].includes(type)) { if (!(el.value || el.getAttribute('aria-label'))) problems.push(describe(el) + ': button without a name'); continue; }
            const labels = [...(el.labels || [])].filter(l => text(l).length > 0);
            const labelledBy = byIds(el.getAttribute('aria-labelledby')).filter(x => x && text(x).length > 0);
            if (labels.length === 0 && labelledBy.length === 0 && !(el.getAttribute('aria-label') || '').trim() && !(el.getAttribute('title') || '').trim())
              problems.push(describe(el) + ': form control without a label');
          }
          for (const el of document.querySelectorAll('button')) {
            if (hidden(el)) continue;
            if (!text(el) && !(el.getAttribute('aria-label') || '').trim() && !(el.getAttribute('title') || '').trim()) problems.push(describe(el) + ': button without a name');
          }
          for (const el of document.querySelectorAll('a[href]')) {
            if (hidden(el)) continue;
            const img = [...el.querySelectorAll('img[alt]')].some(i => i.getAttribute('alt').trim());
            if (!text(el) && !img && !(el.getAttribute('aria-label') || '').trim()) problems.push(describe(el) + ': link without a name');
          }
          const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter(h => !hidden(h));
          if (headings.length === 0 || headings[0].tagName !== 'H1') problems.push('the first heading is not h1');
          if (headings.filter(h => h.tagName === 'H1').length !== 1) problems.push(headings.filter(h => h.tagName === 'H1').length + ' h1 headings');
          for (let i = 1; i < headings.length; i++) {
            const before = +headings[i - 1].tagName[1], now = +headings[i].tagName[1];
            if (now > before + 1) problems.push('heading ' + headings[i].tagName.toLowerCase() + ' "' + text(headings[i]) + '" follows ' + headings[i - 1].tagName.toLowerCase());
          }
          for (const img of document.querySelectorAll('img')) {
            if (!img.hasAttribute('alt')) problems.push(describe(img) + ' (' + img.getAttribute('src') + '): image without alt');
          }
          for (const svg of document.querySelectorAll('svg')) {
            if (hidden(svg) || svg.parentElement.closest('svg')) continue;
            const named = (svg.getAttribute('aria-label') || '').trim() || svg.querySelector(':scope > title') || byIds(svg.getAttribute('aria-labelledby')).some(x => x);
            if (!named) problems.push(describe(svg) + ': picture without a name (title or aria-label)');
          }
          const seen = new Map();
          for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) || 0) + 1);
          for (const [id, count] of seen) if (count > 1) problems.push('id "' + id + '" used ' + count + ' times');
          for (const el of document.querySelectorAll('[aria-labelledby], [aria-describedby]')) {
            for (const attribute of ['aria-labelledby', 'aria-describedby'])
              for (const id of (el.getAttribute(attribute) || '').split(/\s+/).filter(Boolean))
                if (!document.getElementById(id)) problems.push(describe(el) + ': ' + attribute + ' names a missing id "' + id + '"');
          }
          for (const label of document.querySelectorAll('label[for]'))
            if (!document.getElementById(label.htmlFor)) problems.push('label "' + text(label) + '" is for a missing id "' + label.htmlFor + '"');
          return problems;
        }
        """;

    /// <summary>The problems found on the page as it is now (empty when it passes).</summary>
    public static async Task<IReadOnlyList<string>> CheckAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return await page.EvaluateAsync<string[]>(Script);
    }
}
