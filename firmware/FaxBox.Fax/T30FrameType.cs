namespace FaxBox.Fax;

/// <summary>
/// T.30 facsimile control field values (ITU-T T.30 §5.3.6, Table 1), as the octet appears in memory with the first
/// transmitted bit as the least significant bit. For commands and responses that carry the X bit it is cleared here.
/// </summary>
public enum T30FrameType : byte
{
    /// <summary>Digital identification signal.</summary>
    Dis = 0x80,

    /// <summary>Called subscriber identification.</summary>
    Csi = 0x40,

    /// <summary>Non-standard facilities.</summary>
    Nsf = 0x20,

    /// <summary>Digital transmit command.</summary>
    Dtc = 0x81,

    /// <summary>Calling subscriber identification.</summary>
    Cig = 0x41,

    /// <summary>Non-standard facilities command.</summary>
    Nsc = 0x21,

    /// <summary>Password (polling).</summary>
    Pwd = 0xC1,

    /// <summary>Selective polling.</summary>
    Sep = 0xA1,

    /// <summary>Digital command signal.</summary>
    Dcs = 0x82,

    /// <summary>Transmitting subscriber identification.</summary>
    Tsi = 0x42,

    /// <summary>Non-standard facilities set-up.</summary>
    Nss = 0x22,

    /// <summary>Sub-address.</summary>
    Sub = 0xC2,

    /// <summary>Sender identification (password for transmission).</summary>
    Sid = 0xA2,

    /// <summary>Continue to correct.</summary>
    Ctc = 0x12,

    /// <summary>Confirmation to receive.</summary>
    Cfr = 0x84,

    /// <summary>Failure to train.</summary>
    Ftt = 0x44,

    /// <summary>Response for continue to correct.</summary>
    Ctr = 0xC4,

    /// <summary>End of message.</summary>
    Eom = 0x8E,

    /// <summary>Multipage signal.</summary>
    Mps = 0x4E,

    /// <summary>End of procedure.</summary>
    Eop = 0x2E,

    /// <summary>Partial page signal (ECM).</summary>
    Pps = 0xBE,

    /// <summary>End of retransmission (ECM).</summary>
    Eor = 0xCE,

    /// <summary>Receiver ready (ECM).</summary>
    Rr = 0x6E,

    /// <summary>Message confirmation.</summary>
    Mcf = 0x8C,

    /// <summary>Retrain positive.</summary>
    Rtp = 0xCC,

    /// <summary>Retrain negative.</summary>
    Rtn = 0x4C,

    /// <summary>Procedure interrupt positive.</summary>
    Pip = 0xAC,

    /// <summary>Procedure interrupt negative.</summary>
    Pin = 0x2C,

    /// <summary>Partial page request (ECM).</summary>
    Ppr = 0xBC,

    /// <summary>Receive not ready (ECM).</summary>
    Rnr = 0xEC,

    /// <summary>Response for end of retransmission (ECM).</summary>
    Err = 0x1C,

    /// <summary>Disconnect.</summary>
    Dcn = 0xFA,

    /// <summary>Command repeat.</summary>
    Crp = 0x1A,

    /// <summary>Field not valid.</summary>
    Fnv = 0xCA,

    /// <summary>Transmitter not ready.</summary>
    Tnr = 0xEA,

    /// <summary>Transmitter ready.</summary>
    Tr = 0x6A,

    /// <summary>Procedure interrupt disconnect.</summary>
    Pid = 0x6C,
}
