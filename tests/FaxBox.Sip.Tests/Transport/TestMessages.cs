using System.Text;

namespace FaxBox.Sip.Tests.Transport;

/// <summary>Small SIP messages for transport tests (the transports never parse beyond Content-Length).</summary>
internal static class TestMessages
{
    public static string Options(int cseq, string body = "") =>
        $"OPTIONS sip:box@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1;branch=z9hG4bK{cseq}\r\nCall-ID: c{cseq}@test\r\nCSeq: {cseq} OPTIONS\r\n" +
        $"Content-Length: {Encoding.ASCII.GetByteCount(body)}\r\n\r\n{body}";

    public static byte[] Bytes(string text) => Encoding.ASCII.GetBytes(text);

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds; false when it never did.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, int milliseconds = 5000)
    {
        for (int waited = 0; waited < milliseconds; waited += 10)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(10);
        }

        return condition();
    }
}
