using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Rmote.Bootstrap;
using Rmote.Integration.Tests.Ssh;
using Rmote.Protocol.Framing;
using Rmote.Protocol.Messages;
using Rmote.Transports;
using Xunit.Abstractions;
using Rmote.Integration.Tests.Support;

namespace Rmote.Integration.Tests.Resilience;

/// <summary>
/// Hostile input from the host's side, against a real agent process: broken framing makes the agent exit with code 2
/// (its protocol-error code) in bounded time instead of hanging or crashing; a request that does not decode fails only
/// itself; noise before the handshake is skipped but bounded; a host that never completes the handshake is given up on.
/// </summary>
[Collection(ResilienceCollection.Name)]
public sealed class HostileHostTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(5);   // target 1 s; noisy shared machine

    [Theory]
    [InlineData("bad magic", "BADMAGIC-------------------------")]
    [InlineData("length above the maximum", "header:0x12:0x100000")]
    [InlineData("unknown flag bits", "header:0x20012:2")]
    [InlineData("truncated frame", "header:0x12:100|0123456789|close")]
    public async Task Broken_framing_makes_the_agent_exit_with_code_2(string what, string script)
    {
        await using var agent = await StartAgentAsync("--max-frame-size", "65536");
        await HandshakeAsync(agent);

        var clock = Stopwatch.StartNew();
        foreach (var step in script.Split('|'))
        {
            if (step == "close") await agent.Input.DisposeAsync();
            else if (step.StartsWith("header:", StringComparison.Ordinal))
            {
                var parts = step.Split(':');
                await WriteAsync(agent, ScriptedPeer.Header(Convert.ToUInt32(parts[1], 16), Convert.ToUInt32(parts[2], 16), 1));
            }
            else await WriteAsync(agent, System.Text.Encoding.ASCII.GetBytes(step));
        }
        var code = await agent.Exited.Within(Bounds.Generous, "the agent's exit");
        output.WriteLine($"{what}: agent exited with code {code} after {clock.ElapsedMilliseconds} ms");
        Assert.Equal(2, code);
        Assert.True(clock.Elapsed < ExitBound);
    }

    [Fact]
    public async Task A_request_that_does_not_decode_fails_alone_and_the_agent_stays_up()
    {
        await using var agent = await StartAgentAsync();
        var decoder = await HandshakeAsync(agent);

        await WriteAsync(agent, new Frame(FrameFlags.Request | FrameFlags.Rpc, 1, "[\"A|B|C()\", {{{"u8.ToArray()));
        var failure = await NextAsync(decoder);
        Assert.True(failure.Has(FrameFlags.Response | FrameFlags.Rpc | FrameFlags.Exception), failure.ToString());
        Assert.Equal(1UL, failure.Id);
        output.WriteLine($"undecodable request -> {ProtocolMessages.ReadException(failure).TypeName}: {ProtocolMessages.ReadException(failure).Message}");

        // A response to a request the agent never made is ignored; the agent still answers.
        await WriteAsync(agent, new Frame(FrameFlags.Response | FrameFlags.Dependency, 999, "junk"u8.ToArray()));
        await AssertAnswersPingAsync(agent, decoder);
    }

    [Fact]
    public async Task Noise_before_the_handshake_is_skipped_and_too_much_of_it_ends_the_agent()
    {
        await using (var agent = await StartAgentAsync())
        {
            await AgentTestSupport.ReachesProtocolReadyAsync(agent);
            await WriteAsync(agent, System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("motd noise line\n", 5000)) + "PROTOCOL READY\n"));
            await AssertAnswersPingAsync(agent, new FrameDecoder(agent.Output));
        }

        await using (var agent = await StartAgentAsync())
        {
            await AgentTestSupport.ReachesProtocolReadyAsync(agent);
            var clock = Stopwatch.StartNew();
            try
            {
                for (var i = 0; i < 20; i++) await WriteAsync(agent, new byte[1024 * 1024]);
            }
            catch (IOException)
            {
                // The agent stopped reading: that is the point.
            }
            Assert.Equal(2, await agent.Exited.Within(Bounds.Generous, "the agent's exit"));
            output.WriteLine($"20 MiB of noise before the handshake: agent exited with code 2 after {clock.ElapsedMilliseconds} ms");
        }
    }

    [Fact]
    public async Task An_agent_whose_host_never_completes_the_handshake_exits()
    {
        await using var agent = await StartAgentAsync("--handshake-timeout", "1");
        await AgentTestSupport.ReachesProtocolReadyAsync(agent);
        var clock = Stopwatch.StartNew();
        Assert.Equal(2, await agent.Exited.Within(Bounds.Generous, "the agent's exit"));
        output.WriteLine($"no handshake from the host: agent exited with code 2 after {clock.ElapsedMilliseconds} ms (timeout 1 s)");
    }

    private static async Task<AgentTransport> StartAgentAsync(params string[] arguments)
    {
        var link = ProcessAgentTransport.Start([DotnetMuxer.Path, AgentBundle.Default.EntryPath, .. arguments], "local", NullLogger.Instance);
        await Task.CompletedTask;
        return link;
    }

    private static async Task<FrameDecoder> HandshakeAsync(AgentTransport agent)
    {
        await AgentTestSupport.ReachesProtocolReadyAsync(agent);
        await WriteAsync(agent, Handshake.ReadyLine.ToArray());
        return new FrameDecoder(agent.Output);
    }

    private static async Task WriteAsync(AgentTransport agent, byte[] bytes)
    {
        await agent.Input.WriteAsync(bytes);
        await agent.Input.FlushAsync();
    }

    private static async Task WriteAsync(AgentTransport agent, Frame frame)
    {
        using var encoder = new FrameEncoder();
        encoder.Append(frame);
        await encoder.FlushAsync(agent.Input);
    }

    /// <summary>The next frame that is not a log record.</summary>
    private static async Task<Frame> NextAsync(FrameDecoder decoder)
    {
        while (true)
        {
            var frame = await decoder.ReadFrameAsync().AsTask().Within(Bounds.Generous, "a frame from the agent")
                ?? throw new EndOfStreamException("the agent closed its output");
            if (!frame.Has(FrameFlags.Log)) return frame;
        }
    }

    private static async Task AssertAnswersPingAsync(AgentTransport agent, FrameDecoder decoder)
    {
        await WriteAsync(agent, ProtocolMessages.Ping(77));
        var pong = await NextAsync(decoder);
        Assert.True(pong.Has(FrameFlags.Response | FrameFlags.Pong) && pong.Id == 77, pong.ToString());
    }
}
