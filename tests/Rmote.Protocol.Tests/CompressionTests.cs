using System.Buffers.Binary;
using System.IO.Compression;
using Rmote.Protocol.Compression;
using Rmote.Protocol.Framing;

namespace Rmote.Protocol.Tests;

public sealed class CompressionTests
{
    [Fact]
    public async Task A_compressible_payload_above_1024_bytes_travels_compressed()
    {
        var payload = "abcdefghij"u8.ToArray().SelectMany(_ => "the same words over and over "u8.ToArray()).ToArray();
        payload = [.. Enumerable.Repeat(payload, 20).SelectMany(p => p)];
        var bytes = FrameCodecTests.Encode(new Frame(FrameFlags.Response | FrameFlags.Rpc, 1, payload));

        var flags = (FrameFlags)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5));
        Assert.True(flags.HasFlag(FrameFlags.Compressed));
        Assert.True(bytes.Length < payload.Length / 4);
        var frame = (await FrameCodecTests.Read(bytes))!.Value;
        Assert.True(frame.Has(FrameFlags.Compressed));
        Assert.Equal(payload, frame.Payload.ToArray());
    }

    [Fact]
    public void Payloads_of_1024_bytes_or_less_are_never_compressed()
    {
        var bytes = FrameCodecTests.Encode(new Frame(FrameFlags.Log, 0, new byte[1024]));
        Assert.False(((FrameFlags)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5))).HasFlag(FrameFlags.Compressed));
        Assert.Equal(FrameHeader.Size + 1024, bytes.Length);
    }

    [Theory]
    [InlineData(5000)]
    [InlineData(64 * 1024 * 1024)]
    public async Task Incompressible_data_goes_raw(int length)
    {
        var payload = FrameCodecTests.RandomBytes(length);
        var bytes = FrameCodecTests.Encode(new Frame(FrameFlags.Response | FrameFlags.Rpc, 1, payload));
        Assert.Equal(FrameHeader.Size + length, bytes.Length);
        Assert.Equal(payload, (await FrameCodecTests.Read(bytes))!.Value.Payload.ToArray());
    }

    [Fact]
    public void Compression_can_be_switched_off()
    {
        var bytes = FrameCodecTests.Encode(new FrameCodecOptions { EnableCompression = false }, new Frame(FrameFlags.Log, 0, new byte[100_000]));
        Assert.Equal(FrameHeader.Size + 100_000, bytes.Length);
    }

    [Fact]
    public async Task A_compression_bomb_cannot_expand_beyond_the_maximum_frame_size()
    {
        // 64 MiB of zeros compress to a few hundred bytes; with a 1 MiB limit decoding must refuse them.
        var zeros = new byte[64 * 1024 * 1024];
        var compressed = new byte[1024 * 1024];
        var written = PayloadCompression.TryCompress(zeros, compressed);
        Assert.InRange(written, 1, 100_000);
        var frame = new byte[FrameHeader.Size + written];
        FrameHeader.Write(frame, FrameFlags.Log | FrameFlags.Compressed, written, 0);
        compressed.AsSpan(0, written).CopyTo(frame.AsSpan(FrameHeader.Size));

        var failure = await Assert.ThrowsAsync<ProtocolException>(() => FrameCodecTests.Read(frame, new FrameCodecOptions { MaxFrameSize = 1024 * 1024 }));
        Assert.Contains("maximum frame size", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_compressed_payload_that_lies_about_its_length_is_refused()
    {
        var data = new byte[10_000];
        var compressed = new byte[10_000];
        var written = PayloadCompression.TryCompress(data, compressed);
        BinaryPrimitives.WriteUInt32BigEndian(compressed, 100); // claims 100 bytes, expands to 10 000
        var frame = new byte[FrameHeader.Size + written];
        FrameHeader.Write(frame, FrameFlags.Log | FrameFlags.Compressed, written, 0);
        compressed.AsSpan(0, written).CopyTo(frame.AsSpan(FrameHeader.Size));

        await Assert.ThrowsAsync<ProtocolException>(() => FrameCodecTests.Read(frame));
    }

    [Fact]
    public async Task Corrupt_compressed_data_is_a_protocol_error()
    {
        var garbage = FrameCodecTests.RandomBytes(64);
        BinaryPrimitives.WriteUInt32BigEndian(garbage, 1000);
        var frame = new byte[FrameHeader.Size + garbage.Length];
        FrameHeader.Write(frame, FrameFlags.Log | FrameFlags.Compressed, garbage.Length, 0);
        garbage.CopyTo(frame.AsSpan(FrameHeader.Size));

        await Assert.ThrowsAsync<ProtocolException>(() => FrameCodecTests.Read(frame));
    }

    [Fact]
    public void The_compressed_format_is_a_length_prefix_and_a_brotli_stream()
    {
        var data = new byte[5000];
        var compressed = new byte[5000];
        var written = PayloadCompression.TryCompress(data, compressed);
        Assert.Equal(5000u, BinaryPrimitives.ReadUInt32BigEndian(compressed));
        var plain = new byte[5000];
        Assert.True(BrotliDecoder.TryDecompress(compressed.AsSpan(4, written - 4), plain, out var decoded));
        Assert.Equal(5000, decoded);
    }
}
