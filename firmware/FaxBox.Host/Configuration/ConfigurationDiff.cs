using System.Collections;
using System.Net;
using System.Reflection;

namespace FaxBox.Host.Configuration;

/// <summary>
/// What differs between two configurations, and which of the differences take a restart. Restart: <c>board</c>,
/// <c>engine</c>, <c>dataFolder</c>, <c>name</c> (status and MQTT topics carry it), each <c>sip.accounts[n]</c>
/// (its socket, identity and registration), <c>sip.t1</c>, and <c>media.address</c>, <c>media.portMin</c>,
/// <c>media.portMax</c> (the media sockets), <c>mqtt</c> (the publisher and embedded broker start with the box), <c>api</c>, <c>faxServer</c> and <c>admin</c> (their services start
/// with the box). Live: <c>logLevel</c>, <c>media.codecs</c> (next call), <c>fax</c>, <c>dialPlan</c>, <c>ports</c> and
/// <c>terminal</c> (the box's own numbers, next call).
/// </summary>
public static class ConfigurationDiff
{
    /// <summary>The keys whose values differ, coarsest first: a section key when a whole list changed length, else the element or leaf key.</summary>
    public static IReadOnlyList<string> Changes(FaxBoxConfiguration old, FaxBoxConfiguration @new)
    {
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(@new);
        var changes = new List<string>();
        Compare(changes, "name", old.Name, @new.Name);
        Compare(changes, "board", old.BoardPath ?? old.Board, @new.BoardPath ?? @new.Board);
        Compare(changes, "engine", old.Engine, @new.Engine);
        Compare(changes, "dataFolder", old.DataFolder, @new.DataFolder);
        Compare(changes, "logLevel", old.LogLevel, @new.LogLevel);
        Compare(changes, "sip.t1", old.Gateway.SipT1, @new.Gateway.SipT1);
        CompareList(changes, "sip.accounts", old.Gateway.Accounts, @new.Gateway.Accounts);
        Compare(changes, "media.address", old.Gateway.Media.Address, @new.Gateway.Media.Address);
        Compare(changes, "media.portMin", old.Gateway.Media.PortMin, @new.Gateway.Media.PortMin);
        Compare(changes, "media.portMax", old.Gateway.Media.PortMax, @new.Gateway.Media.PortMax);
        Compare(changes, "media.codecs", old.Gateway.Media.Codecs, @new.Gateway.Media.Codecs);
        Compare(changes, "fax", old.Gateway.Fax, @new.Gateway.Fax);
        Compare(changes, "dialPlan", old.Gateway.DialPlan, @new.Gateway.DialPlan);
        CompareList(changes, "ports", old.Gateway.Ports, @new.Gateway.Ports);
        Compare(changes, "terminal", old.Gateway.Terminal, @new.Gateway.Terminal);
        Compare(changes, "mqtt", old.Mqtt, @new.Mqtt);
        Compare(changes, "api", old.Api, @new.Api);
        Compare(changes, "faxServer", old.FaxServer, @new.FaxServer);
        Compare(changes, "admin", old.Admin, @new.Admin);
        return changes;
    }

    /// <summary>The changed keys (from <see cref="Changes"/>) that apply only after a restart; empty when everything applies live.</summary>
    public static IReadOnlyList<string> NeedsRestart(FaxBoxConfiguration old, FaxBoxConfiguration @new) =>
        [.. Changes(old, @new).Where(NeedsRestart)];

    /// <summary>Whether a key named by <see cref="Changes"/> takes a restart to apply.</summary>
    public static bool NeedsRestart(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key is "name" or "board" or "engine" or "dataFolder" or "sip.t1" or "media.address" or "media.portMin" or "media.portMax" or "mqtt" or "api" or "faxServer" or "admin"
            || key.StartsWith("sip.accounts", StringComparison.Ordinal);
    }

    private static void Compare(List<string> changes, string key, object? a, object? b)
    {
        if (!ValueEquals(a, b))
        {
            changes.Add(key);
        }
    }

    private static void CompareList<T>(List<string> changes, string key, List<T> a, List<T> b)
    {
        if (a.Count != b.Count)
        {
            changes.Add(key);
            return;
        }

        for (var i = 0; i < a.Count; i++)
        {
            Compare(changes, $"{key}[{i}]", a[i], b[i]);
        }
    }

    /// <summary>Structural equality over the option classes: public readable properties, lists element by element.</summary>
    internal static bool ValueEquals(object? a, object? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (a is IPAddress ipA && b is IPAddress ipB)
        {
            return ipA.Equals(ipB); // IPAddress.Loopback is a read-only subclass: compare values, not types
        }

        if (a.GetType() != b.GetType())
        {
            return false;
        }

        if (a is string || a.GetType().IsValueType)
        {
            return a.Equals(b);
        }

        if (a is IList la && b is IList lb)
        {
            if (la.Count != lb.Count)
            {
                return false;
            }

            for (var i = 0; i < la.Count; i++)
            {
                if (!ValueEquals(la[i], lb[i]))
                {
                    return false;
                }
            }

            return true;
        }

        foreach (var property in a.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0 && !ValueEquals(property.GetValue(a), property.GetValue(b)))
            {
                return false;
            }
        }

        return true;
    }
}
