using System.Diagnostics;
using Rmote.Actors;

namespace Rmote.Benchmarks;

/// <summary>
/// The actor kernel: <c>tell_msgs_per_s</c> (one sender thread telling one actor), <c>pingpong_roundtrips_per_s</c> (two
/// actors, one message in flight), <c>ask_roundtrip_us</c> (sequential asks from a non-actor caller).
/// </summary>
public sealed class KernelSuite : IBenchmarkSuite
{
    private const int TellMessages = 5_000_000;
    private const int Roundtrips = 500_000;
    private const int Asks = 50_000;

    public string Name => "kernel";

    public async Task<IReadOnlyDictionary<string, double>> RunAsync(int runs, TextWriter log, CancellationToken cancellationToken)
    {
        var system = ActorSystem.Create("bench");
        try
        {
            // Warm-up: JIT and tiering of every path measured below.
            await TellAsync(system, TellMessages / 10);
            await PingPongAsync(system, Roundtrips / 10);
            await AskAsync(system, Asks / 10);

            return new Dictionary<string, double>
            {
                ["tell_msgs_per_s"] = await Measure.MedianOfAsync("tell_msgs_per_s", runs, log, () => TellAsync(system, TellMessages)),
                ["pingpong_roundtrips_per_s"] = await Measure.MedianOfAsync("pingpong_roundtrips_per_s", runs, log, () => PingPongAsync(system, Roundtrips)),
                ["ask_roundtrip_us"] = await Measure.MedianOfAsync("ask_roundtrip_us", runs, log, () => AskAsync(system, Asks)),
            };
        }
        finally
        {
            await system.Terminate();
        }
    }

    private static async Task<double> TellAsync(ActorSystem system, int count)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sink = system.ActorOf(Props.Create(() => new Sink(count, done)));
        var message = new object();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++) sink.Tell(message, ActorRefs.NoSender);
        await done.Task;
        var rate = Measure.PerSecond(count, watch.Elapsed);
        system.Stop(sink);
        return rate;
    }

    private static async Task<double> PingPongAsync(ActorSystem system, int roundtrips)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pong = system.ActorOf(Props.Create<Pong>());
        var ping = system.ActorOf(Props.Create(() => new Ping(roundtrips, pong, done)));
        var watch = Stopwatch.StartNew();
        ping.Tell(Ball.Instance, ActorRefs.NoSender);
        await done.Task;
        var rate = Measure.PerSecond(roundtrips, watch.Elapsed);
        system.Stop(ping);
        system.Stop(pong);
        return rate;
    }

    private static async Task<double> AskAsync(ActorSystem system, int asks)
    {
        var echo = system.ActorOf(Props.Create<Pong>());
        var ball = Ball.Instance;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < asks; i++) await echo.Ask<Ball>(ball, TimeSpan.FromSeconds(10));
        var micros = watch.Elapsed.TotalMicroseconds / asks;
        system.Stop(echo);
        return micros;
    }

    private sealed class Ball
    {
        public static readonly Ball Instance = new();
    }

    private sealed class Sink : ActorBase
    {
        private readonly TaskCompletionSource _done;
        private int _left;

        public Sink(int count, TaskCompletionSource done)
        {
            _left = count;
            _done = done;
        }

        protected override bool Receive(object message)
        {
            if (--_left == 0) _done.SetResult();
            return true;
        }
    }

    private sealed class Pong : ReceiveActor
    {
        public Pong() => Receive<Ball>(ball => Sender.Tell(ball, Self));
    }

    private sealed class Ping : ReceiveActor
    {
        public Ping(int roundtrips, IActorRef pong, TaskCompletionSource done)
        {
            var left = roundtrips;
            Receive<Ball>(ball =>
            {
                if (left-- == 0) done.SetResult();
                else pong.Tell(ball, Self);
            });
        }
    }
}
