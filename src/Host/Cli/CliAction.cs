namespace Rmote.Cli;

/// <summary>
/// What a fleet command does on each host — <paramref name="Run"/> makes the fleet call (given the selection and the
/// per-host timeout) — how one host's result reads (<paramref name="Describe"/>) and, for long work, a line on where it
/// is (<paramref name="Status"/>: the live table's caption).
/// </summary>
internal sealed record CliAction<T>(
    string Name,
    Func<FleetCallTarget, TimeSpan, CancellationToken, Task<FleetResult<HostResult<T>>>> Run,
    Func<T, HostOutcome> Describe,
    Func<string?>? Status = null) : ICliRunnable
{
    public Task<int> RunAsync(CliSettings settings, CancellationToken cancellationToken) => FleetRunner.RunAsync(this, settings, cancellationToken);
}

/// <summary>A fleet command ready to run.</summary>
internal interface ICliRunnable
{
    Task<int> RunAsync(CliSettings settings, CancellationToken cancellationToken);
}

/// <summary>How a successful call reads: did it change the host, did it fail by its own measure (an exit code), a line of text, a JSON value.</summary>
internal sealed record HostOutcome(bool Changed, string Text, object? Json, bool Failed = false);
