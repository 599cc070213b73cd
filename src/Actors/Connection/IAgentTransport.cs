using Rmote.Protocol.Framing;

namespace Rmote.Actors.Connection;

/// <summary>
/// A started agent that has completed the handshake, as the connection sees it: a stream to write frames to, a decoder
/// positioned after <c>PROTOCOL READY</c>, and a way to end it. The transport that made it decides how the process is
/// reaped; disposing must never hang.
/// </summary>
internal interface IAgentTransport : IAsyncDisposable
{
    /// <summary>Human-readable target, e.g. <c>local</c> or <c>deploy@web1</c>, used in errors and logs.</summary>
    string Target { get; }

    /// <summary>The agent's process id on this machine (the local agent, or the ssh client), if there is one.</summary>
    int? ProcessId { get; }

    /// <summary>Written by the host: the agent's standard input.</summary>
    Stream Input { get; }

    /// <summary>Reads the agent's protocol output; the handshake has already been read through it.</summary>
    FrameDecoder Decoder { get; }

    /// <summary>Completes with the exit code when the process has exited.</summary>
    Task<int> Exited { get; }

    /// <summary>The last lines the process wrote to standard error (bounded), for error messages.</summary>
    string StandardErrorTail { get; }
}
