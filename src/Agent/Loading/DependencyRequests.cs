using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.Logging;
using Rmote.Agent.Transport;
using Rmote.Protocol.Framing;
using Rmote.Protocol.Messages;

namespace Rmote.Agent.Loading;

/// <summary>
/// Agent → host requests for assemblies a tool needs but the agent lacks (REQUEST|DEPENDENCY). Assembly resolution is
/// synchronous, so the resolving thread waits for the host's answer, bounded by <see cref="Timeout"/>.
/// </summary>
internal sealed class DependencyRequests(FrameOutbox outbox, ILogger logger)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<ulong, TaskCompletionSource<byte[]?>> pending = new();
    private long lastId;

    /// <summary>Asks the host for <paramref name="name"/>; returns its image, or null when the host has none.</summary>
    public byte[]? Request(AssemblyName name)
    {
        var id = (ulong)Interlocked.Increment(ref lastId);
        var answer = new TaskCompletionSource<byte[]?>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = answer;
        try
        {
            logger.LogDebug("Requesting dependency {Assembly} from the host", name.FullName);
            outbox.Post(ProtocolMessages.DependencyRequest(id, name.FullName));
            if (!answer.Task.Wait(Timeout))
            {
                logger.LogWarning("The host did not answer the request for {Assembly} within {Timeout}", name.FullName, Timeout);
                return null;
            }

            return answer.Task.Result;
        }
        finally
        {
            pending.TryRemove(id, out _);
        }
    }

    /// <summary>Completes the request answered by <paramref name="response"/> (RESPONSE|DEPENDENCY).</summary>
    public void Complete(in Frame response)
    {
        if (pending.TryRemove(response.Id, out var answer))
        {
            answer.TrySetResult(response.IsException || response.Payload.IsEmpty ? null : response.Payload.ToArray());
        }
    }

    /// <summary>Ends every outstanding request with "not found" (the connection is closing).</summary>
    public void CancelAll()
    {
        foreach (var answer in pending.Values)
        {
            answer.TrySetResult(null);
        }
    }
}
