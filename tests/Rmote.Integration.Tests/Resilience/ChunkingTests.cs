using Rmote.Protocol;
using Rmote.Protocol.Framing;

namespace Rmote.Integration.Tests.Resilience;

/// <summary>
/// The chunking rules of <see cref="FrameSink"/> and <see cref="FrameDecoder"/> (docs/protocol.md, STREAM), checked on
/// the bytes: large payloads are cut into chunks, small frames overtake them, the decoder reassembles, and its memory
/// stays within the limits.
/// </summary>
public sealed class ChunkingTests
{
    private static readonly FrameCodecOptions Codec = new() { ChunkSize = 1024, EnableCompression = false, MaxFrameSize = 64 * 1024 };

    [Fact]
    public async Task A_large_frame_goes_in_chunks_and_small_frames_queued_after_it_overtake_it()
    {
        var big = new Frame(FrameFlags.Response | FrameFlags.Rpc | FrameFlags.Binary, 1, Enumerable.Range(0, 10_000).Select(i => (byte)i).ToArray());
        var small = new Frame(FrameFlags.Response | FrameFlags.Rpc, 2, "42"u8.ToArray());
        var wire = await EncodeAsync(big, small);

        var raw = ReadRaw(wire);
        Assert.Equal(11, raw.Count);   // 9 chunks with STREAM, the small frame, the final chunk
        Assert.All(raw.Take(9).Where(f => f.Id == 1), f => Assert.True(f.Has(FrameFlags.Stream)));
        Assert.True(raw.FindIndex(f => f.Id == 2) < raw.FindLastIndex(f => f.Id == 1), "the small frame waited for the whole large one");
        Assert.False(raw.Last(f => f.Id == 1).Has(FrameFlags.Stream));

        var decoded = await DecodeAllAsync(wire, Codec);
        Assert.Equal([2UL, 1UL], decoded.Select(f => f.Id));
        Assert.Equal(big.Payload.ToArray(), decoded[1].Payload.ToArray());
        Assert.Equal(big.Flags, decoded[1].Flags);
    }

    [Fact]
    public async Task A_small_frame_of_the_same_call_waits_behind_its_large_one()
    {
        // Two items of one stream (same id, same flags): overtaking would reorder the stream, or, arriving between two
        // chunks, be taken by the receiver for the large item's final chunk (a 1 MiB+ line of Exec.StreamAsync did).
        var flags = FrameFlags.Response | FrameFlags.Rpc;
        var large = new Frame(flags, 1, Enumerable.Range(0, 10_000).Select(i => (byte)i).ToArray());
        var small = new Frame(flags, 1, "42"u8.ToArray());
        var other = new Frame(flags, 2, "7"u8.ToArray());
        var wire = await EncodeAsync(large, small, other);

        var decoded = await DecodeAllAsync(wire, Codec);
        Assert.Equal([(2UL, "7"), (1UL, Convert.ToHexString(large.Payload.Span)), (1UL, "42")],
            decoded.Select(f => (f.Id, f.Payload.Length == 10_000 ? Convert.ToHexString(f.Payload.Span) : System.Text.Encoding.ASCII.GetString(f.Payload.Span))));
    }

    [Fact]
    public async Task Reassembly_is_bounded_by_the_maximum_frame_size_and_the_number_of_open_messages()
    {
        var big = new Frame(FrameFlags.Response | FrameFlags.Rpc, 1, new byte[10_000]);
        var wire = await EncodeAsync(big);
        var tooLarge = await Assert.ThrowsAsync<ProtocolException>(() => DecodeAllAsync(wire, Codec with { MaxFrameSize = 8_000 }));
        Assert.Contains("maximum frame size", tooLarge.Message, StringComparison.Ordinal);

        // Chunks of five different messages, none finished, with room for four.
        var chunks = await EncodeAsync(Enumerable.Range(1, 5).Select(id =>
            new Frame(FrameFlags.Response | FrameFlags.Rpc | FrameFlags.Stream, (ulong)id, new byte[10])).ToArray());
        var tooMany = await Assert.ThrowsAsync<ProtocolException>(() => DecodeAllAsync(chunks, Codec with { MaxPartialMessages = 4 }));
        Assert.Contains("chunked messages", tooMany.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_ending_inside_a_chunked_message_is_a_truncation()
    {
        var wire = await EncodeAsync(new Frame(FrameFlags.Response | FrameFlags.Rpc | FrameFlags.Stream, 1, new byte[10]));
        await Assert.ThrowsAsync<ProtocolException>(() => DecodeAllAsync(wire, Codec));
    }

    private static async Task<byte[]> EncodeAsync(params Frame[] frames)
    {
        using var stream = new MemoryStream();
        using var sink = new FrameSink(stream, Codec);
        foreach (var frame in frames) Assert.True(sink.TrySend(frame));
        sink.Complete();
        await sink.RunAsync(CancellationToken.None);
        return stream.ToArray();
    }

    private static async Task<List<Frame>> DecodeAllAsync(byte[] wire, FrameCodecOptions codec)
    {
        var decoder = new FrameDecoder(new MemoryStream(wire), codec);
        var frames = new List<Frame>();
        while (await decoder.ReadFrameAsync() is { } frame) frames.Add(frame);
        return frames;
    }

    // The frames as they are on the wire, without reassembly.
    private static List<Frame> ReadRaw(byte[] wire)
    {
        var frames = new List<Frame>();
        for (var at = 0; at < wire.Length;)
        {
            var (flags, length, id) = FrameHeader.Read(wire.AsSpan(at), int.MaxValue);
            frames.Add(new Frame(flags, id, wire.AsMemory(at + FrameHeader.Size, length)));
            at += FrameHeader.Size + length;
        }
        return frames;
    }
}
