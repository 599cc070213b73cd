namespace Rmote.Demo;

/// <summary>Where a call ran.</summary>
/// <param name="ProcessId">The agent's process id.</param>
/// <param name="Runtime">The agent's .NET runtime version.</param>
/// <param name="OperatingSystem">The agent machine's OS description.</param>
public sealed record AgentFacts(int ProcessId, string Runtime, string OperatingSystem);
