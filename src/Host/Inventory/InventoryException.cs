namespace Rmote;

/// <summary>
/// An inventory is invalid: malformed YAML, an unknown key, a value of the wrong type, a group naming a host or group
/// that does not exist, a cycle of groups. The message starts with <c>file:line:column:</c> and says what to fix.
/// </summary>
public sealed class InventoryException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="file">The inventory file (or the source name given to <see cref="FleetInventory.Parse"/>).</param>
    /// <param name="line">1-based line of the offending node.</param>
    /// <param name="column">1-based column of the offending node.</param>
    /// <param name="problem">What is wrong and what to do about it.</param>
    /// <param name="innerException">The parser's exception, for malformed YAML.</param>
    public InventoryException(string file, int line, int column, string problem, Exception? innerException = null)
        : base($"{file}:{line}:{column}: {problem}", innerException)
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The inventory file.</summary>
    public string File { get; }

    /// <summary>1-based line.</summary>
    public int Line { get; }

    /// <summary>1-based column.</summary>
    public int Column { get; }

    /// <summary>The problem, without the position.</summary>
    public string Problem { get; }
}
