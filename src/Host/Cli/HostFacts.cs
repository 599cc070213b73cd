namespace Rmote.Cli;

/// <summary>What <c>rmote facts</c> reports about a host, gathered on the host.</summary>
/// <param name="Hostname">The host name.</param>
/// <param name="OperatingSystem">The distribution (PRETTY_NAME of /etc/os-release) or the OS description.</param>
/// <param name="Kernel">The kernel release.</param>
/// <param name="Architecture">The processor architecture.</param>
/// <param name="Cpus">Logical processors available to the agent.</param>
/// <param name="CpuModel">The processor model, when /proc/cpuinfo says.</param>
/// <param name="MemoryTotal">Physical memory, bytes.</param>
/// <param name="MemoryAvailable">Memory available for new work, bytes (MemAvailable).</param>
/// <param name="Disks">Mounted file systems with a size.</param>
/// <param name="Dotnet">The .NET runtime the agent runs on.</param>
/// <param name="User">The user the agent runs as.</param>
public sealed record HostFacts(
    string Hostname, string OperatingSystem, string Kernel, string Architecture, int Cpus, string? CpuModel,
    long MemoryTotal, long MemoryAvailable, IReadOnlyList<DiskFact> Disks, string Dotnet, string User);
