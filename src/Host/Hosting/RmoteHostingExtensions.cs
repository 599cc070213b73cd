using Akka.Hosting;
using Microsoft.Extensions.Logging;
using Rmote.Hosting;

namespace Rmote;

/// <summary>Rmote for Akka.Hosting applications (<c>services.AddAkka(name, builder =&gt; builder.WithRmote(…)))</c>.</summary>
public static class RmoteHostingExtensions
{
    /// <summary>
    /// Starts the declared connections when the application's actor system starts: each a top-level actor made from
    /// <see cref="RmoteProps"/>, registered in the <c>ActorRegistry</c> under its key type. Forwarded remote logs and
    /// the connections' own log go to the host's <see cref="ILoggerFactory"/> unless a connection's options name
    /// another. (Akka's own log follows the application's logger setup, e.g. <c>ConfigureLoggers(l =&gt; l.AddLoggerFactory())</c>.)
    /// </summary>
    /// <example><c>builder.WithRmote(rmote =&gt; rmote.AddLocal&lt;LocalAgent&gt;("local-agent"))</c></example>
    public static AkkaConfigurationBuilder WithRmote(this AkkaConfigurationBuilder builder, Action<RmoteConnectionsBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var connections = new RmoteConnectionsBuilder();
        configure(connections);
        return builder.WithActors((system, registry, resolver) =>
        {
            var hostLogging = resolver.GetService<ILoggerFactory>();
            foreach (var declared in connections.Connections)
            {
                var options = declared.Options.LoggerFactory is null && hostLogging is not null
                    ? declared.Options with { LoggerFactory = hostLogging }
                    : declared.Options;
                var actor = system.ActorOf(declared.Props(options), declared.Name);
                if (!registry.TryRegister(declared.Key, actor))
                    throw new InvalidOperationException($"The ActorRegistry already holds an actor keyed {declared.Key.Name}; give the Rmote connection '{declared.Name}' its own key type.");
            }
        });
    }
}
