using System.Runtime.Loader;
using Microsoft.Extensions.Logging;
using Rmote.Protocol.Messages;
using Rmote.Protocol.Tools;

namespace Rmote.Agent;

/// <summary>
/// Runs the code paths of a first call once, on a spare core, while the host is still finishing its side of the
/// handshake and reading the tool assembly to send: the JSON contracts, a tool method's decode/invoke/encode, a LOG
/// frame, a collectible load context. The first real call then finds them compiled instead of paying for the JIT.
/// Best effort: a failure here changes nothing but timing.
/// </summary>
internal static class Warmup
{
    /// <summary>Starts the warm-up in the background.</summary>
    public static void Start() => ThreadPool.UnsafeQueueUserWorkItem(static _ => Run(), null);

    private static void Run()
    {
        try
        {
            var method = ToolMethod.For(typeof(WarmupTool), typeof(WarmupTool).GetMethod(nameof(WarmupTool.Echo))!);
            var request = method.CreateRequest(1, ["warm", 1]);
            var arguments = method.DecodeArguments(request.Payload.Span, CancellationToken.None);
            var invoker = new Dispatch.ToolInvoker(method);
            var result = invoker.InvokeAsync(arguments).AsTask().GetAwaiter().GetResult();
            method.DecodeResult(method.CreateResult(1, result));
            ProtocolMessages.ReadLog(ProtocolMessages.Log(new LogRecord(LogLevel.Debug, "warmup", 0, null, "warm", null)));
            ProtocolMessages.ReadException(ProtocolMessages.Failure(Protocol.Framing.FrameFlags.Rpc, 1, new InvalidOperationException("warm")));
            var context = new AssemblyLoadContext("rmote-warmup", isCollectible: true);
            context.Unload();
        }
        catch (Exception)
        {
            // Only timing depends on this.
        }
    }

    /// <summary>A tool of the agent's own, never called remotely: it only gives the warm-up a real method to run.</summary>
    [Tool]
    internal static class WarmupTool
    {
        public static string Echo(string text, int count) => count == 1 ? text : string.Concat(Enumerable.Repeat(text, count));
    }
}
