using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Rmote.Integration.Tests.Ssh;
using Rmote.Protocol;
using Rmote.Protocol.Framing;
using Rmote.Protocol.Messages;
using Rmote.TestTools;
using Xunit.Abstractions;
using Rmote.Integration.Tests.Support;

namespace Rmote.Integration.Tests.Resilience;

/// <summary>
/// Hostile input from the agent's side: a scripted peer behind a real process (<see cref="ScriptedPeer"/>) sends what
/// no agent should. Each case ends in a typed error (or is ignored, where the protocol says so) within a bounded time,
/// and the host neither hangs nor allocates beyond its limits.
/// </summary>
[Collection(ResilienceCollection.Name)]
public sealed class HostileAgentTests(ITestOutputHelper output)
{
    private static readonly TimeSpan TypedErrorBound = TimeSpan.FromSeconds(5);   // target 1 s; noisy shared machine

    [Fact]
    public async Task Noise_before_the_handshake_is_skipped_but_bounded()
    {
        await using (var peer = new ScriptedPeer())
        {
            var connecting = RmoteConnection.StartProcessAsync(peer.Command);
            await peer.AcceptAsync(handshake: false);
            await peer.SendAsync(string.Concat(Enumerable.Repeat("Welcome to the machine, last login yesterday\n", 2000)) + "PROTOCOL READY\n");
            await using var connection = await connecting.Within(Bounds.Generous, "a connect after noise");
            Assert.Equal(ConnectionState.Connected, connection.State);
        }

        await using (var peer = new ScriptedPeer())
        {
            var connecting = RmoteConnection.StartProcessAsync(peer.Command);
            await peer.AcceptAsync(handshake: false);
            var clock = Stopwatch.StartNew();
            var noise = Task.Run(async () =>
            {
                try
                {
                    for (var i = 0; i < 20; i++) await peer.SendAsync(new byte[1024 * 1024]);   // 20 MiB, no newline
                }
                catch (IOException)
                {
                    // The host gave up reading.
                }
            });
            var failure = await Assert.ThrowsAsync<ProtocolException>(() => connecting.Within(Bounds.Generous, "a connect drowned in noise"));
            output.WriteLine($"20 MiB of noise before the handshake: {failure.GetType().Name} after {clock.ElapsedMilliseconds} ms: {failure.Message}");
            await noise.Within(Bounds.Generous, "the noise writer");
        }
    }

    [Fact]
    public async Task A_peer_that_never_sends_the_handshake_fails_the_connect_at_the_connect_timeout()
    {
        await using var peer = new ScriptedPeer();
        var clock = Stopwatch.StartNew();
        var connecting = RmoteConnection.StartProcessAsync(peer.Command, new RmoteOptions { ConnectTimeout = TimeSpan.FromSeconds(1) });
        await peer.AcceptAsync(handshake: false);
        var failure = await Assert.ThrowsAsync<RmoteConnectException>(() => connecting.Within(Bounds.Generous, "a connect without handshake"));
        output.WriteLine($"no handshake: {failure.Reason} after {clock.ElapsedMilliseconds} ms (connect timeout 1 s)");
        Assert.Equal(ConnectFailureReason.Timeout, failure.Reason);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1) + TypedErrorBound);
    }

    [Theory]
    [InlineData("bad magic", "BADMAGIC-------------------------")]
    [InlineData("length above the maximum", "header:0x14:0xFFFFFFFF")]
    [InlineData("unknown flag bits", "header:0x1000014:2")]
    [InlineData("truncated frame", "header:0x14:100|0123456789|close")]
    public async Task Broken_framing_mid_stream_fails_the_pending_call_with_ProtocolException(string what, string script)
    {
        await using var peer = new ScriptedPeer();
        await using var connection = await ConnectAsync(peer);
        var call = connection.CallAsync(() => ResilienceTools.Echo(1));
        var request = await peer.ReceiveRequestAsync(FrameFlags.Rpc);

        var clock = Stopwatch.StartNew();
        foreach (var step in script.Split('|'))
        {
            if (step == "close") await peer.DisposeAsync();
            else if (step.StartsWith("header:", StringComparison.Ordinal))
            {
                var parts = step.Split(':');
                await peer.SendAsync(ScriptedPeer.Header(Convert.ToUInt32(parts[1], 16), Convert.ToUInt32(parts[2], 16), request.Id));
            }
            else await peer.SendAsync(step);
        }
        var failure = await Assert.ThrowsAsync<ProtocolException>(() => call.Within(Bounds.Generous, "the pending call"));
        output.WriteLine($"{what}: {failure.GetType().Name} after {clock.ElapsedMilliseconds} ms: {failure.Message}");
        Assert.True(clock.Elapsed < TypedErrorBound);
        Assert.True(await Faults.EventuallyAsync(() => connection.State == ConnectionState.Closed, Bounds.Generous));
        await Assert.ThrowsAsync<ProtocolException>(() => connection.CallAsync(() => ResilienceTools.Echo(2)));
    }

    [Fact]
    public async Task Undecodable_results_and_odd_exception_payloads_fail_only_their_call()
    {
        await using var peer = new ScriptedPeer();
        await using var connection = await ConnectAsync(peer);

        var undecodable = connection.CallAsync(() => ResilienceTools.Echo(1));
        await peer.SendAsync(new Frame(FrameFlags.Response | FrameFlags.Rpc, (await peer.ReceiveRequestAsync(FrameFlags.Rpc)).Id, "{{{ not json"u8.ToArray()));
        await Assert.ThrowsAsync<ProtocolException>(() => undecodable.Within(Bounds.Generous, "an undecodable result"));

        foreach (var typeName in new[] { "System.String", "No.Such.RemoteOnlyException", "System.IO.FileNotFoundException" })
        {
            var call = connection.CallAsync(() => ResilienceTools.Echo(2));
            var id = (await peer.ReceiveRequestAsync(FrameFlags.Rpc)).Id;
            await peer.SendAsync(FailureNaming(id, typeName));
            var failure = await Assert.ThrowsAnyAsync<Exception>(() => call.Within(Bounds.Generous, "a failed call"));
            output.WriteLine($"exception payload naming {typeName} -> {failure.GetType().FullName}");
            if (typeName == "System.IO.FileNotFoundException") Assert.IsType<FileNotFoundException>(failure);
            else Assert.Equal(typeName, Assert.IsType<RemoteException>(failure).RemoteTypeName);
        }
        Assert.Equal(ConnectionState.Connected, connection.State);
    }

    [Fact]
    public async Task A_response_for_an_id_never_sent_is_ignored_and_logged()
    {
        using var logs = new CollectingLoggerProvider();
        await using var peer = new ScriptedPeer();
        await using var connection = await ConnectAsync(peer, new RmoteOptions { LoggerFactory = logs.CreateFactory() });
        var call = connection.CallAsync(() => ResilienceTools.Echo(1));
        var request = await peer.ReceiveRequestAsync(FrameFlags.Rpc);

        await peer.SendAsync(new Frame(FrameFlags.Response | FrameFlags.Rpc, 999_999, "7"u8.ToArray()));
        await peer.SendAsync(new Frame(FrameFlags.Response | FrameFlags.Rpc, request.Id, "5"u8.ToArray()));

        Assert.Equal(5, await call.Within(Bounds.Generous, "the call"));
        Assert.True(await Faults.EventuallyAsync(() => logs.Messages.Any(m => m.Contains("999999, which this host never sent", StringComparison.Ordinal)), Bounds.Generous),
            "the stray response was not logged");
    }

    private static async Task<RmoteConnection> ConnectAsync(ScriptedPeer peer, RmoteOptions? options = null)
    {
        var connecting = RmoteConnection.StartProcessAsync(peer.Command, options);
        await peer.AcceptAsync();
        return await connecting.Within(Bounds.Generous, "connect to the scripted peer");
    }

    private static Frame FailureNaming(ulong id, string typeName)
    {
        var genuine = ProtocolMessages.Failure(FrameFlags.Rpc, id, new InvalidOperationException("made up"));
        var json = JsonNode.Parse(genuine.Payload.Span)!;
        json["typeName"] = typeName;
        json["assemblyName"] = null;
        return genuine with { Payload = Encoding.UTF8.GetBytes(json.ToJsonString()) };
    }
}
