namespace FaxBox.Core.T38;

/// <summary><c>t30-indicator</c> values of an IFP (ITU-T T.38 Annex A <c>Type-of-msg</c>); 16 and up are the extension values (T.38 version 1+).</summary>
public enum T38Indicator
{
    NoSignal = 0,
    Cng = 1,
    Ced = 2,
    V21Preamble = 3,
    V27Ter2400Training = 4,
    V27Ter4800Training = 5,
    V29_7200Training = 6,
    V29_9600Training = 7,
    V17_7200ShortTraining = 8,
    V17_7200LongTraining = 9,
    V17_9600ShortTraining = 10,
    V17_9600LongTraining = 11,
    V17_12000ShortTraining = 12,
    V17_12000LongTraining = 13,
    V17_14400ShortTraining = 14,
    V17_14400LongTraining = 15,
    V8Ansam = 16,
    V8Signal = 17,
    V34CntlChannel1200 = 18,
    V34PriChannel = 19,
    V34CcRetrain = 20,
    V33_12000Training = 21,
    V33_14400Training = 22,
}
