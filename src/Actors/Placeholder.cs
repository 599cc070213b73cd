namespace Rmote; internal static class PlaceholderActors { }
