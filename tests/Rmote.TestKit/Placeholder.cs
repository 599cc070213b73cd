namespace Rmote.TestKit;
internal static class Placeholder { }
