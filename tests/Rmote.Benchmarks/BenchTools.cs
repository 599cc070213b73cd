namespace Rmote.Benchmarks;

/// <summary>The tools the benchmark suites call: as small as possible, so the figures measure the transport.</summary>
[Tool]
public static class BenchTools
{
    /// <summary>Returns its argument.</summary>
    public static int Echo(int value) => value;

    /// <summary>A deterministic random payload of <paramref name="length"/> bytes.</summary>
    public static byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }
}
