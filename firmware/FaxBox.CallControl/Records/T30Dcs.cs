namespace FaxBox.CallControl.Records;

/// <summary>
/// Reads the settings a DCS selects (ITU-T T.30 §5.3.6.2.3, Table 2). Frames are as the engines give them: address,
/// control, FCF, then the FIF, with bit 1 of Table 2 the least significant bit of the first FIF octet (the first bit sent).
/// </summary>
internal static class T30Dcs
{
    /// <summary>Offset of the FIF in a frame (after the address 0xFF, the control field and the FCF).</summary>
    private const int FifOffset = 3;

    /// <summary>Bit 27: error correction mode (T.30 Annex A).</summary>
    private const int EcmBit = 27;

    /// <summary>
    /// The data signalling rate selected by bits 11–14 (in that order): V.27ter 2400/4800, V.29 9600/7200, V.33 14400/12000,
    /// V.17 14400/12000/9600/7200. 0 for a reserved combination or a frame too short to carry them.
    /// </summary>
    public static int BitRate(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < FifOffset + 2)
        {
            return 0;
        }

        int code = (Bit(frame, 11) ? 1 : 0) | (Bit(frame, 12) ? 2 : 0) | (Bit(frame, 13) ? 4 : 0) | (Bit(frame, 14) ? 8 : 0);
        return code switch
        {
            0b0000 => 2400,  // V.27ter
            0b0010 => 4800,  // V.27ter
            0b0001 => 9600,  // V.29
            0b0011 => 7200,  // V.29
            0b0100 => 14400, // V.33
            0b0110 => 12000, // V.33
            0b1000 => 14400, // V.17
            0b1010 => 12000, // V.17
            0b1001 => 9600,  // V.17
            0b1011 => 7200,  // V.17
            _ => 0,
        };
    }

    /// <summary>Whether bit 27 (ECM) is set; false when the frame is too short to carry it.</summary>
    public static bool Ecm(ReadOnlySpan<byte> frame) => Bit(frame, EcmBit);

    /// <summary>Table 2 bit <paramref name="number"/> (1-based) of the FIF; false past the end of the frame.</summary>
    public static bool Bit(ReadOnlySpan<byte> frame, int number)
    {
        int index = FifOffset + ((number - 1) / 8);
        return index < frame.Length && (frame[index] & (1 << ((number - 1) % 8))) != 0;
    }
}
