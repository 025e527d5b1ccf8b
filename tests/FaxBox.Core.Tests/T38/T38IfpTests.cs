using FaxBox.Core.T38;

namespace FaxBox.Core.Tests.T38;

public sealed class T38IfpTests
{
    [Theory]
    [InlineData(T38Indicator.NoSignal, new byte[] { 0x00 })]
    [InlineData(T38Indicator.Cng, new byte[] { 0x02 })]
    [InlineData(T38Indicator.Ced, new byte[] { 0x04 })]
    [InlineData(T38Indicator.V21Preamble, new byte[] { 0x06 })]
    [InlineData(T38Indicator.V17_14400LongTraining, new byte[] { 0x1E })]
    [InlineData(T38Indicator.V8Ansam, new byte[] { 0x20, 0x00 })]
    [InlineData(T38Indicator.V33_14400Training, new byte[] { 0x21, 0x80 })]
    public void Indicators_encode_as_T38_Annex_A_PER(T38Indicator indicator, byte[] expected)
    {
        var buffer = new byte[4];
        int n = T38IfpWriter.WriteIndicator(buffer, indicator);
        Assert.Equal(expected, buffer[..n]);
        Assert.True(T38IfpReader.TryCreate(expected, T38Asn1Variant.PreCorrigendum, out T38IfpReader reader, out _));
        Assert.False(reader.IsData);
        Assert.Equal(indicator, reader.Indicator);
        Assert.True(T38IfpReader.IsControl(expected));
    }

    [Fact]
    public void V21_hdlc_data_matches_the_capture_bytes()
    {
        // Frame 315 of asterisk-t38-ecm-1page: data v21, one field hdlc-data with 0xFF.
        var buffer = new byte[16];
        int n = T38IfpWriter.WriteData(buffer, T38DataType.V21, [new T38Field(T38FieldType.HdlcData, new byte[] { 0xFF })]);
        Assert.Equal(new byte[] { 0xC0, 0x01, 0x80, 0x00, 0x00, 0xFF }, buffer[..n]);
        Assert.True(T38IfpReader.IsControl(buffer.AsSpan(0, n)));
    }

    [Theory]
    [InlineData(T38Asn1Variant.PreCorrigendum)]
    [InlineData(T38Asn1Variant.PostCorrigendum)]
    public void Data_with_several_fields_round_trips(T38Asn1Variant variant)
    {
        var buffer = new byte[64];
        T38Field[] fields = [new(T38FieldType.T4NonEcmData, new byte[] { 1, 2, 3 }), new(T38FieldType.T4NonEcmSigEnd, ReadOnlyMemory<byte>.Empty)];
        int n = T38IfpWriter.WriteData(buffer, T38DataType.V17_14400, fields, variant);
        Assert.False(T38IfpReader.IsControl(buffer.AsSpan(0, n)));
        Assert.True(T38IfpReader.TryCreate(buffer.AsSpan(0, n), variant, out T38IfpReader reader, out _));
        Assert.Equal(T38DataType.V17_14400, reader.DataType);
        Assert.Equal(2, reader.FieldCount);
        Assert.True(reader.TryReadField(out T38FieldType t1, out ReadOnlySpan<byte> d1, out _));
        Assert.Equal(T38FieldType.T4NonEcmData, t1);
        Assert.Equal(new byte[] { 1, 2, 3 }, d1.ToArray());
        Assert.True(reader.TryReadField(out T38FieldType t2, out ReadOnlySpan<byte> d2, out _));
        Assert.Equal(T38FieldType.T4NonEcmSigEnd, t2);
        Assert.True(d2.IsEmpty);
        Assert.False(reader.TryReadField(out _, out _, out string? error));
        Assert.Null(error);
    }

    [Fact]
    public void Post_corrigendum_extension_field_types_round_trip_and_pre_corrigendum_refuses_them()
    {
        var buffer = new byte[32];
        T38Field[] fields = [new(T38FieldType.CiMessage, new byte[] { 9 })];
        int n = T38IfpWriter.WriteData(buffer, T38DataType.V8, fields, T38Asn1Variant.PostCorrigendum);
        Assert.True(T38IfpReader.TryCreate(buffer.AsSpan(0, n), T38Asn1Variant.PostCorrigendum, out T38IfpReader reader, out _));
        Assert.Equal(T38DataType.V8, reader.DataType);
        Assert.True(reader.TryReadField(out T38FieldType type, out _, out _));
        Assert.Equal(T38FieldType.CiMessage, type);
        Assert.Throws<ArgumentException>(() => T38IfpWriter.WriteData(buffer, T38DataType.V8, fields, T38Asn1Variant.PreCorrigendum));
    }

    [Fact]
    public void Truncated_field_data_is_reported_with_its_offset()
    {
        byte[] ifp = [0xC0, 0x01, 0x80, 0x00, 0x04, 0xFF];
        Assert.True(T38IfpReader.TryCreate(ifp, T38Asn1Variant.PreCorrigendum, out T38IfpReader reader, out _));
        Assert.False(reader.TryReadField(out _, out _, out string? error));
        Assert.Contains("octet 5", error, StringComparison.Ordinal);
        Assert.Equal(-1, T38IfpReader.MeasureLength(ifp, T38Asn1Variant.PreCorrigendum));
    }
}
