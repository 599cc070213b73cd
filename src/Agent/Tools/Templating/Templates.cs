using System.Text;
using Rmote.Tools.Common;

namespace Rmote.Tools;

/// <summary>
/// Renders <see cref="Template"/>s on the target (see docs/templating.md for the syntax). The template travels as its
/// source text and the model as JSON, which renders exactly like the object it was serialized from.
/// </summary>
[Tool]
public static class Templates
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Renders <paramref name="template"/> with <paramref name="model"/>.</summary>
    /// <exception cref="TemplateException">A render error.</exception>
    public static string Render(Template template, object? model = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template.Render(model);
    }

    /// <summary>Renders the template file at <paramref name="path"/> on the target with <paramref name="model"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="TemplateException">A syntax or render error.</exception>
    public static string RenderFile(string path, object? model = null) => Template.RenderTemplate(File.ReadAllText(path, Utf8), model);

    /// <summary>
    /// Renders <paramref name="template"/> into the file <paramref name="path"/>, atomically and only when the content
    /// (or the mode) differs. The rendered text is written as it is — a template's output has no final line break
    /// unless its source ends with an empty line.
    /// </summary>
    /// <param name="template">The template.</param>
    /// <param name="model">The model.</param>
    /// <param name="path">The file to write; its directory must exist; a symlink is followed.</param>
    /// <param name="mode">Permissions; null keeps those of an existing file (a new one gets rw-r--r--).</param>
    /// <returns>Whether the file changed, and the unified diff of its content.</returns>
    /// <exception cref="TemplateException">A render error (the file is not touched).</exception>
    public static FileDiff RenderToFile(Template template, object? model, string path, UnixFileMode? mode = null)
    {
        var rendered = Render(template, model);
        var before = File.Exists(path) ? File.ReadAllText(path, Utf8) : string.Empty;
        var change = FileSystem.WriteText(path, rendered, mode);
        return new FileDiff(path, change.Changed, UnifiedDiff.Create(before, rendered, path));
    }
}
