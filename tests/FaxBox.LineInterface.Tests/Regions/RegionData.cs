using FaxBox.LineInterface.Regions;

namespace FaxBox.LineInterface.Tests.Regions;

/// <summary>Theory data over the built-in region table.</summary>
public static class RegionData
{
    public static TheoryData<string> Codes()
    {
        var data = new TheoryData<string>();
        foreach (var region in LineRegions.BuiltIn.All)
        {
            data.Add(region.Code);
        }

        return data;
    }

    public static TheoryData<string, CallProgressTone> CodesAndTones()
    {
        var data = new TheoryData<string, CallProgressTone>();
        foreach (var region in LineRegions.BuiltIn.All)
        {
            foreach (var tone in new[] { CallProgressTone.Dial, CallProgressTone.Ringback, CallProgressTone.Busy, CallProgressTone.Congestion, CallProgressTone.Sit })
            {
                data.Add(region.Code, tone);
            }
        }

        return data;
    }

    public static TheoryData<string, DialMethod> CodesAndMethods()
    {
        var data = new TheoryData<string, DialMethod>();
        foreach (var region in LineRegions.BuiltIn.All)
        {
            data.Add(region.Code, DialMethod.Dtmf);
            data.Add(region.Code, DialMethod.Pulse);
        }

        return data;
    }
}
