namespace Rmote.Actors.Tests.Kernel.Support;

/// <summary>
/// Lets a test hold an actor inside a handler: the actor calls <see cref="Enter"/>, the test waits for
/// <see cref="WaitEntered"/>, queues more work, then calls <see cref="Open"/>.
/// </summary>
public sealed class Gate : IDisposable
{
    private readonly ManualResetEventSlim _entered = new();
    private readonly ManualResetEventSlim _open = new();

    public void Enter()
    {
        _entered.Set();
        if (!_open.Wait(TimeSpan.FromSeconds(30))) throw new TimeoutException("The test never opened the gate.");
    }

    public void WaitEntered()
    {
        if (!_entered.Wait(TestKit.TestKitSettings.DefaultTimeout)) throw new TimeoutException("The actor never reached the gate.");
    }

    public void Open() => _open.Set();

    public void Dispose()
    {
        _open.Set();
        _entered.Dispose();
        _open.Dispose();
    }
}
