namespace FaxBox.FaxServer.Tests.Service;

public sealed class DestinationProblemTests
{
    [Theory]
    [InlineData("0301234567")]
    [InlineData("+4930123456")]
    [InlineData("*31#0301234567")]
    [InlineData("12345678901234567890123456789012")]
    [InlineData("sip:200@pbx.example")]
    public void Fax_numbers_and_SIP_URIs_are_accepted(string destination) => Assert.Null(FaxServerService.DestinationProblem(destination));

    [Theory]
    [InlineData("", "a fax number is required")]
    [InlineData("+", "is not a fax number")]
    [InlineData("123456789012345678901234567890123", "is not a fax number")]
    [InlineData("030 1234", "is not a fax number")]
    [InlineData("0301234567\n", "is not a fax number")]
    [InlineData("++49", "is not a fax number")]
    [InlineData("sip:pbx.example", "is not a SIP URI")]
    public void Anything_else_is_refused_saying_why(string destination, string problem) =>
        Assert.Contains(problem, FaxServerService.DestinationProblem(destination), StringComparison.Ordinal);
}
