using System.Security.Cryptography;

namespace FaxBox.Sip.Transactions;

/// <summary>New branch ids and tags: random, with the RFC 3261 §8.1.1.7 magic cookie for branches.</summary>
public static class SipBranch
{
    /// <summary>"z9hG4bK" and 16 random hex digits.</summary>
    public static string NewBranch() => Messages.SipVia.MagicCookie + Random(8);

    /// <summary>A From/To tag (§19.3): 8 random octets in hex.</summary>
    public static string NewTag() => Random(8);

    /// <summary>A Call-ID word (§20.8): 16 random octets in hex.</summary>
    public static string NewCallId() => Random(16);

    private static string Random(int octets)
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes[..octets]);
        return Convert.ToHexStringLower(bytes[..octets]);
    }
}
