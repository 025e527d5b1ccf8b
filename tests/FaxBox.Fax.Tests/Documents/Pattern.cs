using FaxBox.Fax.Documents;

namespace FaxBox.Fax.Tests.Documents;

/// <summary>Deterministic pseudo-random bilevel content that exercises run lengths of every size.</summary>
internal static class Pattern
{
    public static FaxPage Page(int width, int height, double xDpi, double yDpi, int seed)
    {
        var page = new FaxPage(width, height, xDpi, yDpi);
        uint state = (uint)seed * 2654435761u + 1;
        for (int y = 0; y < height; y++)
        {
            int x = 0;
            bool black = false;
            while (x < width)
            {
                state = (state * 1664525u) + 1013904223u;
                int run = (int)(state >> 24) % (y % 7 == 0 ? 200 : 17) + 1;
                if (black)
                {
                    page.FillRectangle(x, y, run, 1);
                }

                x += run;
                black = !black;
            }
        }

        return page;
    }

    public static void AssertSamePixels(FaxPage expected, FaxPage actual)
    {
        Assert.Equal(expected.Width, actual.Width);
        Assert.Equal(expected.Height, actual.Height);
        Assert.True(expected.Bits.SequenceEqual(actual.Bits), "pixels differ");
    }
}
