using Microsoft.Extensions.Logging;
using Rmote.Protocol.Framing;
using Rmote.Protocol.Messages;
using Rmote.Protocol.Tools;

namespace Rmote.Protocol.Tests.Fuzz;

/// <summary>
/// Valid frame streams of every kind both sides send — calls, results (JSON and binary), failures, logs, sync and
/// dependency messages, ping/pong, cancel, compressed payloads and chunked messages — encoded by the real
/// <see cref="FrameSink"/>, as seeds for mutation.
/// </summary>
internal static class FuzzCorpus
{
    /// <summary>Small limits so that every limit is reachable by a mutation and nothing large is ever allocated.</summary>
    public static readonly FrameCodecOptions Codec = new()
    {
        MaxFrameSize = 64 * 1024,
        CompressionThreshold = 64,
        ChunkSize = 512,
        MaxPartialMessages = 4,
    };

    public static readonly ToolMethod[] Methods =
    [
        ToolMethod.For(typeof(FuzzTool).GetMethod(nameof(FuzzTool.Add))!),
        ToolMethod.For(typeof(FuzzTool).GetMethod(nameof(FuzzTool.Describe))!),
        ToolMethod.For(typeof(FuzzTool).GetMethod(nameof(FuzzTool.Reverse))!),
        ToolMethod.For(typeof(FuzzTool).GetMethod(nameof(FuzzTool.Count))!),
        ToolMethod.For(typeof(FuzzTool).GetMethod(nameof(FuzzTool.WaitAsync))!),
    ];

    public static byte[][] Build(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => Encode(Enumerable.Range(0, random.Next(1, 8)).Select(i => NextFrame(random, (ulong)i + 1)).ToList())).ToArray();

    private static Frame NextFrame(Random random, ulong id)
    {
        var text = new string('x', random.Next(0, 3) == 0 ? random.Next(100, 3000) : random.Next(0, 20)) + "é\u2028";
        var bytes = new byte[random.Next(0, 2) == 0 ? random.Next(0, 64) : random.Next(600, 2000)];
        random.NextBytes(bytes);
        return random.Next(0, 13) switch
        {
            0 => Methods[0].CreateRequest(id, [random.Next(), random.Next()]),
            1 => Methods[1].CreateRequest(id, [new FuzzShape(text, [1, 2, 3], new() { ["a"] = 1.5 }, DateTimeOffset.UnixEpoch, null)]),
            2 => Methods[2].CreateRequest(id, [bytes]),
            3 => Methods[1].CreateResult(id, text),
            4 => Methods[2].CreateResult(id, bytes),
            5 => Methods[3].CreateResult(id, new Dictionary<string, List<int>> { [text] = [1, 2] }),
            6 => ProtocolMessages.Failure(FrameFlags.Rpc, id, new FileNotFoundException(text, "/x")),
            7 => ProtocolMessages.Log(new LogRecord(LogLevel.Warning, "Fuzz", 7, "e", text, null)),
            8 => ProtocolMessages.SyncReply(id, text),
            9 => ProtocolMessages.DependencyRequest(id, "Lib, Version=1.0.0.0"),
            10 => ProtocolMessages.Ping(id),
            11 => ProtocolMessages.Cancel(id),
            _ => Methods[4].CreateRequest(id, [text]),
        };
    }

    private static byte[] Encode(List<Frame> frames)
    {
        using var stream = new MemoryStream();
        using var sink = new FrameSink(stream, Codec);
        foreach (var frame in frames)
        {
            if (!sink.TrySend(frame)) throw new InvalidOperationException("the sink's queue is full");
        }
        sink.Complete();
        sink.RunAsync(CancellationToken.None).GetAwaiter().GetResult();
        return stream.ToArray();
    }
}

[Tool]
public static class FuzzTool
{
    public static int Add(int a, int b) => a + b;

    public static string Describe(FuzzShape shape) => shape.Name;

    public static byte[] Reverse(byte[] data) => data;

    public static Dictionary<string, List<int>> Count(List<string> names) => [];

    public static Task<string> WaitAsync(string name, CancellationToken cancellationToken, int times = 3) => Task.FromResult(name);
}

public sealed record FuzzShape(string Name, int[] Sides, Dictionary<string, double> Metrics, DateTimeOffset Created, FuzzShape? Child);
