using Rmote.Integration.Tests.Support;
using Rmote.TestTools.Streaming;

namespace Rmote.Integration.Tests.Streaming;

/// <summary>The snippets of docs/streaming.md, run for real: a remote tail of a growing file, and a copy done twice.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StreamingDocTests
{
    [Fact]
    public async Task A_remote_tail_sees_lines_appended_after_it_started()
    {
        var log = Path.Combine(Directory.CreateTempSubdirectory("rmote-tail-").FullName, "app.log");
        await File.WriteAllTextAsync(log, "started\n");
        await using var connection = await RmoteConnection.StartLocalAsync().Within(Bounds.Generous, "StartLocalAsync");
        var lines = new List<string>();
        using var cancel = new CancellationTokenSource(Bounds.Generous);
        var appender = Task.Run(async () =>
        {
            await Task.Delay(300);
            await File.AppendAllTextAsync(log, "ERROR disk full\n");
        });

        #region snippet:stream-tail
        await foreach (var line in connection.StreamAsync(() => StreamTools.Tail(log, default), cancel.Token))
        {
            lines.Add(line);
            if (line.StartsWith("ERROR", StringComparison.Ordinal)) break;   // stops the tail on the agent
        }
        #endregion

        await appender;
        Assert.Equal(["started", "ERROR disk full"], lines);
        Directory.Delete(Path.GetDirectoryName(log)!, recursive: true);
    }

    [Fact]
    public async Task Copying_twice_copies_once()
    {
        var directory = Directory.CreateTempSubdirectory("rmote-copy-").FullName;
        var local = Path.Combine(directory, "app.tar.gz");
        var remote = Path.Combine(directory, "deployed.tar.gz");
        await File.WriteAllBytesAsync(local, new byte[3 * 1024 * 1024]);
        await using var connection = await RmoteConnection.StartLocalAsync().Within(Bounds.Generous, "StartLocalAsync");
        var reports = new List<TransferProgress>();

        #region snippet:upload
        var options = new TransferOptions
        {
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead,   // 0640
            Progress = new Progress<TransferProgress>(p => reports.Add(p)),
        };
        var first = await connection.UploadAsync(local, remote, options);
        var again = await connection.UploadAsync(local, remote, options);   // same SHA-256: nothing is sent
        Console.WriteLine($"{first.Changed} {first.Bytes} / {again.Changed} {again.Bytes}");   // True 3145728 / False 0
        #endregion

        Assert.True(first.Changed);
        Assert.Equal(3 * 1024 * 1024, first.Bytes);
        Assert.False(again.Changed);
        Assert.Equal(0, again.Bytes);
        Directory.Delete(directory, recursive: true);
    }
}
