using Akka.Actor;
using Akka.Configuration;
using Akka.Hosting.Logging;
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
        var setup = BootstrapSetup.Create().WithConfig(Configuration(loggerFactory is not null))
            .And(new LoggerFactorySetup(loggerFactory ?? NullLoggerFactory.Instance));
        return ActorSystem.Create("rmote", setup);
    }
}
