using System.CommandLine;
using FaxBox.LineInterface.Hardware.Boards;

namespace FaxBox.Host.Cli;

/// <summary>Reads the board file a verb names (or the embedded simulator board) and reports every error in it.</summary>
internal static class BoardFile
{
    /// <summary>
    /// Loads and validates <paramref name="file"/>, or the embedded simulator board when it is null. On errors, writes
    /// each one (<c>file: key: reason</c>) to standard error and returns null; the caller exits with code 1.
    /// </summary>
    public static BoardProfile? Load(ParseResult parse, FileInfo? file)
    {
        if (file is null)
        {
            return BoardProfileLoader.LoadEmbeddedSimulator();
        }

        var loaded = BoardProfileLoader.Load(file.FullName);
        if (loaded.Profile is { } profile)
        {
            return profile;
        }

        if (loaded.Errors.Count == 0)
        {
            GlobalOptions.Fail(parse, $"{file.FullName}: not a board file");
        }

        foreach (var error in loaded.Errors)
        {
            GlobalOptions.Fail(parse, error.ToString());
        }

        return null;
    }
}
