namespace FaxBox.FaxServer.Documents;

/// <summary>
/// What a JPEG says about itself before its image data (ITU-T T.81 Annex B marker segments; JFIF 1.02 APP0;
/// Adobe APP14): size, components and density. Read by walking the markers up to the first SOS.
/// </summary>
internal sealed record JpegHeader(int Width, int Height, int Components, double? XDpi, double? YDpi, bool AdobeInverted)
{
    /// <summary>Parses the header of <paramref name="data"/>.</summary>
    /// <exception cref="DocumentRejectedException">The markers are damaged or there is no frame header.</exception>
    public static JpegHeader Parse(string name, ReadOnlySpan<byte> data)
    {
        int pos = 2; // after SOI
        double? xDpi = null, yDpi = null;
        bool adobe = false;
        while (pos + 4 <= data.Length)
        {
            if (data[pos] != 0xFF)
            {
                throw Damaged(name, "a marker is missing where one must be");
            }

            byte marker = data[pos + 1];
            if (marker == 0xFF)
            {
                pos++; // fill byte (T.81 §B.1.1.2)
                continue;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                pos += 2;
                continue;
            }

            int length = (data[pos + 2] << 8) | data[pos + 3];
            if (length < 2 || pos + 2 + length > data.Length)
            {
                throw Damaged(name, "the file ends in the middle (truncated?)");
            }

            ReadOnlySpan<byte> body = data.Slice(pos + 4, length - 2);
            bool isFrame = marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
            if (isFrame)
            {
                if (body.Length < 6)
                {
                    throw Damaged(name, "bad frame header");
                }

                int height = (body[1] << 8) | body[2];
                int width = (body[3] << 8) | body[4];
                int components = body[5];
                if (width == 0 || height == 0 || components is not (1 or 3 or 4))
                {
                    throw Damaged(name, "its frame header describes an impossible image");
                }

                if (marker is 0xC3 or 0xC7 or 0xCB or 0xCF)
                {
                    throw new DocumentRejectedException(name, "is a lossless JPEG, which is not supported; save it as PNG");
                }

                return new JpegHeader(width, height, components, xDpi, yDpi, adobe);
            }

            if (marker == 0xE0 && body.Length >= 12 && body.StartsWith("JFIF\0"u8))
            {
                int units = body[7];
                int dx = (body[8] << 8) | body[9], dy = (body[10] << 8) | body[11];
                double factor = units switch { 1 => 1, 2 => 2.54, _ => 0 };
                if (factor > 0 && dx > 0 && dy > 0)
                {
                    (xDpi, yDpi) = (dx * factor, dy * factor);
                }
            }
            else if (marker == 0xEE && body.StartsWith("Adobe"u8))
            {
                adobe = true;
            }
            else if (marker is 0xDA or 0xD9)
            {
                break;
            }

            pos += 2 + length;
        }

        throw Damaged(name, "it has no frame header");
    }

    private static DocumentRejectedException Damaged(string name, string detail) =>
        new(name, $"is a damaged JPEG image ({detail})");
}
