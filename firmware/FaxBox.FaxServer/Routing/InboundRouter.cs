using System.Runtime.CompilerServices;
using FaxBox.CallControl.Dialling;
using MimeKit;

namespace FaxBox.FaxServer.Routing;

/// <summary>
/// The validated routing table: <see cref="Resolve"/> gives the route of the first rule whose match fields all match, or
/// the default route. Immutable and thread-safe.
/// </summary>
public sealed class InboundRouter
{
    /// <summary>The folder names the inbox keeps for itself.</summary>
    internal static readonly string[] ReservedFolders = ["incoming", "tmp"];

    private readonly CompiledRule[] _rules;
    private readonly InboundRoute _default;

    private InboundRouter(CompiledRule[] rules, InboundRoute defaultRoute)
    {
        _rules = rules;
        _default = defaultRoute;
    }

    /// <summary>Every route: the rules' in order, then the default.</summary>
    public IReadOnlyList<InboundRoute> Routes => [.. _rules.Select(r => r.Route), _default];

    /// <summary>Every folder a route can name (for retention and listings).</summary>
    public IReadOnlyList<string> Folders => [.. _rules.Select(r => r.Route.Folder).Append(_default.Folder).Distinct(StringComparer.Ordinal)];

    /// <summary>Validates <paramref name="options"/>.</summary>
    /// <exception cref="InboundRoutingException">A rule is invalid: the exception names its index and the reason.</exception>
    public static InboundRouter Create(InboundRoutingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rules = new CompiledRule[options.Rules.Count];
        for (int i = 0; i < rules.Length; i++)
        {
            InboundRouteRule rule = options.Rules[i] ?? throw new InboundRoutingException(i, "the rule is null");
            if (!rule.HasMatch)
            {
                throw new InboundRoutingException(i, "the rule matches nothing: give calledNumber, subAddress or callerNumber (the default route takes the rest)");
            }

            rules[i] = new CompiledRule(
                Pattern(i, "calledNumber", rule.CalledNumber),
                Pattern(i, "subAddress", rule.SubAddress),
                Pattern(i, "callerNumber", rule.CallerNumber),
                Route(i, rule));
        }

        InboundRouteRule fallback = options.Default ?? new InboundRouteRule();
        if (fallback.HasMatch)
        {
            throw new InboundRoutingException(null, "the default route cannot have calledNumber, subAddress or callerNumber");
        }

        return new InboundRouter(rules, Route(null, fallback));
    }

    /// <summary>The route of a fax to <paramref name="calledNumber"/> with the given sub-address and caller.</summary>
    public InboundRoute Resolve(string? calledNumber, string? subAddress, string? callerNumber)
    {
        foreach (CompiledRule rule in _rules)
        {
            if (Matches(rule.Called, calledNumber) && Matches(rule.SubAddress, subAddress) && Matches(rule.Caller, callerNumber))
            {
                return rule.Route;
            }
        }

        return _default;
    }

    /// <summary>Whether <paramref name="folder"/> is a valid folder name; the reason when not.</summary>
    internal static string? FolderProblem(string? folder)
    {
        if (string.IsNullOrEmpty(folder))
        {
            return "the folder is empty";
        }

        if (folder.Length > 64)
        {
            return $"the folder '{folder[..16]}…' is longer than 64 characters";
        }

        if (folder[0] == '.')
        {
            return $"the folder '{folder}' starts with '.'";
        }

        foreach (char c in folder)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
            {
                return $"the folder '{folder}' has '{c}': use letters, digits, '.', '-' and '_'";
            }
        }

        return ReservedFolders.Contains(folder, StringComparer.OrdinalIgnoreCase) ? $"the folder '{folder}' is reserved by the inbox" : null;
    }

    private static bool Matches(DialPattern? pattern, string? value)
    {
        if (pattern is null)
        {
            return true;
        }

        if (value is null)
        {
            return false;
        }

        // T.30 sub-addresses and some caller IDs carry spaces; the pattern compares the digits.
        Span<char> digits = stackalloc char[Math.Min(value.Length, 64)];
        int n = 0;
        foreach (char c in value)
        {
            if (c != ' ' && n < digits.Length)
            {
                digits[n++] = c;
            }
        }

        return pattern.Match(digits[..n]) is DialMatch.Complete or DialMatch.CompleteCanExtend;
    }

    private static DialPattern? Pattern(int index, string field, string? text)
    {
        if (text is null)
        {
            return null;
        }

        return DialPattern.TryParse(text, out DialPattern? pattern, out string? error)
            ? pattern
            : throw new InboundRoutingException(index, $"{field} '{text}': {error}");
    }

    /// <summary>
    /// The rule's e-mail addresses, checked and normalised by MimeKit. A method of its own, never inlined, so that a box
    /// whose routes e-mail nobody does not load MimeKit at all (≈ 1 MiB resident).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static List<string> Mailboxes(int? index, IEnumerable<string?> addresses)
    {
        var email = new List<string>();
        foreach (string? address in addresses)
        {
            if (string.IsNullOrWhiteSpace(address) || !MailboxAddress.TryParse(address, out MailboxAddress? mailbox) || !mailbox.Address.Contains('@', StringComparison.Ordinal))
            {
                throw new InboundRoutingException(index, $"email '{address}' is not an e-mail address");
            }

            email.Add(mailbox.ToString());
        }

        return email;
    }

    private static InboundRoute Route(int? index, InboundRouteRule rule)
    {
        if (FolderProblem(rule.Folder) is { } folderProblem)
        {
            throw new InboundRoutingException(index, folderProblem);
        }

        var email = rule.Email is { Count: > 0 } addresses ? Mailboxes(index, addresses) : [];

        if (!Enum.IsDefined(rule.EmailFormat))
        {
            throw new InboundRoutingException(index, $"emailFormat {(int)rule.EmailFormat} is not pdf or tiff");
        }

        Uri? webhook = null;
        if (rule.Webhook is not null)
        {
            if (!Uri.TryCreate(rule.Webhook, UriKind.Absolute, out webhook) || (webhook.Scheme != Uri.UriSchemeHttp && webhook.Scheme != Uri.UriSchemeHttps))
            {
                throw new InboundRoutingException(index, $"webhook '{rule.Webhook}' is not an absolute http or https URL");
            }
        }
        else if (rule.WebhookIncludesPdf)
        {
            throw new InboundRoutingException(index, "webhookIncludesPdf is set but there is no webhook");
        }

        return new InboundRoute(index, rule.Folder, email, rule.EmailFormat, webhook, rule.WebhookIncludesPdf);
    }

    private sealed record CompiledRule(DialPattern? Called, DialPattern? SubAddress, DialPattern? Caller, InboundRoute Route);
}
