using Microsoft.Extensions.Logging;
using Rmote.Protocol.Framing;

namespace Rmote.Agent;

/// <summary>
/// The agent's command line: <c>dotnet Rmote.Agent.dll [--log-level LEVEL] [--max-frame-size BYTES]
/// [--handshake-timeout SECONDS]</c>.
/// </summary>
internal sealed record AgentOptions
{
    /// <summary>
    /// Worker threads the pool creates without its usual ramp-up delay, so that blocking tool methods (which run on
    /// pool threads) do not starve each other: 40 concurrent 0.5 s sleeps finish together. Threads are created only
    /// when needed, so an idle agent does not pay for them.
    /// </summary>
    public const int MinWorkerThreads = 128;

    /// <summary>The lowest level forwarded to the host (default: everything; the host filters).</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Trace;

    /// <summary>Frame limits and compression.</summary>
    public FrameCodecOptions Codec { get; init; } = FrameCodecOptions.Default;

    /// <summary>
    /// How long the agent waits for the host's <c>PROTOCOL READY</c> before it exits (code 2): a peer that never
    /// completes the handshake does not keep an agent around. Default 60 s.
    /// </summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Parses the command line.</summary>
    /// <exception cref="ArgumentException">An unknown option or a bad value.</exception>
    public static AgentOptions Parse(IReadOnlyList<string> args)
    {
        var options = new AgentOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"Option {args[i]} needs a value.");
            options = args[i] switch
            {
                "--log-level" when Enum.TryParse<LogLevel>(value, ignoreCase: true, out var level) => options with { LogLevel = level },
                "--max-frame-size" when int.TryParse(value, out var size) && size > 0 => options with { Codec = options.Codec with { MaxFrameSize = size } },
                "--handshake-timeout" when double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0 =>
                    options with { HandshakeTimeout = TimeSpan.FromSeconds(seconds) },
                _ => throw new ArgumentException($"Unknown option or bad value: {args[i]} {value}"),
            };
            i++;
        }

        return options;
    }
}
