namespace FaxBox.LineInterface.Hardware;

/// <summary>
/// A line-interface chip that is absent, does not answer as its datasheet says, or failed a step of its bring-up
/// (DC-DC, calibration, line-side link). The message names the part, the bus device and what was read.
/// </summary>
public sealed class ChipFaultException : IOException
{
    public ChipFaultException()
    {
        Part = "";
        Device = "";
    }

    public ChipFaultException(string message)
        : base(message)
    {
        Part = "";
        Device = "";
    }

    public ChipFaultException(string message, Exception innerException)
        : base(message, innerException)
    {
        Part = "";
        Device = "";
    }

    /// <summary>Creates the exception with <c>"{part} on {device}: {detail}"</c> as its message.</summary>
    public ChipFaultException(string part, string device, string detail)
        : base($"{part} on {device}: {detail}")
    {
        Part = part;
        Device = device;
    }

    /// <summary>The part number, e.g. <c>Si3215</c>.</summary>
    public string Part { get; }

    /// <summary>The bus device, e.g. <c>SPI0.0</c>.</summary>
    public string Device { get; }

    /// <summary>The error for an absent chip: "no Si3215 answering on SPI0.0: read 0xFF from register 0".</summary>
    public static ChipFaultException NotAnswering(string part, string device, byte register, byte value)
        => new($"no {part} answering on {device}: read 0x{value:X2} from register {register}") { };
}
