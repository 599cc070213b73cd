using Rmote.Agent;
using Rmote.Agent.Diagnostics;
using Rmote.Agent.Stdio;

StartupTimeline.Start();

AgentOptions options;
try
{
    options = AgentOptions.Parse(args);
}
catch (ArgumentException bad)
{
    Console.Error.WriteLine($"rmote agent: {bad.Message}");
    Console.Error.WriteLine("usage: dotnet Rmote.Agent.dll [--log-level Trace|Debug|Information|Warning|Error|Critical|None] [--max-frame-size BYTES] [--handshake-timeout SECONDS]");
    return 2;
}

// From here on, nothing written to stdout/stderr (by us, a tool or a child) can reach the protocol stream. Our
// handshake line goes out first, before any other start-up work: the host sends its own and its first frames while we
// initialize.
var (input, output) = StdioProtection.Apply(Rmote.Protocol.Framing.Handshake.ReadyLine);
StartupTimeline.Mark("streams open");
ThreadPool.GetMinThreads(out var workers, out var completionPorts);
ThreadPool.SetMinThreads(Math.Max(workers, AgentOptions.MinWorkerThreads), completionPorts);

using var session = new AgentSession(input, output, options);
StartupTimeline.Mark("session created");
return await session.RunAsync().ConfigureAwait(false);
