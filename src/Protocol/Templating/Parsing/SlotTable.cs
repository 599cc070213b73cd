namespace Rmote.Templating.Parsing;

/// <summary>
/// Numbers the names a template uses, so a render reads variables from an array instead of looking names up. A name
/// that the template never assigns is filled from the model on first read.
/// </summary>
internal sealed class SlotTable
{
    private readonly Dictionary<string, int> slots = new(StringComparer.Ordinal);
    private readonly List<string> names = [];

    public int this[string name]
    {
        get
        {
            if (slots.TryGetValue(name, out var slot)) return slot;
            slots[name] = names.Count;
            names.Add(name);
            return names.Count - 1;
        }
    }

    public string[] ToArray() => [.. names];
}
