using System.Diagnostics;
using Rmote.Agent.Diagnostics;
using Rmote.Agent.Tests.Client;
using Rmote.Protocol.Framing;
using Rmote.Protocol.Messages;
using Rmote.Protocol.Tools;
using Rmote.TestTools;

namespace Rmote.Agent.Tests;

/// <summary>
/// The start-up path as a host that does not wait may drive it: its handshake line, the SYNC, a repeated SYNC of the
/// same assembly and calls written in one go, before the agent's own line has been read.
/// </summary>
public sealed class StartupTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_sync_calls_and_a_repeated_sync_sent_with_the_handshake_line_are_answered_by_one_loaded_assembly()
    {
        var (replies, _) = await RunPipelinedAsync(profile: null);

        var syncs = replies.Where(r => r.Kind == FrameFlags.Sync).ToList();
        Assert.Equal([1ul, 3ul], syncs.Select(s => s.Id));
        Assert.All(syncs, s => Assert.Equal("Rmote.TestTools", ProtocolMessages.ReadAssemblyName(s)));
        // The repeated SYNC did not swap the assembly: both calls count on the same static state.
        var tallies = replies.Where(r => r.Kind == FrameFlags.Rpc).Select(r => (int)TallyMethod.DecodeResult(r)!);
        Assert.Equal([1, 2], tallies.Order());
    }

    [Fact]
    public async Task With_the_profile_variable_set_the_agent_appends_its_start_up_steps_in_order()
    {
        var profile = Path.Combine(Path.GetTempPath(), $"rmote-startup-{Guid.NewGuid():N}.log");
        try
        {
            var (_, exitCode) = await RunPipelinedAsync(profile);

            Assert.Equal(0, exitCode);
            var text = await File.ReadAllTextAsync(profile);
            var steps = new[] { "main", "ready line written", "host line read", "sync loaded", "call resolved", "first response queued" };
            var positions = steps.Select(step => text.IndexOf($"  {step} ", StringComparison.Ordinal)).ToList();
            Assert.All(positions, p => Assert.True(p > 0, text));
            Assert.Equal(positions.Order(), positions);
            Assert.Contains("working set", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(profile);
        }
    }

    [Fact]
    public void The_built_in_tools_are_found_by_the_name_of_their_assembly()
    {
        Assert.Equal(Loading.BuiltInTools.AssemblyName, typeof(Rmote.Tools.FileSystem).Assembly.GetName().Name);
        Assert.Same(typeof(Rmote.Tools.FileSystem).Assembly, Loading.BuiltInTools.Assembly);
    }

    private static ToolMethod TallyMethod { get; } = ToolMethod.For(typeof(HostScenarios).GetMethod(nameof(HostScenarios.Tally))!);

    /// <summary>
    /// Runs one agent through the pipelined start — SYNC, a call, the same SYNC again, another call — and returns the
    /// four replies and the agent's exit code.
    /// </summary>
    private static async Task<(List<Frame> Replies, int ExitCode)> RunPipelinedAsync(string? profile)
    {
        var start = new ProcessStartInfo("dotnet", [AgentProcess.AgentPath])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (profile is not null) start.Environment[StartupTimeline.Variable] = profile;
        using var agent = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            var image = await File.ReadAllBytesAsync(typeof(HostScenarios).Assembly.Location, timeout.Token);
            using var encoder = new FrameEncoder();
            encoder.Append(ProtocolMessages.Sync(1, image));
            encoder.Append(TallyMethod.CreateRequest(2, []));
            encoder.Append(ProtocolMessages.Sync(3, image));
            encoder.Append(TallyMethod.CreateRequest(4, []));
            var input = agent.StandardInput.BaseStream;
            await input.WriteAsync(Handshake.ReadyLine.ToArray(), timeout.Token);
            await encoder.FlushAsync(input, timeout.Token);

            var decoder = new FrameDecoder(agent.StandardOutput.BaseStream);
            await Handshake.ReadAsync(decoder, timeout.Token);
            var replies = new List<Frame>();
            while (replies.Count < 4 && await decoder.ReadFrameAsync(timeout.Token) is { } frame)
            {
                if (frame.IsResponse) replies.Add(frame);
            }

            input.Close();
            await agent.WaitForExitAsync(timeout.Token);
            return (replies, agent.ExitCode);
        }
        finally
        {
            if (!agent.HasExited) agent.Kill(entireProcessTree: true);
        }
    }
}
