namespace FaxBox.Sip.Dns;

/// <summary>A decoded DNS message (RFC 1035 §4.1): header fields, the question, answers and additional records.</summary>
public sealed record DnsMessage(
    ushort Id,
    bool IsResponse,
    bool Truncated,
    DnsResponseCode ResponseCode,
    string QuestionName,
    DnsRecordType QuestionType,
    IReadOnlyList<DnsRecord> Answers,
    IReadOnlyList<DnsRecord> Additional);
