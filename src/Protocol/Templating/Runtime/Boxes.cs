namespace Rmote.Templating.Runtime;

/// <summary>
/// Shared boxes for booleans and small integers: comparisons, counters and the int properties of a model read in a
/// loop allocate nothing.
/// </summary>
internal static class Boxes
{
    public static readonly object True = true;
    public static readonly object False = false;

    private const int MinCached = -128;
    private const int MaxCached = 1023;
    private static readonly object[] Ints = Enumerable.Range(MinCached, MaxCached - MinCached + 1).Select(i => (object)i).ToArray();

    public static object Box(bool value) => value ? True : False;

    public static object Box(int value) => value is >= MinCached and <= MaxCached ? Ints[value - MinCached] : value;
}
