using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

namespace Rmote.Benchmarks;

/// <summary>
/// Streaming and file transfer against a real local agent (issue 14): items per second of small records, MiB/s of
/// 64 KiB chunks, 1 GiB uploaded and downloaded (random bytes, under /tmp; uploaded once more with
/// <c>TransferOptions.Durable</c>, which waits for the disk), the unchanged re-upload (the SHA-256 skip) beside
/// <c>sha256_1gib_ms</c> (one hash of the same file: its reference), and the peak resident memory above idle of host
/// and agent during a 1 GiB transfer (VmHWM after resetting it through /proc/PID/clear_refs).
/// </summary>
public sealed class StreamSuite : IBenchmarkSuite
{
    private const long Gib = 1024L * 1024 * 1024;

    public string Name => "stream";

    public async Task<IReadOnlyDictionary<string, double>> RunAsync(int runs, TextWriter log, CancellationToken cancellationToken)
    {
        await using var connection = await RmoteConnection.StartLocalAsync(cancellationToken: cancellationToken);
        var results = new Dictionary<string, double>();
        await DrainAsync(connection.StreamAsync(() => StreamBenchTools.Records(10_000), 1024, cancellationToken));   // warm up

        results["stream_items_per_s"] = await Measure.MedianOfAsync("stream_items_per_s", runs, log, async () =>
        {
            const int count = 500_000;
            var clock = Stopwatch.StartNew();
            var seen = await DrainAsync(connection.StreamAsync(() => StreamBenchTools.Records(count), 1024, cancellationToken));
            return seen == count ? Measure.PerSecond(count, clock.Elapsed) : throw new InvalidOperationException("short stream");
        });
        results["stream_mib_per_s"] = await Measure.MedianOfAsync("stream_mib_per_s", runs, log, async () =>
        {
            const int count = 16 * 1024;   // 1 GiB
            var clock = Stopwatch.StartNew();
            var seen = await DrainAsync(connection.StreamAsync(() => StreamBenchTools.Chunks(count), 128, cancellationToken));
            return seen == count ? count / 16.0 / clock.Elapsed.TotalSeconds : throw new InvalidOperationException("short stream");
        });

        var directory = Directory.CreateTempSubdirectory("rmote-bench-").FullName;
        try
        {
            var source = Path.Combine(directory, "source.bin");
            await WriteRandomAsync(source, Gib, cancellationToken);
            var uploaded = Path.Combine(directory, "uploaded.bin");
            var downloaded = Path.Combine(directory, "downloaded.bin");
            var force = new TransferOptions { Force = true };
            results["upload_1gib_mib_per_s"] = await Measure.MedianOfAsync("upload_1gib_mib_per_s", runs, log, async () =>
            {
                var result = await connection.UploadAsync(source, uploaded, force, cancellationToken);
                return 1024 / result.Elapsed.TotalSeconds;
            });
            var durable = force with { Durable = true };
            results["upload_1gib_durable_mib_per_s"] = await Measure.MedianOfAsync("upload_1gib_durable_mib_per_s", runs, log, async () =>
            {
                var result = await connection.UploadAsync(source, uploaded, durable, cancellationToken);
                return 1024 / result.Elapsed.TotalSeconds;
            });
            results["download_1gib_mib_per_s"] = await Measure.MedianOfAsync("download_1gib_mib_per_s", runs, log, async () =>
            {
                var result = await connection.DownloadAsync(uploaded, downloaded, force, cancellationToken);
                return 1024 / result.Elapsed.TotalSeconds;
            });
            // The reference for the unchanged re-upload: one SHA-256 of the same file on this machine, now.
            results["sha256_1gib_ms"] = await Measure.MedianOfAsync("sha256_1gib_ms", runs, log, async () =>
            {
                var clock = Stopwatch.StartNew();
                await using var file = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1024 * 1024, FileOptions.SequentialScan);
                await SHA256.HashDataAsync(file, cancellationToken);
                return clock.Elapsed.TotalMilliseconds;
            });
            results["upload_unchanged_1gib_ms"] = await Measure.MedianOfAsync("upload_unchanged_1gib_ms", runs, log, async () =>
            {
                var result = await connection.UploadAsync(source, uploaded, cancellationToken: cancellationToken);
                return result.Changed ? throw new InvalidOperationException("an unchanged file was copied") : result.Elapsed.TotalMilliseconds;
            });

            var agent = connection.ProcessId!.Value;
            var host = Environment.ProcessId;
            var hostPeak = new List<double>();
            var agentPeak = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                GC.Collect();
                var (hostIdle, agentIdle) = (ResetPeak(host), ResetPeak(agent));
                await connection.UploadAsync(source, uploaded, force, cancellationToken);
                await connection.DownloadAsync(uploaded, downloaded, force, cancellationToken);
                hostPeak.Add(PeakMegabytes(host) - hostIdle);
                agentPeak.Add(PeakMegabytes(agent) - agentIdle);
                log.WriteLine($"  transfer peak rss delta run {i + 1}/{runs}: host {hostPeak[^1]:F1} MB, agent {agentPeak[^1]:F1} MB");
            }
            results["transfer_host_peak_rss_delta_mb"] = Measure.Median(hostPeak);
            results["transfer_agent_peak_rss_delta_mb"] = Measure.Median(agentPeak);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
        return results;
    }

    private static async Task<long> DrainAsync<T>(IAsyncEnumerable<T> stream)
    {
        long count = 0;
        await foreach (var _ in stream) count++;
        return count;
    }

    private static async Task WriteRandomAsync(string path, long size, CancellationToken cancellationToken)
    {
        await using var file = File.Create(path);
        var buffer = new byte[4 * 1024 * 1024];
        for (long written = 0; written < size; written += buffer.Length)
        {
            RandomNumberGenerator.Fill(buffer);
            await file.WriteAsync(buffer, cancellationToken);
        }
    }

    /// <summary>Resets the peak RSS of <paramref name="pid"/> to its current RSS (Linux: clear_refs 5) and returns that, in MB.</summary>
    private static double ResetPeak(int pid)
    {
        File.WriteAllText($"/proc/{pid}/clear_refs", "5");
        return StatusMegabytes(pid, "VmRSS:");
    }

    private static double PeakMegabytes(int pid) => StatusMegabytes(pid, "VmHWM:");

    private static double StatusMegabytes(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }
}
