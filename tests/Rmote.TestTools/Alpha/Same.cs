namespace Rmote.TestTools.Alpha;

[Tool]
public static class Same
{
    private static int calls;

    public static string Name() => $"alpha {++calls}";
}
