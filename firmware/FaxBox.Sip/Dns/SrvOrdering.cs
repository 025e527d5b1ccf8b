namespace FaxBox.Sip.Dns;

/// <summary>
/// The RFC 2782 order of SRV records: ascending priority; within one priority a weighted random pick, repeated, with
/// weight-0 records placed first so they are chosen only rarely. A target of "." means "no service here" and yields nothing.
/// </summary>
internal static class SrvOrdering
{
    public static List<DnsSrvRecord> Order(IEnumerable<DnsSrvRecord> records, Random random)
    {
        var ordered = new List<DnsSrvRecord>();
        foreach (var group in records.Where(r => r.Target.Length > 0 && r.Target != ".").GroupBy(r => r.Priority).OrderBy(g => g.Key))
        {
            var remaining = group.OrderBy(r => r.Weight == 0 ? 0 : 1).ToList();
            while (remaining.Count > 0)
            {
                int total = remaining.Sum(r => r.Weight);
                int pick = random.Next(0, total + 1);
                int running = 0;
                int chosen = remaining.Count - 1;
                for (int i = 0; i < remaining.Count; i++)
                {
                    running += remaining[i].Weight;
                    if (running >= pick)
                    {
                        chosen = i;
                        break;
                    }
                }

                ordered.Add(remaining[chosen]);
                remaining.RemoveAt(chosen);
            }
        }

        return ordered;
    }
}
