using System.Formats.Tar;
using System.IO.Pipes;
using Rmote.Streams;

namespace Rmote.Transfers;

/// <summary>
/// A tar stream of a directory (entries relative to it), produced while it is read, through an OS pipe, so memory
/// stays constant whatever the directory holds. Its end means the archive is complete: when producing it failed (an
/// unreadable file, a file type tar cannot hold) the read that reaches the end throws that failure instead, so a
/// truncated archive is never taken for a whole one. Disposing it stops the producer.
/// </summary>
internal sealed class DirectoryTarStream : ReadOnlyForwardStream
{
    private readonly AnonymousPipeClientStream reader;
    private readonly CancellationTokenSource stop = new();
    private readonly Task producer;

    public DirectoryTarStream(string directory)
    {
        var writer = new AnonymousPipeServerStream(PipeDirection.Out);
        reader = new AnonymousPipeClientStream(PipeDirection.In, writer.ClientSafePipeHandle);
        var token = stop.Token;
        producer = Task.Run(async () =>
        {
            await using (writer)
            {
                await TarFile.CreateFromDirectoryAsync(directory, writer, includeBaseDirectory: false, token).ConfigureAwait(false);
            }
        }, token);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await reader.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (read == 0 && !buffer.IsEmpty) await producer.ConfigureAwait(false);   // the end counts only once the producer finished well
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            stop.Cancel();
            reader.Dispose();   // a producer still writing fails on the closed pipe and ends
            // Observed here: a failure after the reader stopped reading is no longer anyone's concern.
            producer.ContinueWith(static (t, s) => ((CancellationTokenSource)s!).Dispose(), stop, TaskScheduler.Default);
        }
        base.Dispose(disposing);
    }
}
