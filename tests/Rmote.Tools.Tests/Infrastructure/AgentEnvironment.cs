namespace Rmote.Tools.Tests.Infrastructure;

/// <summary>
/// A test-only tool (synced to the agent with the test assembly): changes the agent process's own environment, so a
/// test can put recording fakes of systemctl, pacman or apt-get first on the PATH of one agent without touching the
/// test process or other tests' agents.
/// </summary>
[Tool]
public static class AgentEnvironment
{
    public static string? Get(string name) => Environment.GetEnvironmentVariable(name);

    public static void Set(string name, string? value) => Environment.SetEnvironmentVariable(name, value);
}

/// <summary>A synced test tool that looks at the built-in tools from inside a tool load context.</summary>
[Tool]
public static class LoadContexts
{
    /// <summary>The load context of this (synced) assembly and of the Rmote.Tools it binds to, and whether that is the agent's own copy.</summary>
    public static string[] Describe() =>
    [
        System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(typeof(LoadContexts).Assembly)!.Name!,
        System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(typeof(FileSystem).Assembly)!.Name!,
        typeof(FileSystem).Assembly.Location,
    ];
}
