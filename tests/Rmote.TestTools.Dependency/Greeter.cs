namespace Rmote.TestTools.Dependency;

/// <summary>Lives in its own assembly so that calling it from a tool makes the agent request this assembly.</summary>
public static class Greeter
{
    public static string Greet(string name) => $"Hello from the dependency, {name}!";
}
