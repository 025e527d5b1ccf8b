namespace FaxBox.FaxServer;

/// <summary>A submission refused before anything was queued: what is wrong and which field or file it concerns.</summary>
public sealed class FaxSubmissionException : Exception
{
    /// <summary>A refusal naming <paramref name="field"/>.</summary>
    public FaxSubmissionException(string field, string reason)
        : base($"{field}: {reason}")
    {
        Field = field;
        Reason = reason;
    }

    /// <summary>An empty refusal (for serializers).</summary>
    public FaxSubmissionException()
        : this("request", "refused")
    {
    }

    /// <summary>A refusal with an inner cause.</summary>
    public FaxSubmissionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = "request";
        Reason = message;
    }

    /// <summary>The field or file name.</summary>
    public string Field { get; } = "request";

    /// <summary>The reason, for the user.</summary>
    public string Reason { get; } = string.Empty;
}
