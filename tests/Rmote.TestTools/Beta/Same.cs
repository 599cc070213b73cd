namespace Rmote.TestTools.Beta;

[Tool]
public static class Same
{
    private static int calls;

    public static string Name() => $"beta {++calls}";
}
