namespace Rmote.TestTools;

[Tool]
public static class Calc
{
    public static int Add(int a, int b) => a + b;

    public static string Echo(string text) => text;

    public static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static byte[]? NullBytes() => null;

    public static int Sleep(int milliseconds)
    {
        Thread.Sleep(milliseconds);
        return milliseconds;
    }

    public static string Where() => System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(typeof(Calc).Assembly)!.Name!;
}

/// <summary>Not a tool: the agent must refuse to call it.</summary>
public static class NotATool
{
    public static int Secret() => 42;
}
