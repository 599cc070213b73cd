namespace Rmote;

/// <summary>
/// A template could not be parsed (thrown by the <see cref="Template"/> constructor) or rendered (thrown by
/// <see cref="Template.Render"/>). It always says where: <see cref="Line"/>, <see cref="Column"/> and the offending
/// <see cref="Text"/> of the template source — also when it was thrown on the agent (the properties' <c>init</c>
/// accessors let the exception transport restore them).
/// </summary>
public sealed class TemplateException : Exception
{
    /// <summary>Creates an exception without location (used when the exception is rebuilt from its message alone).</summary>
    public TemplateException() : this("Template error.") { }

    /// <summary>Creates an exception without location (used when the exception is rebuilt from its message alone).</summary>
    public TemplateException(string message) : base(message) => Text = "";

    /// <summary>Creates an exception without location that wraps <paramref name="innerException"/>.</summary>
    public TemplateException(string message, Exception? innerException) : base(message, innerException) => Text = "";

    /// <summary>Creates an exception located at a 1-based <paramref name="line"/> and <paramref name="column"/>.</summary>
    /// <param name="reason">What went wrong, without the location (the message gets the location appended).</param>
    /// <param name="line">1-based line in the template source.</param>
    /// <param name="column">1-based column in that line.</param>
    /// <param name="text">The offending text of the template source.</param>
    /// <param name="innerException">The failure behind it, e.g. the exception thrown by a member of the model.</param>
    public TemplateException(string reason, int line, int column, string text, Exception? innerException = null)
        : base($"{reason} (line {line}, column {column}: '{text}')", innerException)
    {
        Line = line;
        Column = column;
        Text = text;
    }

    /// <summary>1-based line of the template source where the error is; 0 when unknown.</summary>
    public int Line { get; init; }

    /// <summary>1-based column in <see cref="Line"/> where the error is; 0 when unknown.</summary>
    public int Column { get; init; }

    /// <summary>The offending text of the template source (a name, an expression, a statement).</summary>
    public string Text { get; init; }
}
