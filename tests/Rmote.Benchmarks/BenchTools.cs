namespace Rmote.Benchmarks;

/// <summary>The tools the benchmark suites call: as small as possible, so the figures measure the transport.</summary>
[Tool]
public static class BenchTools
{
    /// <summary>Returns its argument.</summary>
    public static int Echo(int value) => value;

    private static byte[] lastBytes = [];

    /// <summary>
    /// A deterministic random payload of <paramref name="length"/> bytes, made once and kept, so that repeated calls
    /// measure the transfer rather than the random generator.
    /// </summary>
    public static byte[] Bytes(int length)
    {
        if (lastBytes.Length != length)
        {
            var bytes = new byte[length];
            new Random(length).NextBytes(bytes);
            lastBytes = bytes;
        }
        return lastBytes;
    }
}
