using System.Buffers.Binary;
using System.Diagnostics;
using Rmote.Protocol.Framing;
using Rmote.Protocol.Messages;
using Rmote.Protocol.Tools;
using Xunit.Abstractions;

namespace Rmote.Protocol.Tests.Fuzz;

/// <summary>
/// 100 000 mutated frame streams (fixed seed) go through <see cref="FrameDecoder"/> and then through what each side
/// does with a decoded frame — the host's (results, failures, logs, sync replies, dependency requests) and the agent's
/// (method key, arguments). Only clean results or <see cref="ProtocolException"/> may come out: no other exception, no
/// hang, nothing allocated beyond the (small) limits.
/// </summary>
public sealed class FrameStreamFuzzTests(ITestOutputHelper output)
{
    private const int Streams = 100_000;
    private const int Seed = 20_250_501;

    [Fact]
    public void Mutated_frame_streams_end_in_clean_results_or_ProtocolException()
    {
        var corpus = FuzzCorpus.Build(new Random(Seed), 500);
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        int clean = 0, rejected = 0, frames = 0;
        var clock = Stopwatch.StartNew();
        // Each stream has its own seed, so the run is the same however the streams are spread over the cores.
        Parallel.For(0, Streams, (i, loop) =>
        {
            var random = new Random(Seed + i);
            var stream = Mutate(corpus[random.Next(corpus.Length)], random);
            try
            {
                Interlocked.Add(ref frames, DecodeAll(stream));
                Interlocked.Increment(ref clean);
            }
            catch (ProtocolException)
            {
                Interlocked.Increment(ref rejected);
            }
            catch (Exception other)
            {
                failures.Enqueue($"stream {i} ({Convert.ToHexString(stream.AsSpan(0, Math.Min(stream.Length, 64)))}…): {other}");
                if (failures.Count >= 10) loop.Stop();
            }
        });

        output.WriteLine($"{Streams} streams in {clock.ElapsedMilliseconds} ms: {clean} decoded cleanly ({frames} frames), {rejected} ProtocolException");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine + Environment.NewLine, failures));
        Assert.True(rejected > Streams / 10 && clean > Streams / 20, $"the mutations are too weak or too strong: {clean} clean, {rejected} rejected");
    }

    [Fact]
    public void The_unmutated_corpus_decodes_cleanly()
    {
        var corpus = FuzzCorpus.Build(new Random(Seed), 500);
        Assert.All(corpus, stream => Assert.True(DecodeAll(stream) > 0));
    }

    /// <summary>Decodes every frame and applies both sides' message decoding; returns the number of frames.</summary>
    private static int DecodeAll(byte[] bytes)
    {
        var decoder = new FrameDecoder(new MemoryStream(bytes), FuzzCorpus.Codec);
        var count = 0;
        while (decoder.ReadFrameAsync().AsTask().GetAwaiter().GetResult() is { } frame)
        {
            count++;
            foreach (var reading in Readings(frame))
            {
                try
                {
                    reading();
                }
                catch (ProtocolException)
                {
                    // A message that does not decode is rejected on its own; the stream goes on.
                }
            }
        }
        return count;
    }

    /// <summary>What the host and the agent would do with <paramref name="frame"/>, each step on its own.</summary>
    private static IEnumerable<Action> Readings(Frame frame)
    {
        if (frame.IsResponse && frame.IsException)
        {
            yield return () => _ = ProtocolMessages.ReadException(frame).ToException();
        }
        else if (frame.IsResponse)
        {
            yield return () => _ = ProtocolMessages.ReadAssemblyName(frame);
            // The host decodes a result as the method of the call waiting on that id: any of them may be asked to.
            yield return () => _ = FuzzCorpus.Methods[(int)(frame.Id % (ulong)FuzzCorpus.Methods.Length)].DecodeResult(frame);
        }
        else if (frame.Has(FrameFlags.Log))
        {
            yield return () => _ = ProtocolMessages.ReadLog(frame);
        }
        else if (frame.IsRequest)
        {
            yield return () => _ = ProtocolMessages.ReadAssemblyName(frame);
            // The agent resolves the key, then decodes the arguments as that method's (a damaged key may still match).
            yield return () =>
            {
                var key = ToolMethodKey.Parse(ToolMethod.ReadKey(frame.Payload.Span));
                FuzzCorpus.Methods.FirstOrDefault(m => m.Key.Equals(key))?.DecodeArguments(frame.Payload.Span, CancellationToken.None);
            };
        }
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = new List<byte>(seed);
        for (var n = random.Next(1, 4); n > 0 && bytes.Count > 0; n--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(8))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 3:
                    bytes.InsertRange(at, Enumerable.Range(0, random.Next(1, 32)).Select(_ => (byte)random.Next(256)));
                    break;
                case 4:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 64), bytes.Count - at));
                    break;
                case 5:
                    var length = Math.Min(random.Next(1, 200), bytes.Count - at);
                    bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length));
                    break;
                default:
                    OverwriteHeaderField(bytes, random);
                    break;
            }
        }
        return bytes.ToArray();
    }

    // Headers start at offset 0 and after each payload: find one by its magic and set its flags, length or id.
    private static void OverwriteHeaderField(List<byte> bytes, Random random)
    {
        var array = bytes.ToArray();
        var starts = Enumerable.Range(0, Math.Max(0, array.Length - FrameHeader.Size + 1))
            .Where(i => array.AsSpan(i, 5).SequenceEqual(FrameHeader.Magic)).ToList();
        if (starts.Count == 0) return;
        var header = starts[random.Next(starts.Count)];
        Span<byte> field = stackalloc byte[8];
        switch (random.Next(4))
        {
            case 0:
                BinaryPrimitives.WriteUInt32BigEndian(field, (uint)(1 << random.Next(32)) | (uint)FrameFlags.Rpc);
                Copy(bytes, header + 5, field[..4]);
                break;
            case 1:
                BinaryPrimitives.WriteUInt32BigEndian(field, random.Next(2) == 0 ? uint.MaxValue : (uint)random.Next(0, 100_000));
                Copy(bytes, header + 9, field[..4]);
                break;
            case 2:
                BinaryPrimitives.WriteUInt32BigEndian(field, (uint)(FrameFlags.Response | FrameFlags.Rpc | (FrameFlags)random.Next(0, 1 << 16)));
                Copy(bytes, header + 5, field[..4]);
                break;
            default:
                BinaryPrimitives.WriteUInt64BigEndian(field, (ulong)random.NextInt64());
                Copy(bytes, header + 13, field);
                break;
        }
    }

    private static void Copy(List<byte> bytes, int at, ReadOnlySpan<byte> value)
    {
        for (var i = 0; i < value.Length && at + i < bytes.Count; i++) bytes[at + i] = value[i];
    }
}
