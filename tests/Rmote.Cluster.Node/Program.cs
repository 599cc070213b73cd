using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rmote;
using Rmote.Cluster.Node;

// One controller of a test cluster. stdout carries only the control protocol (see NodeCommands); logs go to stderr.
var node = NodeArguments.Parse(args);
var output = Console.Out;
var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Logging.SetMinimumLevel(LogLevel.Information);
builder.Services.AddAkka("rmote", akka =>
{
    akka.ConfigureLoggers(loggers => loggers.AddLoggerFactory());
    var seeds = node.Seeds.Select(port => $"akka.tcp://rmote@127.0.0.1:{port}").ToArray();
    var cluster = new RmoteClusterOptions { PassivateIdleAfter = node.PassivateIdleAfter ?? TimeSpan.FromMinutes(10), DrainTimeout = TimeSpan.FromSeconds(20) };
    var agent = node.MaxCallsInFlight is { } inFlight ? new RmoteOptions { MaxCallsInFlight = inFlight } : new RmoteOptions();
    #region snippet:cluster-member
    akka.WithRemoting("127.0.0.1", node.Port)
        .WithClustering(new ClusterOptions
        {
            SeedNodes = seeds,
            Roles = node.Proxy ? [] : [cluster.Role],     // the members that hold connections carry the role
            SplitBrainResolver = new KeepMajorityOption(),
        })
        // A small cluster on one network: notice a dead node in ~3 s and down it 3 s after the membership settles.
        .AddHocon("""
            akka.cluster.failure-detector { heartbeat-interval = 500ms, acceptable-heartbeat-pause = 2s }
            akka.cluster.split-brain-resolver.stable-after = 3s
            """, HoconAddMode.Prepend);
    if (node.Proxy)
        akka.WithRmoteHostProxy(cluster);                          // a client: holds no connection
    else
        akka.WithRmoteHostRegion(host => RmoteProps.Local(agent), cluster);   // entity id = host name → its connection
    #endregion
    // A careless member: stock Hyperion under Rmote's serializer id, no type filter, one more type bound to it.
    if (node.Smuggle)
        akka.AddHocon(Rmote.Actors.Cluster.ClusterSerialization.Config([typeof(Smuggled)], "Akka.Serialization.HyperionSerializer, Akka.Serialization.Hyperion"), HoconAddMode.Prepend);
    akka.WithActors((system, registry) =>
    {
        system.ActorOf(Props.Create(() => new EchoActor(output)), "echo");
        Akka.Cluster.Cluster.Get(system).RegisterOnMemberUp(() => { lock (output) output.WriteLine($"up {Environment.ProcessId}"); });
    });
});
using var host = builder.Build();
await host.StartAsync();
await new NodeCommands(host.Services, output).RunAsync(Console.In, host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
await host.StopAsync();
