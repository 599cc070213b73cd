using System.Diagnostics;

namespace Rmote.Tools.Tests.Infrastructure;

/// <summary>
/// What "touches nothing" means for a file, read independently of the tools with coreutils' stat: inode (an atomic
/// replace changes it), mtime and ctime with nanoseconds (any write, chmod or chown changes ctime), mode and owner.
/// </summary>
public sealed record FileIdentity(string Inode, string Modified, string StatusChanged, string Mode, string Owner, string Group)
{
    public static FileIdentity Of(string path)
    {
        var fields = Run("stat", "--format=%i|%y|%z|%a|%U|%G", path).Trim().Split('|');
        return new FileIdentity(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
    }

    public static string Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {error.Result}");
        return output.Result;
    }
}
