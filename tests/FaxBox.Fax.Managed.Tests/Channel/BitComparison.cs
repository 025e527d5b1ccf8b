namespace FaxBox.Fax.Managed.Tests.Channel;

/// <summary>Aligns received bits with sent bits (receivers may deliver some training ones first) and counts errors.</summary>
internal static class BitComparison
{
    /// <summary>Bit errors over the sent bits after aligning on the first <paramref name="syncBits"/>; missing bits count as errors; -1 when no alignment exists.</summary>
    public static int CountErrors(IReadOnlyList<byte> sent, IReadOnlyList<byte> received, int syncBits = 48, int maxOffset = 2000)
    {
        int offset = FindOffset(sent, received, syncBits, maxOffset);
        if (offset < 0)
        {
            return -1;
        }

        int errors = 0;
        for (int i = 0; i < sent.Count; i++)
        {
            int j = offset + i;
            if (j >= received.Count || received[j] != sent[i])
            {
                errors++;
            }
        }

        return errors;
    }

    public static int FindOffset(IReadOnlyList<byte> sent, IReadOnlyList<byte> received, int syncBits, int maxOffset)
    {
        int bestOffset = -1;
        int bestErrors = int.MaxValue;
        for (int offset = 0; offset <= maxOffset && offset + syncBits <= received.Count; offset++)
        {
            int errors = 0;
            for (int i = 0; i < syncBits && errors < bestErrors; i++)
            {
                if (received[offset + i] != sent[i])
                {
                    errors++;
                }
            }

            if (errors < bestErrors)
            {
                bestErrors = errors;
                bestOffset = offset;
                if (errors == 0)
                {
                    break;
                }
            }
        }

        return bestErrors <= syncBits / 8 ? bestOffset : -1;
    }
}
