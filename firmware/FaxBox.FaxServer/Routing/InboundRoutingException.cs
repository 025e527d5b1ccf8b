namespace FaxBox.FaxServer.Routing;

/// <summary>An invalid routing rule: which one (by index, or the default route) and why.</summary>
public sealed class InboundRoutingException : Exception
{
    /// <summary>Creates the error for rule <paramref name="ruleIndex"/> (null: the default route).</summary>
    public InboundRoutingException(int? ruleIndex, string reason)
        : base($"{Where(ruleIndex)}: {reason}")
    {
        RuleIndex = ruleIndex;
        Reason = reason;
    }

    /// <summary>Creates an error without a rule.</summary>
    public InboundRoutingException()
        : this(null, "invalid routing")
    {
    }

    /// <summary>Creates an error with a message.</summary>
    public InboundRoutingException(string message)
        : base(message)
    {
        Reason = message;
    }

    /// <summary>Creates an error with a message and a cause.</summary>
    public InboundRoutingException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    /// <summary>The index of the invalid rule, or null for the default route.</summary>
    public int? RuleIndex { get; }

    /// <summary>What is wrong with it.</summary>
    public string Reason { get; }

    private static string Where(int? index) =>
        index is { } i ? $"faxServer.routing.rules[{i}]" : "faxServer.routing.default";
}
