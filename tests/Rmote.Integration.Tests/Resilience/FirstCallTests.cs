using System.Diagnostics;
using Rmote.Integration.Tests.Support;
using Rmote.Protocol.Framing;
using Rmote.Protocol.Messages;
using Rmote.TestTools;
using Xunit.Abstractions;

namespace Rmote.Integration.Tests.Resilience;

/// <summary>
/// A connection's first call, seen from the agent's side of the pipe (a scripted peer behind a real process): the
/// request goes right behind its assembly's SYNC, without waiting for the SYNC's reply, and an agent that refuses the
/// SYNC fails that call with its own reason. A connect given up on never leaves its process behind.
/// </summary>
[Collection(ResilienceCollection.Name)]
public sealed class FirstCallTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_first_request_follows_its_SYNC_before_the_agent_has_replied()
    {
        await using var peer = new ScriptedPeer();
        await using var connection = await ConnectAsync(peer);
        var call = connection.CallAsync(() => ResilienceTools.Echo(7));

        var sync = await NextAsync(peer);
        Assert.True(sync.Has(FrameFlags.Request | FrameFlags.Sync), $"expected the SYNC, got {sync}");
        // Nothing answered yet: a host that waits for the SYNC's reply never sends this.
        var request = await NextAsync(peer);
        Assert.True(request.Has(FrameFlags.Request | FrameFlags.Rpc), $"expected the call's request, got {request}");

        await peer.SendAsync(ProtocolMessages.SyncReply(sync.Id, typeof(ResilienceTools).Assembly.GetName().Name!));
        await peer.SendAsync(new Frame(FrameFlags.Response | FrameFlags.Rpc, request.Id, "7"u8.ToArray()));
        Assert.Equal(7, await call.Within(Bounds.Generous, "the first call"));

        // Confirmed: the next call sends no SYNC.
        var second = connection.CallAsync(() => ResilienceTools.Echo(8));
        var next = await NextAsync(peer);
        Assert.True(next.Has(FrameFlags.Request | FrameFlags.Rpc), $"expected a request and no second SYNC, got {next}");
        await peer.SendAsync(new Frame(FrameFlags.Response | FrameFlags.Rpc, next.Id, "8"u8.ToArray()));
        Assert.Equal(8, await second.Within(Bounds.Generous, "the second call"));
        Assert.Equal(1, connection.SyncCount);
    }

    [Fact]
    public async Task A_refused_SYNC_fails_the_call_sent_behind_it_with_the_agents_reason()
    {
        await using var peer = new ScriptedPeer();
        await using var connection = await ConnectAsync(peer);
        var call = connection.CallAsync(() => ResilienceTools.Echo(1));
        var sync = await NextAsync(peer);
        var request = await NextAsync(peer);
        Assert.True(request.Has(FrameFlags.Request | FrameFlags.Rpc), $"expected the call's request, got {request}");

        // What a real agent answers: the SYNC's failure, then the call's (it found no such tool).
        await peer.SendAsync(ProtocolMessages.Failure(FrameFlags.Sync, sync.Id, new BadImageFormatException("The image is not a .NET assembly this agent can load.")));
        await peer.SendAsync(ProtocolMessages.Failure(FrameFlags.Rpc, request.Id, new MissingMethodException("No tool type Rmote.TestTools.ResilienceTools on the agent.")));

        var failure = await Assert.ThrowsAsync<BadImageFormatException>(() => call.Within(Bounds.Generous, "a call behind a refused SYNC"));
        output.WriteLine(failure.ToString());
        Assert.Contains("not a .NET assembly", failure.Message, StringComparison.Ordinal);

        // Not confirmed, so not marked synced: the next first call sends the SYNC again, and its request behind it.
        var again = connection.CallAsync(() => ResilienceTools.Echo(2));
        var resync = await NextAsync(peer);
        Assert.True(resync.Has(FrameFlags.Request | FrameFlags.Sync), $"expected a second SYNC, got {resync}");
        var retried = await NextAsync(peer);
        await peer.SendAsync(ProtocolMessages.SyncReply(resync.Id, typeof(ResilienceTools).Assembly.GetName().Name!));
        await peer.SendAsync(new Frame(FrameFlags.Response | FrameFlags.Rpc, retried.Id, "2"u8.ToArray()));
        Assert.Equal(2, await again.Within(Bounds.Generous, "the retried call"));
        Assert.Equal(ConnectionState.Connected, connection.State);
    }

    [Fact]
    public async Task A_connect_cancelled_before_the_handshake_leaves_no_process_behind()
    {
        // The agent starts before the connection's actors exist: a caller giving up meanwhile must still end it.
        var marker = "rmote-first-call-" + Guid.NewGuid().ToString("N")[..12];
        using var cancel = new CancellationTokenSource();
        var connecting = RmoteConnection.StartProcessAsync(["sh", "-c", "cat > /dev/null; : " + marker], cancellationToken: cancel.Token);
        Assert.True(await Faults.EventuallyAsync(() => ProcessesNaming(marker) > 0, Bounds.Generous), "the agent process never started");

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connecting.Within(Bounds.Generous, "a cancelled connect"));
        Assert.True(await Faults.EventuallyAsync(() => ProcessesNaming(marker) == 0, Bounds.Generous), "the agent process was left running");
    }

    private static int ProcessesNaming(string marker) =>
        Process.GetProcesses().Count(p =>
        {
            try
            {
                return File.ReadAllText($"/proc/{p.Id}/cmdline").Contains(marker, StringComparison.Ordinal);
            }
            catch (IOException)
            {
                return false;   // it exited meanwhile
            }
            finally
            {
                p.Dispose();
            }
        });

    // The host's heartbeat may come in between: skip it.
    private static async Task<Frame> NextAsync(ScriptedPeer peer)
    {
        while (true)
        {
            var frame = await peer.ReceiveAsync();
            if (!frame.Has(FrameFlags.Ping)) return frame;
        }
    }

    private static async Task<RmoteConnection> ConnectAsync(ScriptedPeer peer)
    {
        var connecting = RmoteConnection.StartProcessAsync(peer.Command);
        await peer.AcceptAsync();
        return await connecting.Within(Bounds.Generous, "connect to the scripted peer");
    }
}
