using System.Diagnostics;
using System.Text;
using Rmote.Protocol.Framing;
using Rmote.Integration.Tests.Support;

namespace Rmote.Integration.Tests.Resilience;

/// <summary>
/// A fake agent the test scripts byte by byte, behind a real process: the host runs <see cref="Command"/> (sh and two
/// cats) as its agent, which relays the host's bytes into a FIFO this class reads and this class's bytes out of
/// another FIFO to the host. Nothing of ours is mocked: the host sees a real process and real pipes.
/// </summary>
internal sealed class ScriptedPeer : IAsyncDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("rmote-peer-").FullName;
    private FileStream? toHost;
    private FileStream? fromHost;

    public ScriptedPeer()
    {
        foreach (var fifo in new[] { ToHostPath, FromHostPath })
        {
            using var mkfifo = Process.Start("mkfifo", fifo);
            mkfifo.WaitForExit();
        }
    }

    private string ToHostPath => Path.Combine(directory, "to-host");

    private string FromHostPath => Path.Combine(directory, "from-host");

    /// <summary>The agent command: relays stdin to one FIFO and the other FIFO to stdout.</summary>
    public IReadOnlyList<string> Command => ["sh", "-c", "cat \"$1\" & exec cat > \"$2\"", "sh", ToHostPath, FromHostPath];

    /// <summary>Decodes what the host sends, after <see cref="AcceptAsync"/>.</summary>
    public FrameDecoder? Decoder { get; private set; }

    /// <summary>Opens the FIFOs (they open once the process has started) and, if asked, does the handshake.</summary>
    public async Task AcceptAsync(bool handshake = true)
    {
        var opening = Task.Run(() => toHost = new FileStream(ToHostPath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 0));
        fromHost = await Task.Run(() => new FileStream(FromHostPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 0)).Within(Bounds.Generous, "opening the FIFO");
        await opening.Within(Bounds.Generous, "opening the FIFO");
        Decoder = new FrameDecoder(fromHost);
        if (!handshake) return;
        await SendAsync(Handshake.ReadyLine.ToArray());
        await Handshake.ReadAsync(Decoder).AsTask().Within(Bounds.Generous, "the host's handshake");
    }

    /// <summary>The next frame from the host.</summary>
    public async Task<Frame> ReceiveAsync() =>
        await Decoder!.ReadFrameAsync().AsTask().Within(Bounds.Generous, "a frame from the host") ?? throw new EndOfStreamException("the host closed the stream");

    /// <summary>Waits for the host's request of <paramref name="kind"/>, answering SYNC requests on the way.</summary>
    public async Task<Frame> ReceiveRequestAsync(FrameFlags kind)
    {
        while (true)
        {
            var frame = await ReceiveAsync();
            if (frame.Has(FrameFlags.Request | kind)) return frame;
            if (frame.Has(FrameFlags.Request | FrameFlags.Sync)) await SendAsync(Protocol.Messages.ProtocolMessages.SyncReply(frame.Id, "Tools"));
        }
    }

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendAsync(byte[] bytes)
    {
        await toHost!.WriteAsync(bytes);
        await toHost.FlushAsync();
    }

    public async Task SendAsync(Frame frame)
    {
        using var encoder = new FrameEncoder();
        encoder.Append(frame);
        await encoder.FlushAsync(toHost!);
    }

    /// <summary>A raw header: anything for flags and length, whatever the payload really is.</summary>
    public static byte[] Header(uint flags, uint length, ulong id)
    {
        var header = new byte[FrameHeader.Size];
        FrameHeader.Write(header, (FrameFlags)flags, (int)length, id);
        return header;
    }

    public async ValueTask DisposeAsync()
    {
        // Closing our ends ends both cats (EOF, or EPIPE on their next write).
        if (toHost is not null) await toHost.DisposeAsync();
        if (fromHost is not null) await fromHost.DisposeAsync();
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }
}
