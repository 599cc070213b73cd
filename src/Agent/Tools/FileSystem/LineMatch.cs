namespace Rmote.Tools;

/// <summary>Which lines matching the pattern <see cref="FileSystem.LineInFile"/> replaces.</summary>
public enum LineMatch
{
    /// <summary>Only the first matching line.</summary>
    First,

    /// <summary>Every matching line.</summary>
    All,
}
