namespace FaxBox.LineInterface.Hardware.Si3215;

/// <summary>Register 1 PCMF[1:0] (bits 4:3): the PCM sample format.</summary>
public enum Si3215PcmFormat : byte
{
    /// <summary>00: A-law.</summary>
    ALaw = 0,

    /// <summary>01: µ-law (the reset value).</summary>
    MuLaw = 1,

    /// <summary>11: 16-bit linear, two's complement, MSB first: what the ALSA link carries.</summary>
    Linear16 = 3,
}
