using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Rmote;

/// <summary>
/// Free-form YAML values (vars) as JSON nodes, typed by the YAML 1.2 core schema: a plain <c>true</c>/<c>false</c> is a
/// boolean, a plain number a number, a plain <c>~</c>/<c>null</c>/empty is null; anything quoted stays a string.
/// </summary>
internal static class YamlJson
{
    public static JsonNode? ToJson(YamlNode node, InventoryReader reader) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(e =>
            KeyValuePair.Create(reader.Key(e.Key, "a variable name").Value!, ToJson(e.Value, reader)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(i => ToJson(i, reader)).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw reader.Error(node, "aliases are not supported in vars."),
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any)) return JsonValue.Create(text);
        if (InventoryReader.IsNull(scalar)) return null;
        if (text is "true" or "True" or "TRUE") return JsonValue.Create(true);
        if (text is "false" or "False" or "FALSE") return JsonValue.Create(false);
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)) return JsonValue.Create(integer);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real)) return JsonValue.Create(real);
        return JsonValue.Create(text);
    }
}
