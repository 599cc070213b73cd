using Rmote.Protocol.Errors;

namespace Rmote.Protocol.Messages;

/// <summary>
/// An exception as it travels in the payload of a response flagged <see cref="Framing.FrameFlags.Exception"/>.
/// Built with <see cref="Capture"/> (which never throws) and turned back into an exception with
/// <see cref="ToException"/>.
/// </summary>
/// <param name="TypeName">Full name of the exception type, e.g. <c>System.IO.FileNotFoundException</c>.</param>
/// <param name="AssemblyName">Simple name of the assembly that defines the type.</param>
/// <param name="Message">The exception message.</param>
/// <param name="StackTrace">The stack trace where it was thrown, if any.</param>
/// <param name="HResult">The exception's HRESULT.</param>
/// <param name="Data">The entries of <see cref="Exception.Data"/>, keys and values as strings.</param>
/// <param name="InnerExceptions">The inner exception, or all inner exceptions of an <see cref="AggregateException"/>.</param>
/// <param name="Properties">
/// The exception's public properties of simple types beyond those of <see cref="Exception"/> (e.g. <c>Line</c>,
/// <c>Column</c> and <c>Text</c> of a <see cref="TemplateException"/>), as invariant-culture text by name; the rebuilt
/// exception gets back those with a public <c>set</c>/<c>init</c> accessor, and <c>FileName</c> of
/// <see cref="FileNotFoundException"/>/<see cref="FileLoadException"/> through their constructors.
/// </param>
public sealed record ExceptionPayload(
    string TypeName,
    string? AssemblyName,
    string Message,
    string? StackTrace,
    int HResult,
    Dictionary<string, string?>? Data,
    ExceptionPayload[]? InnerExceptions,
    Dictionary<string, string?>? Properties)
{
    /// <summary>
    /// Captures <paramref name="exception"/> (type, message, stack trace, Data, inner exceptions, simple public
    /// properties). Never throws: a message or stack trace whose getter throws is replaced by a note saying so, another
    /// property whose getter throws is left out.
    /// </summary>
    public static ExceptionPayload Capture(Exception exception) => ExceptionCapture.Capture(exception);

    /// <summary>
    /// Rebuilds the exception: an instance of the original type when that type is loaded on this side and derives from
    /// <see cref="Exception"/>, otherwise a <see cref="RemoteException"/>. The remote stack trace is attached so that
    /// <see cref="Exception.StackTrace"/> shows it. No type that is not an exception is ever instantiated.
    /// </summary>
    public Exception ToException() => ExceptionRebuilder.Rebuild(this);
}
