namespace FaxBox.CallControl.Configuration;

/// <summary>The gateway: SIP accounts, media, fax handling, the dial plan and the ports (JSON root of the <c>faxbox.json</c> gateway part).</summary>
public sealed class GatewayOptions
{
    /// <summary>The box's name in status and logs. Default "faxbox".</summary>
    public string Name { get; set; } = "faxbox";

    /// <summary>The SIP accounts. At least one.</summary>
    public List<SipAccountSettings> Accounts { get; set; } = [];

    /// <summary>Media sockets.</summary>
    public MediaOptions Media { get; set; } = new();

    /// <summary>Fax handling for every port that does not override it.</summary>
    public FaxOptions Fax { get; set; } = new();

    /// <summary>The dial plan of every FXS port that does not override it.</summary>
    public DialPlanOptions DialPlan { get; set; } = new();

    /// <summary>The ports the gateway runs.</summary>
    public List<PortSettings> Ports { get; set; } = [];

    /// <summary>The box's own fax terminal (numbers it answers itself).</summary>
    public TerminalOptions Terminal { get; set; } = new();

    /// <summary>SIP timer T1 (RFC 3261 §17.1.1.1). Default 500 ms.</summary>
    public TimeSpan SipT1 { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Checks everything that does not need the board; <paramref name="portExists"/> says whether a port index is on the
    /// board (null skips that check). Throws <see cref="GatewayConfigurationException"/> with the key and the reason.
    /// </summary>
    public void Validate(Func<int, bool>? portExists = null)
    {
        FaxOptions.Check(!string.IsNullOrWhiteSpace(Name), "", "name", "is required");
        FaxOptions.Check(Accounts.Count > 0, "", "sip.accounts", "at least one SIP account is required");
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Accounts.Count; i++)
        {
            Accounts[i].Validate($"sip.accounts[{i}]");
            FaxOptions.Check(names.Add(Accounts[i].Name), $"sip.accounts[{i}]", "name", $"'{Accounts[i].Name}' is used twice");
        }

        var bound = Accounts.Where(a => a.Port != 0).GroupBy(a => (a.ListenAddress, a.Port)).FirstOrDefault(g => g.Count() > 1);
        FaxOptions.Check(bound is null, "sip.accounts", "port", $"accounts {string.Join(", ", bound?.Select(a => a.Name) ?? [])} share {bound?.Key.ListenAddress}:{bound?.Key.Port}");

        Media.Validate();
        Fax.Validate("fax");
        ValidateDialPlan(DialPlan, "dialPlan");
        var seen = new HashSet<int>();
        for (var i = 0; i < Ports.Count; i++)
        {
            var p = Ports[i];
            var path = $"ports[{i}]";
            FaxOptions.Check(p.Port >= 0, path, "port", "is required (the board's port index)");
            FaxOptions.Check(seen.Add(p.Port), path, "port", $"port {p.Port} is configured twice");
            FaxOptions.Check(portExists is null || portExists(p.Port), path, "port", $"the board has no port {p.Port}");
            FaxOptions.Check(names.Contains(p.Account), path, "account", $"'{p.Account}' is not one of the SIP accounts ({string.Join(", ", names)})");
            FaxOptions.Check(p.Number is null || IsNumber(p.Number), path, "number", "must be digits, *, # or +");
            FaxOptions.Check(p.AnswerAfterRings is >= 1 and <= 10, path, "answerAfterRings", "must be 1 to 10");
            p.Fax?.Validate($"{path}.fax");
            if (p.DialPlan is { } plan)
            {
                ValidateDialPlan(plan, $"{path}.dialPlan");
            }
        }
    }

    /// <summary>The fax settings for <paramref name="port"/>.</summary>
    public FaxOptions FaxFor(PortSettings port) => port.Fax ?? Fax;

    /// <summary>The dial plan for <paramref name="port"/>.</summary>
    public DialPlanOptions DialPlanFor(PortSettings port) => port.DialPlan ?? DialPlan;

    private static bool IsNumber(string s) => s.Length > 0 && s.All(c => char.IsAsciiDigit(c) || c is '*' or '#' or '+');

    private static void ValidateDialPlan(DialPlanOptions plan, string path)
    {
        FaxOptions.Check(plan.Patterns.Count > 0 || plan.Hotline is not null, path, "patterns", "at least one pattern (or a hotline) is required");
        for (var i = 0; i < plan.Patterns.Count; i++)
        {
            if (!Dialling.DialPattern.TryParse(plan.Patterns[i], out _, out var error))
            {
                throw new GatewayConfigurationException($"{path}.patterns[{i}]", error);
            }
        }

        FaxOptions.Check(plan.Hotline is null || IsNumber(plan.Hotline) || plan.Hotline.StartsWith("sip:", StringComparison.Ordinal), path, "hotline", "must be a number or a sip: URI");
        FaxOptions.Check(plan.InterDigitTimeout >= TimeSpan.FromMilliseconds(500) && plan.InterDigitTimeout <= TimeSpan.FromSeconds(30), path, "interDigitTimeout", "must be 0.5 to 30 s");
        FaxOptions.Check(plan.FirstDigitTimeout >= TimeSpan.FromSeconds(1) && plan.FirstDigitTimeout <= TimeSpan.FromSeconds(120), path, "firstDigitTimeout", "must be 1 to 120 s");
        FaxOptions.Check(plan.MaxDigits is >= 1 and <= 64, path, "maxDigits", "must be 1 to 64");
    }
}
