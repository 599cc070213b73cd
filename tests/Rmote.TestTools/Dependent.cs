using Rmote.TestTools.Dependency;

namespace Rmote.TestTools;

[Tool]
public static class Dependent
{
    public static string Greet(string name) => Greeter.Greet(name);
}
