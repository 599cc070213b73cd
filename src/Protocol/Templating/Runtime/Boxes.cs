namespace Rmote.Templating.Runtime;

/// <summary>Shared boxes for booleans: comparisons in a loop allocate nothing.</summary>
internal static class Boxes
{
    public static readonly object True = true;
    public static readonly object False = false;

    public static object Box(bool value) => value ? True : False;
}
