using System.Text.Json;
using Rmote.Templating.Members;
using Rmote.Templating.Parsing;

namespace Rmote.Templating.Runtime;

/// <summary>
/// The names a model provides: the keys of a dictionary, or the public properties and fields of an object (an
/// anonymous object, a POCO). A model that arrived as JSON is turned into CLR values once per render.
/// </summary>
internal sealed class ModelSource
{
    private static readonly ModelSource Empty = new(null);

    private readonly object? model;

    private ModelSource(object? model) => this.model = model;

    public static ModelSource Create(object? model) => model switch
    {
        null => Empty,
        JsonElement { ValueKind: JsonValueKind.Null } => Empty,
        JsonElement { ValueKind: JsonValueKind.Object } element => new(JsonValues.ToClr(element)),
        JsonElement element => throw new TemplateException($"A JSON model must be an object, not {element.ValueKind}"),
        IReadOnlyDictionary<string, object?> dictionary => new(JsonValues.Normalize(dictionary)),
        IDictionary<string, object?> dictionary => new(JsonValues.Normalize(new Dictionary<string, object?>(dictionary))),
        _ => new(model),
    };

    /// <summary>The value of <paramref name="name"/>; false when the model has no such name.</summary>
    public bool TryGet(string name, SourceSpan span, out object? value)
    {
        value = null;
        switch (model)
        {
            case null:
                return false;
            case IReadOnlyDictionary<string, object?> dictionary:
                if (!dictionary.TryGetValue(name, out value)) return false;
                value = SandboxPolicy.Admit(value, span);
                return true;
            default:
                return MemberResolver.Resolve(model.GetType(), name) is { } reader && reader.TryRead(model, span, out value);
        }
    }
}
