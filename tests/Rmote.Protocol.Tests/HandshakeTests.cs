using System.Text;
using Rmote.Protocol.Framing;

namespace Rmote.Protocol.Tests;

public sealed class HandshakeTests
{
    [Fact]
    public async Task Noise_before_the_ready_line_is_skipped_and_frames_after_it_are_kept()
    {
        var frame = FrameCodecTests.Encode(new Frame(FrameFlags.Log, 0, "after"u8.ToArray()));
        var decoder = Decoder([.. "Welcome to host!\nLast login: yesterday\nPROTOCOL READY and more\n\nPROTOCOL READY\n"u8.ToArray(), .. frame]);

        await Handshake.ReadAsync(decoder);
        Assert.Equal("after"u8.ToArray(), (await decoder.ReadFrameAsync())!.Value.Payload.ToArray());
    }

    [Fact]
    public async Task A_carriage_return_before_the_newline_is_tolerated()
    {
        await Handshake.ReadAsync(Decoder("banner\r\nPROTOCOL READY\r\n"u8.ToArray()));
    }

    [Fact]
    public async Task Lines_longer_than_64_KiB_are_skipped_even_if_they_end_like_the_ready_line()
    {
        var longLine = Encoding.ASCII.GetBytes(new string('x', 200_000) + "PROTOCOL READY\n");
        var decoder = Decoder([.. longLine, .. "PROTOCOL READY\n"u8.ToArray(), .. FrameCodecTests.Encode(new Frame(FrameFlags.Ping, 5, ReadOnlyMemory<byte>.Empty))]);
        await Handshake.ReadAsync(decoder);
        Assert.Equal(5UL, (await decoder.ReadFrameAsync())!.Value.Id);
    }

    [Fact]
    public async Task The_end_of_the_stream_before_the_ready_line_is_a_typed_error_quoting_the_last_output()
    {
        var failure = await Assert.ThrowsAsync<ConnectionLostException>(() => Handshake.ReadAsync(Decoder("bash: dotnet: command not found\n"u8.ToArray())).AsTask());
        Assert.Contains("dotnet: command not found", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Endless_noise_is_a_protocol_error_within_bounded_memory()
    {
        var noise = new NoiseStream();
        var failure = await Assert.ThrowsAsync<ProtocolException>(() => Handshake.ReadAsync(new FrameDecoder(noise)).AsTask());
        Assert.Contains("before the handshake", failure.Message, StringComparison.Ordinal);
        Assert.InRange(noise.Served, Handshake.MaxNoiseBytes, Handshake.MaxNoiseBytes + (1 << 20));
    }

    [Fact]
    public async Task Waiting_for_the_handshake_can_be_cancelled()
    {
        using var pipe = new System.IO.Pipes.AnonymousPipeServerStream(System.IO.Pipes.PipeDirection.In);
        using var client = new System.IO.Pipes.AnonymousPipeClientStream(System.IO.Pipes.PipeDirection.Out, pipe.ClientSafePipeHandle);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Handshake.ReadAsync(new FrameDecoder(pipe), timeout.Token).AsTask());
    }

    [Fact]
    public async Task Both_sides_write_the_same_line()
    {
        var stream = new MemoryStream();
        await Handshake.WriteAsync(stream);
        Assert.Equal("PROTOCOL READY\n"u8.ToArray(), stream.ToArray());
    }

    private static FrameDecoder Decoder(byte[] bytes) => new(new MemoryStream(bytes));

    /// <summary>An endless stream of short noise lines.</summary>
    private sealed class NoiseStream : Stream
    {
        public long Served { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var span = buffer.AsSpan(offset, count);
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (Served + i) % 80 == 79 ? (byte)'\n' : (byte)'n';
            }

            Served += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
