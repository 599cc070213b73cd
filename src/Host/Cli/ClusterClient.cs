using System.Net;
using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Rmote.Cli;

/// <summary>
/// <c>--cluster SEED</c>: this process joins the cluster of controllers as a proxy-only member (it holds no connection;
/// <c>WithRmoteHostProxy</c>), so the fleet commands run through the cluster's hosts. Disposing leaves the cluster
/// gracefully (CoordinatedShutdown). Akka's own logging goes to the CLI's logger (stderr, with <c>--verbose</c>), never
/// to stdout.
/// </summary>
internal sealed class ClusterClient : IAsyncDisposable
{
    /// <summary>How long joining may take before the command gives up with a clear error.</summary>
    public static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(30);

    private readonly ServiceProvider services;
    private readonly IHostedService[] started;

    private ClusterClient(ServiceProvider services, IHostedService[] started, ActorSystem system, IActorRef hosts)
    {
        this.services = services;
        this.started = started;
        System = system;
        Hosts = hosts;
    }

    /// <summary>The client's actor system (a member of the cluster).</summary>
    public ActorSystem System { get; }

    /// <summary>The node's <c>RmoteHosts</c> actor: the fleet's route to the cluster's hosts.</summary>
    public IActorRef Hosts { get; }

    /// <summary>
    /// The seed's Akka address: <c>HOST:PORT</c> means <c>akka.tcp://rmote@HOST:PORT</c> (the actor system name of
    /// the cluster defaults to <c>rmote</c>); a full <c>akka.tcp://NAME@HOST:PORT</c> is taken as it is.
    /// </summary>
    /// <exception cref="ArgumentException">Neither form.</exception>
    public static Address SeedAddress(string seed)
    {
        var text = seed.Contains("://", StringComparison.Ordinal) ? seed : $"akka.tcp://rmote@{seed}";
        try
        {
            var address = Address.Parse(text);
            if (string.IsNullOrEmpty(address.Host) || address.Port is not (> 0 and <= 65535)) throw new UriFormatException("no host or no port 1–65535");
            return address;
        }
        catch (Exception e) when (e is UriFormatException or ArgumentException or FormatException)
        {
            throw new ArgumentException($"--cluster '{seed}' is not HOST:PORT or akka.tcp://SYSTEM@HOST:PORT ({e.Message}).", e);
        }
    }

    /// <summary>Joins the cluster at <paramref name="seed"/> and waits (bounded) until this member is up.</summary>
    /// <exception cref="ArgumentException">The seed is malformed.</exception>
    /// <exception cref="TimeoutException">The cluster did not take this member within <see cref="JoinTimeout"/>.</exception>
    public static async Task<ClusterClient> JoinAsync(string seed, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var address = SeedAddress(seed);
        // Reachable by the cluster at the address it reaches the seed by: loopback for a loopback seed, else this host's name.
        var self = IPAddress.TryParse(address.Host, out var ip) && IPAddress.IsLoopback(ip) || address.Host == "localhost" ? "127.0.0.1" : Dns.GetHostName();
        var collection = new ServiceCollection();
        collection.AddSingleton(loggerFactory);
        collection.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        collection.AddSingleton<IHostApplicationLifetime, Lifetime>();
        collection.AddAkka(address.System, akka => akka
            .ConfigureLoggers(loggers =>
            {
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            })
            // Akka's fallback logger (start-up, shutdown) writes to stdout, which must hold the --json document only.
            .AddHocon("akka.stdout-loglevel = OFF", HoconAddMode.Prepend)
            .WithRemoting(self, 0)
            .WithClustering(new ClusterOptions { SeedNodes = [address.ToString()], Roles = [] })
            .WithRmoteHostProxy());
        var services = collection.BuildServiceProvider();
        var hosted = services.GetServices<IHostedService>().ToArray();
        var started = new List<IHostedService>();
        try
        {
            foreach (var service in hosted)
            {
                await service.StartAsync(cancellationToken).ConfigureAwait(false);
                started.Add(service);
            }
            var system = services.GetRequiredService<ActorSystem>();
            var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Akka.Cluster.Cluster.Get(system).RegisterOnMemberUp(up.SetResult);
            try
            {
                await up.Task.WaitAsync(JoinTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"Could not join the cluster at {address} within {JoinTimeout.TotalSeconds:0} s (is a member listening there?).");
            }
            var hosts = await services.GetRequiredService<ActorRegistry>().GetAsync<RmoteHosts>(cancellationToken).ConfigureAwait(false);
            return new ClusterClient(services, [.. started], system, hosts);
        }
        catch
        {
            await StopAsync(services, started).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Leaves the cluster gracefully (bounded) and releases everything.</summary>
    public async ValueTask DisposeAsync() => await StopAsync(services, started).ConfigureAwait(false);

    private static async Task StopAsync(ServiceProvider services, IEnumerable<IHostedService> started)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        // Once its loggers have stopped, Akka logs the rest of its shutdown ("Remoting shut down.") to stdout whatever
        // stdout-loglevel says; the command's output is complete by now, so stdout is closed to it.
        Console.SetOut(TextWriter.Null);
        foreach (var service in started.Reverse())
        {
            try
            {
                await service.StopAsync(bound.Token).ConfigureAwait(false);   // Akka.Hosting runs CoordinatedShutdown here
            }
            catch (OperationCanceledException)
            {
                // Bounded: the process exits anyway.
            }
        }
        await services.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// The command is the application: Akka.Hosting wants a lifetime to stop when the actor system ends on its own
    /// (the command then fails its pending calls through the fleet, which is what it should do anyway).
    /// </summary>
    private sealed class Lifetime : IHostApplicationLifetime, IDisposable
    {
        private readonly CancellationTokenSource stopping = new();

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => stopping.Token;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => stopping.Cancel();

        public void Dispose() => stopping.Dispose();
    }
}
