using System.Diagnostics;
using Akka.Actor;
using Rmote.Hosting;

namespace Rmote.Benchmarks;

/// <summary>
/// The message API's figures on a connection actor: one actor telling it <c>count</c> invokes at once and counting the
/// replies (throughput), and invokes asked one after another (round trip).
/// </summary>
internal static class InvokeBurst
{
    /// <summary>Microseconds per invoke of <paramref name="count"/> invokes asked one after another.</summary>
    public static async Task<double> RoundTripMicrosecondsAsync(IActorRef connection, int count, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++) await connection.Ask<InvokeResult>(new Invoke(ToolCall.Create(() => BenchTools.Echo(i))), cancellationToken);
        return clock.Elapsed.TotalMicroseconds / count;
    }

    /// <summary>Invokes per second of one burst of <paramref name="count"/> (the connection lives in the shared system).</summary>
    public static async Task<double> CallsPerSecondAsync(IActorRef connection, int count, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var system = SharedActorSystem.Get(null);
        var burst = system.ActorOf(Props.Create(() => new Sender(connection, count, done)));
        try
        {
            return Measure.PerSecond(count, await done.Task.WaitAsync(cancellationToken));
        }
        finally
        {
            system.Stop(burst);
        }
    }

    private sealed class Sender : ReceiveActor
    {
        public Sender(IActorRef connection, int count, TaskCompletionSource<TimeSpan> done)
        {
            var clock = Stopwatch.StartNew();
            var answered = 0;
            for (var i = 0; i < count; i++) connection.Tell(new Invoke(ToolCall.Create(() => BenchTools.Echo(i)), i));
            Receive<InvokeResult>(_ =>
            {
                if (++answered == count) done.TrySetResult(clock.Elapsed);
            });
            Receive<Status.Failure>(failure => done.TrySetException(failure.Cause));
        }
    }
}
