using System.Text;

namespace Rmote.Bootstrap;

/// <summary>
/// Renders the stage-1 bootstrap (embedded <c>stage1.sh</c>) for one connection: the per-connection values become
/// quoted assignments in front of the script, and the whole is wrapped as one <c>exec sh -c '…'</c> line. That line
/// is the only thing written to the target shell before it answers: a shell reading its script from a pipe may read
/// ahead (dash does), which would swallow an upload sent behind the script.
/// </summary>
internal static class BootstrapScript
{
    /// <summary>The fixed part of every marker line; the nonce follows it.</summary>
    public const string MarkerPrefix = "RMOTE-BOOT";

    private static readonly string Body = LoadBody();

    /// <summary>The line to write to a POSIX shell's stdin (ends with a newline).</summary>
    public static string Render(AgentBundle bundle, string dotnet, string? cacheDirectory, string nonce)
    {
        var script = new StringBuilder()
            .Append("n=").Append(ShellQuote.Quote(nonce)).Append('\n')
            .Append("D=").Append(ShellQuote.Quote(dotnet)).Append('\n')
            .Append("H=").Append(bundle.Sha256).Append('\n')
            .Append("C=").Append(ShellQuote.Quote(cacheDirectory ?? "")).Append('\n')
            .Append("N=").Append(bundle.Length).Append('\n')
            .Append("E=").Append(ShellQuote.Quote(AgentBundle.EntryAssembly)).Append('\n')
            .Append("MAN=").Append(ShellQuote.Quote(bundle.Manifest)).Append('\n')
            .Append("FILES=").Append(ShellQuote.Quote(string.Join(' ', bundle.Files.Select(f => f.RelativePath)))).Append('\n');
        // The agent's runtime settings, inherited through the exec that starts it (the same a local agent gets).
        foreach (var (name, value) in Transports.AgentTransports.AgentEnvironment)
            script.Append("export ").Append(name).Append('=').Append(ShellQuote.Quote(value)).Append('\n');
        return $"exec sh -c {ShellQuote.Quote(script.Append(Body).ToString())} rmote-stage1\n";
    }

    // Comment lines are documentation for readers of stage1.sh, not for the wire.
    private static string LoadBody()
    {
        using var stream = typeof(BootstrapScript).Assembly.GetManifestResourceStream("Rmote.Bootstrap.stage1.sh")
            ?? throw new InvalidOperationException("Rmote.Host was built without its stage-1 bootstrap script.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var lines = reader.ReadToEnd().Split('\n').Where(l => !l.TrimStart().StartsWith('#') && l.Trim().Length > 0);
        return string.Join('\n', lines) + '\n';
    }
}
