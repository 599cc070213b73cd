using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Rmote.Tools.Common;

namespace Rmote.Agent.Loading;

/// <summary>
/// The built-in tools (Rmote.Tools), which ship with the agent and are never synced — loaded only when a call first
/// needs them: an agent that never runs a built-in tool does not pay for loading it (time and resident memory). The
/// agent's hooks for them (<see cref="AgentHooks"/>: log level, exit) are installed the moment the assembly loads,
/// however it gets loaded (a call of a built-in tool, or a synced tool that uses one).
/// </summary>
internal static class BuiltInTools
{
    /// <summary>The simple name of the built-in tools' assembly.</summary>
    public const string AssemblyName = "Rmote.Tools";

    private static readonly Lock Gate = new();
    private static (Func<LogLevel, LogLevel>? LogLevel, Action<int>? Exit) hooks;
    private static bool watching;

    /// <summary>The built-in tools' assembly (loaded on first use).</summary>
    public static Assembly Assembly => Load();

    /// <summary>
    /// Sets the hooks the built-in tools get: now if they are loaded, else when they load; <see langword="null"/>s
    /// remove them (the session ended).
    /// </summary>
    public static void InstallHooks(Func<LogLevel, LogLevel>? logLevel, Action<int>? exit)
    {
        lock (Gate)
        {
            hooks = (logLevel, exit);
            if (!watching)
            {
                AppDomain.CurrentDomain.AssemblyLoad += (_, loaded) =>
                {
                    if (loaded.LoadedAssembly.GetName().Name == AssemblyName) Apply();
                };
                watching = true;
            }
        }

        if (Array.Exists(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == AssemblyName)) Apply();
    }

    private static void Apply()
    {
        lock (Gate)
        {
            Install(hooks.LogLevel, hooks.Exit);
        }
    }

    // Not inlined: only running these bodies loads Rmote.Tools.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Install(Func<LogLevel, LogLevel>? logLevel, Action<int>? exit) => AgentHooks.Install(logLevel, exit);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Assembly Load() => typeof(Rmote.Tools.FileSystem).Assembly;
}
