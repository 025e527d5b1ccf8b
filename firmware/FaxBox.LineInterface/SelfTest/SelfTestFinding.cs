namespace FaxBox.LineInterface.SelfTest;

/// <summary>One check of a port self-test.</summary>
/// <param name="Check">What was checked ("ring", "dial tone", "digits").</param>
/// <param name="Passed">Whether it passed.</param>
/// <param name="Detail">What was found, in words.</param>
public sealed record SelfTestFinding(string Check, bool Passed, string Detail)
{
    /// <summary>"PASS ring: answered after 2.4 s".</summary>
    public override string ToString() => $"{(Passed ? "PASS" : "FAIL")} {Check}: {Detail}";
}
