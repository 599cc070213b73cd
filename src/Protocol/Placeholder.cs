namespace Rmote; internal static class PlaceholderProtocol { }
