namespace FaxBox.FaxServer.Documents;

/// <summary>What one submitted file contributed to the job's document.</summary>
/// <param name="Name">The file's display name.</param>
/// <param name="Type">Its type, as recognised from its content.</param>
/// <param name="Pages">How many fax pages it became.</param>
public sealed record DocumentIntakeFile(string Name, DocumentType Type, int Pages);
