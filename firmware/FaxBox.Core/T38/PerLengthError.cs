namespace FaxBox.Core.T38;

/// <summary>Why an aligned PER length determinant (ITU-T X.691 §11.9.3.6–8) could not be read.</summary>
public enum PerLengthError
{
    /// <summary>No error.</summary>
    None,

    /// <summary>The octets end inside the determinant or inside the open type it delimits.</summary>
    Truncated,

    /// <summary>The determinant uses the fragmented form (16384 octets or more, X.691 §11.9.3.8), which T.38 never needs.</summary>
    Fragmented,
}
