namespace FaxBox.Fax.Managed.T4;

/// <summary>The two-dimensional coding modes of ITU-T T.4 §4.2.1.3.2 (Table 4/T.4), also used by T.6.</summary>
internal enum T4Mode
{
    /// <summary>Pass mode: b2 lies left of a1; a0 moves under b2.</summary>
    Pass = 1,

    /// <summary>Horizontal mode: a0a1 and a1a2 coded as runs (Tables 1–3/T.4).</summary>
    Horizontal = 2,

    /// <summary>Vertical mode, a1 under b1.</summary>
    V0 = 3,

    /// <summary>Vertical mode, a1 one right of b1.</summary>
    VR1 = 4,

    /// <summary>Vertical mode, a1 two right of b1.</summary>
    VR2 = 5,

    /// <summary>Vertical mode, a1 three right of b1.</summary>
    VR3 = 6,

    /// <summary>Vertical mode, a1 one left of b1.</summary>
    VL1 = 7,

    /// <summary>Vertical mode, a1 two left of b1.</summary>
    VL2 = 8,

    /// <summary>Vertical mode, a1 three left of b1.</summary>
    VL3 = 9,
}
