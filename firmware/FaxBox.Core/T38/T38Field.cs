namespace FaxBox.Core.T38;

/// <summary>One element of an IFP <c>Data-Field</c>, for <see cref="T38IfpWriter"/>.</summary>
/// <param name="Type">The field type.</param>
/// <param name="Data">The field data (empty when the optional <c>field-data</c> is absent).</param>
public readonly record struct T38Field(T38FieldType Type, ReadOnlyMemory<byte> Data);
