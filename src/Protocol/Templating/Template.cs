using System.Text.Json.Serialization;
using Rmote.Templating;
using Rmote.Templating.Nodes;

namespace Rmote;

/// <summary>
/// A text template in rmote's syntax with C#-flavoured expressions, for rendering config files on a target:
/// <c>${expr}</c> interpolates, lines starting with <c>%</c> are control flow (<c>% for x in xs</c>, <c>% if</c>,
/// <c>% elif</c>, <c>% else</c>, <c>% while</c>, <c>% end</c>), <c>##</c> lines are comments. Expressions can read
/// the model and call public instance members of its values, never arbitrary code. See docs/templating.md.
/// </summary>
/// <remarks>
/// The source is parsed and compiled once (and cached by source text); an instance is immutable and can be rendered
/// concurrently. It serializes with System.Text.Json as a JSON string holding <see cref="Source"/>, so it can be an
/// argument of a tool call and be rendered on the agent.
/// </remarks>
[JsonConverter(typeof(TemplateJsonConverter))]
public sealed class Template
{
    private readonly TemplateProgram program;

    /// <summary>Parses and compiles <paramref name="source"/>.</summary>
    /// <exception cref="TemplateException">The source has a syntax error (with its line and column).</exception>
    public Template(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Source = source;
        program = ProgramCache.Get(source);
    }

    /// <summary>The template text this instance was created from.</summary>
    public string Source { get; }

    /// <summary>
    /// Renders the template. <paramref name="model"/> supplies the names expressions use: an anonymous object, a POCO,
    /// an <see cref="IReadOnlyDictionary{TKey, TValue}"/> of string to object, or JSON (a <see cref="System.Text.Json.JsonElement"/>
    /// object, or a dictionary of JsonElement values), which renders like the objects it was made from.
    /// </summary>
    /// <returns>The output lines joined with <c>\n</c>, without a trailing line break.</returns>
    /// <exception cref="TemplateException">An unknown name, a failing member access or call, a type error.</exception>
    public string Render(object? model = null) => program.Render(model);

    /// <summary>Renders <paramref name="source"/> once; the compiled form is cached, so repeated calls don't re-parse.</summary>
    /// <exception cref="TemplateException">A syntax error in the source, or an error while rendering.</exception>
    public static string RenderTemplate(string source, object? model = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return ProgramCache.Get(source).Render(model);
    }

    /// <inheritdoc />
    public override string ToString() => Source;
}
