using Rmote.Protocol.Framing;

namespace Rmote.Protocol.Tests;

public sealed class FrameCodecTests
{
    [Fact]
    public void The_header_is_21_big_endian_bytes()
    {
        var bytes = Encode(new Frame(FrameFlags.Request | FrameFlags.Rpc, 0x0102030405060708, new byte[] { 0xAA }));
        Assert.Equal(
            [.. "RMOTE"u8.ToArray(), 0, 0, 0, 0x12, 0, 0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8, 0xAA],
            bytes);
    }

    [Fact]
    public async Task A_batch_of_frames_is_written_at_once_and_read_back_in_order()
    {
        using var encoder = new FrameEncoder();
        var frames = Enumerable.Range(0, 1000)
            .Select(i => new Frame(FrameFlags.Request | FrameFlags.Rpc, (ulong)i, BitConverter.GetBytes(i)))
            .Append(new Frame(FrameFlags.Log, 0, ReadOnlyMemory<byte>.Empty))
            .Append(new Frame(FrameFlags.Response | FrameFlags.Rpc, ulong.MaxValue, new byte[200_000]))
            .ToList();
        foreach (var frame in frames)
        {
            encoder.Append(frame);
        }

        var stream = new CountingStream();
        await encoder.FlushAsync(stream);
        Assert.Equal(1, stream.Flushes);
        Assert.Equal(0, encoder.FrameCount);

        stream.Position = 0;
        var decoder = new FrameDecoder(stream);
        foreach (var expected in frames)
        {
            var actual = await decoder.ReadFrameAsync();
            Assert.NotNull(actual);
            Assert.Equal((expected.Flags, expected.Id), (actual.Value.Flags & ~FrameFlags.Compressed, actual.Value.Id));
            Assert.Equal(expected.Payload.ToArray(), actual.Value.Payload.ToArray());
        }

        Assert.Null(await decoder.ReadFrameAsync());
    }

    [Fact]
    public async Task Frames_arriving_one_byte_at_a_time_are_reassembled()
    {
        var bytes = Encode(new Frame(FrameFlags.Log, 0, "hello"u8.ToArray()), new Frame(FrameFlags.Cancel, 9, ReadOnlyMemory<byte>.Empty));
        var decoder = new FrameDecoder(new TrickleStream(bytes));
        Assert.Equal("hello"u8.ToArray(), (await decoder.ReadFrameAsync())!.Value.Payload.ToArray());
        Assert.Equal(9UL, (await decoder.ReadFrameAsync())!.Value.Id);
        Assert.Null(await decoder.ReadFrameAsync());
    }

    [Fact]
    public async Task Bad_magic_is_a_protocol_error()
    {
        var bytes = Encode(new Frame(FrameFlags.Log, 0, new byte[3]));
        bytes[0] = (byte)'X';
        var failure = await Assert.ThrowsAsync<ProtocolException>(() => Read(bytes));
        Assert.Contains("magic", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_length_above_the_maximum_is_refused_before_anything_is_allocated()
    {
        var header = new byte[FrameHeader.Size];
        FrameHeader.Write(header, FrameFlags.Log, int.MaxValue, 0);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var failure = await Assert.ThrowsAsync<ProtocolException>(() => Read(header, new FrameCodecOptions { MaxFrameSize = 1024 }));
        Assert.Contains("maximum frame size", failure.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1024 * 1024);
    }

    [Fact]
    public async Task The_default_maximum_is_256_MiB()
    {
        var header = new byte[FrameHeader.Size];
        FrameHeader.Write(header, FrameFlags.Log, FrameCodecOptions.DefaultMaxFrameSize + 1, 0);
        await Assert.ThrowsAsync<ProtocolException>(() => Read(header));
        Assert.Equal(256 * 1024 * 1024, FrameCodecOptions.Default.MaxFrameSize);
    }

    [Fact]
    public void The_encoder_refuses_a_payload_above_the_maximum()
    {
        using var encoder = new FrameEncoder(new FrameCodecOptions { MaxFrameSize = 10 });
        Assert.Throws<ProtocolException>(() => encoder.Append(new Frame(FrameFlags.Log, 0, new byte[11])));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(FrameHeader.Size + 2)]
    [InlineData(FrameHeader.Size + 99_999)]
    public async Task A_truncated_frame_is_a_protocol_error(int keep)
    {
        var bytes = Encode(new Frame(FrameFlags.Log, 0, RandomBytes(100_000)));
        var failure = await Assert.ThrowsAsync<ProtocolException>(() => Read(bytes[..keep]));
        Assert.Contains("middle of a frame", failure.Message, StringComparison.Ordinal);
    }

    internal static byte[] Encode(params Frame[] frames) => Encode(null, frames);

    internal static byte[] Encode(FrameCodecOptions? options, params Frame[] frames)
    {
        using var encoder = new FrameEncoder(options);
        foreach (var frame in frames)
        {
            encoder.Append(frame);
        }

        var stream = new MemoryStream();
        encoder.FlushAsync(stream).AsTask().GetAwaiter().GetResult();
        return stream.ToArray();
    }

    internal static async Task<Frame?> Read(byte[] bytes, FrameCodecOptions? options = null) =>
        await new FrameDecoder(new MemoryStream(bytes), options).ReadFrameAsync();

    internal static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }

    private sealed class CountingStream : MemoryStream
    {
        public int Flushes { get; private set; }

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            Flushes++;
            return base.FlushAsync(cancellationToken);
        }
    }

    /// <summary>Returns at most one byte per read, like the slowest possible pipe.</summary>
    internal sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }
}
