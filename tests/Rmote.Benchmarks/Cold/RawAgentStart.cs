using System.Diagnostics;
using Rmote.Protocol.Framing;
using Rmote.Protocol.Messages;
using Rmote.Protocol.Tools;

namespace Rmote.Benchmarks.Cold;

/// <summary>
/// The agent's own share of a cold start, without the host library: spawn <c>dotnet Rmote.Agent.dll</c>, write our
/// handshake line, the SYNC of the tool assembly and the first request at once (the agent serves SYNC inline, in frame
/// order, so a request right behind it is safe), and time when the agent's <c>PROTOCOL READY</c>, the SYNC reply and
/// the RPC response arrive. The figures are milliseconds since <see cref="Process.Start()"/> was called.
/// </summary>
public static class RawAgentStart
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The times of one cold start, in milliseconds since the process was started, and the CPU time the agent had used
    /// by its first response (all threads; what a loaded machine cannot stretch, unlike the wall-clock figures).
    /// </summary>
    public sealed record Timings(double ReadyMs, double SyncMs, double FirstResponseMs, double FirstResponseCpuMs);

    /// <summary>One cold start of the agent in <paramref name="agentDirectory"/>; the agent is closed afterwards.</summary>
    public static async Task<Timings> MeasureAsync(string agentDirectory, CancellationToken cancellationToken)
    {
        var echo = ToolMethod.For(typeof(BenchTools).GetMethod(nameof(BenchTools.Echo))!);
        var image = await File.ReadAllBytesAsync(typeof(BenchTools).Assembly.Location, cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);

        var clock = Stopwatch.StartNew();
        using var agent = Process.Start(new ProcessStartInfo(Transports.DotnetMuxer.Path, [Path.Combine(agentDirectory, "Rmote.Agent.dll")])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        try
        {
            using var encoder = new FrameEncoder();
            var input = agent.StandardInput.BaseStream;
            await input.WriteAsync(Handshake.ReadyLine.ToArray(), timeout.Token);
            encoder.Append(ProtocolMessages.Sync(1, image));
            encoder.Append(echo.CreateRequest(2, [42]));
            await encoder.FlushAsync(input, timeout.Token);

            var decoder = new FrameDecoder(agent.StandardOutput.BaseStream);
            await Handshake.ReadAsync(decoder, timeout.Token);
            var ready = clock.Elapsed.TotalMilliseconds;
            double sync = double.NaN;
            while (await decoder.ReadFrameAsync(timeout.Token) is { } frame)
            {
                if (frame.IsException) throw ProtocolMessages.ReadException(frame).ToException();
                if (frame.Kind == FrameFlags.Sync && frame.IsResponse) sync = clock.Elapsed.TotalMilliseconds;
                if (frame.Kind == FrameFlags.Dependency && frame.IsRequest)
                {
                    encoder.Append(ProtocolMessages.DependencyReply(frame.Id, ReadOnlyMemory<byte>.Empty));
                    await encoder.FlushAsync(input, timeout.Token);
                }
                if (frame.Kind == FrameFlags.Rpc && frame.IsResponse)
                {
                    var first = clock.Elapsed.TotalMilliseconds;
                    if (echo.DecodeResult(frame) is not 42) throw new InvalidOperationException("Echo returned the wrong value.");
                    return new Timings(ready, sync, first, ProcessMemory.CpuMilliseconds(agent.Id));
                }
            }
            throw new InvalidOperationException("The agent closed its output before answering: " + await agent.StandardError.ReadToEndAsync(timeout.Token));
        }
        finally
        {
            agent.StandardInput.Close();
            if (!agent.WaitForExit(5000)) agent.Kill(entireProcessTree: true);
        }
    }
}
