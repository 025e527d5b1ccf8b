namespace FaxBox.Fax.Managed.T4;

/// <summary>Receives the rows a <see cref="T4Decoder"/> decodes, as changing elements (see <see cref="T4Row"/>).</summary>
internal interface IT4RowSink
{
    /// <summary>
    /// One decoded row. <paramref name="changes"/> are the positions of the row's changing elements in increasing order
    /// (the first is white→black); the span is valid only during the call. <paramref name="bad"/> is true for a row that
    /// did not decode and was replaced by the row before it.
    /// </summary>
    void OnRow(ReadOnlySpan<int> changes, bool bad);
}
