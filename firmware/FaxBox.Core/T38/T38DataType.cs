namespace FaxBox.Core.T38;

/// <summary><c>data</c> values of an IFP (ITU-T T.38 Annex A <c>Type-of-msg</c>): the modulation carrying the data; 9 and up are extensions.</summary>
public enum T38DataType
{
    V21 = 0,
    V27Ter2400 = 1,
    V27Ter4800 = 2,
    V29_7200 = 3,
    V29_9600 = 4,
    V17_7200 = 5,
    V17_9600 = 6,
    V17_12000 = 7,
    V17_14400 = 8,
    V8 = 9,
    V34PriRate = 10,
    V34Cc1200 = 11,
    V34PriCh = 12,
    V33_12000 = 13,
    V33_14400 = 14,
}
