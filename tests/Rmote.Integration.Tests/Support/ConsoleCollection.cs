namespace Rmote.Integration.Tests.Support;

/// <summary>
/// Tests that capture <see cref="Console.Out"/> (a documented snippet printing its results): the console is one per
/// process, so they run alone — a test running beside them (an ActorSystem logging to stdout) would write into what they
/// capture.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "console";
}
