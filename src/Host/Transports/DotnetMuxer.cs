namespace Rmote.Transports;

/// <summary>Finds the <c>dotnet</c> host that runs a local agent: the same installation as this process where possible.</summary>
internal static class DotnetMuxer
{
    /// <summary>
    /// This process's own host when it is <c>dotnet</c> (tests, <c>dotnet Rmote.Host.dll</c>); else
    /// <c>DOTNET_HOST_PATH</c> (set by the SDK for tools it runs); else <c>dotnet</c> from PATH.
    /// </summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        var own = Environment.ProcessPath;
        if (own is not null && System.IO.Path.GetFileNameWithoutExtension(own).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            return own;
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
            return fromSdk;
        return "dotnet";
    }
}
