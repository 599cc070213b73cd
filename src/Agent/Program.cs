using Rmote.Agent;
using Rmote.Agent.Stdio;

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

// From here on, nothing written to stdout/stderr (by us, a tool or a child) can reach the protocol stream.
var (input, output) = StdioProtection.Apply();

// Announce ourselves before any other start-up work: the host reads this line and sends its own while we initialize.
output.Write(Rmote.Protocol.Framing.Handshake.ReadyLine);
output.Flush();
ThreadPool.GetMinThreads(out var workers, out var completionPorts);
ThreadPool.SetMinThreads(Math.Max(workers, AgentOptions.MinWorkerThreads), completionPorts);

using var session = new AgentSession(input, output, options);
return await session.RunAsync().ConfigureAwait(false);
