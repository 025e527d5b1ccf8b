namespace FaxBox.LineInterface.Hardware.Si3215;

/// <summary>Register 0, chip identification.</summary>
/// <param name="Revision">Bits 3:0: silicon revision (1 = A, 2 = B …). 0x0 and 0xF mean no chip answered.</param>
/// <param name="PartNumber">Bits 5:4: part number field.</param>
public readonly record struct Si3215ChipId(byte Revision, byte PartNumber)
{
    public static Si3215ChipId FromByte(byte value) => new((byte)(value & 0x0F), (byte)((value >> 4) & 0x03));

    public byte ToByte() => (byte)((Revision & 0x0F) | ((PartNumber & 0x03) << 4));

    /// <summary>The revision letter (A, B …).</summary>
    public char RevisionLetter => (char)('A' + Revision - 1);
}
