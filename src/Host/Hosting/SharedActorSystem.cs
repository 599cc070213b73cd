using Akka.Actor;
using Akka.Actor.Internal;
using Akka.Configuration;
using Akka.Hosting.Logging;
using Akka.Util;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Rmote.Hosting;

/// <summary>
/// The one actor system per process that connections live in when the application gives none
/// (<see cref="RmoteOptions.ActorSystem"/>): created on first use, kept for the life of the process. Akka's own log
/// goes to the <see cref="ILoggerFactory"/> of the options that created it (through Akka.Hosting's logger bridge), and
/// nothing goes to stdout.
/// </summary>
internal static class SharedActorSystem
{
    private static readonly object Gate = new();
    private static ActorSystem? system;

    /// <summary>The shared system; the first caller's <paramref name="loggerFactory"/> receives Akka's log.</summary>
    public static ActorSystem Get(ILoggerFactory? loggerFactory)
    {
        if (Volatile.Read(ref system) is { } created) return created;
        lock (Gate) return system ??= Create(loggerFactory);
    }

    /// <summary>Akka settings of a system of ours: its log goes to the logger factory bridge, or nowhere when <paramref name="logging"/> is off; never stdout.</summary>
    internal static Config Configuration(bool logging) => ConfigurationFactory.ParseString($$"""
        akka {
          loglevel = {{(logging ? "INFO" : "OFF")}}
          stdout-loglevel = OFF
          loggers = ["Akka.Hosting.Logging.LoggerFactoryLogger, Akka.Hosting"]
          log-config-on-start = off
          log-dead-letters = off
          log-dead-letters-during-shutdown = off
        }
        """);

    internal static ActorSystem Create(ILoggerFactory? loggerFactory)
    {
        var config = Configuration(loggerFactory is not null);
        var setup = BootstrapSetup.Create().WithConfig(config).And(new LoggerFactorySetup(loggerFactory ?? NullLoggerFactory.Instance));
        // What ActorSystem.Create(name, setup) does, minus its look for an "akka" section in the application's .config
        // file (ConfigurationFactory.Load, run even when the setup carries the config): starting System.Configuration
        // costs a fresh process ~380 JIT-compiled methods, 12 assemblies and ~40 ms of CPU (5 runs: 258 → 218 ms CPU
        // to a created system), and this system's settings never come from a .config file.
        var system = new ActorSystemImpl("rmote", config, setup, Option<Props>.None);
        system.Start();
        return system;
    }
}
