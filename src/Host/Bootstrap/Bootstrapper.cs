using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Rmote.Transports;

namespace Rmote.Bootstrap;

/// <summary>
/// The host's half of the stage-1 dialogue over a POSIX shell's stdin/stdout: send the script, skip login noise, upload
/// the bundle when asked, and stop right after the <c>exec</c> line — from there on the stream is the agent's.
/// </summary>
internal static class Bootstrapper
{
    /// <summary>
    /// Runs the bootstrap on <paramref name="link"/> (a shell). Returns once the agent has been exec'd; sets
    /// <see cref="AgentTransport.Uploaded"/>. <paramref name="onShellReached"/> runs when the first marker line arrives
    /// (the shell is up, so e.g. ssh authentication is done). Failures are <see cref="RmoteConnectException"/>s.
    /// </summary>
    public static async Task RunAsync(AgentTransport link, AgentBundle bundle, string dotnet, string? cacheDirectory,
        ILogger logger, Action? onShellReached, CancellationToken cancellationToken)
    {
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var marker = $"{BootstrapScript.MarkerPrefix} {nonce} ";
        var script = BootstrapScript.Render(bundle, dotnet, cacheDirectory, nonce);
        if (!await TryWriteAsync(link.Input, Encoding.UTF8.GetBytes(script), cancellationToken).ConfigureAwait(false))
            throw await ShellGoneAsync(link, "before the bootstrap could be sent").ConfigureAwait(false);

        var reached = false;
        while (true)
        {
            var line = await ReadLineAsync(link, cancellationToken).ConfigureAwait(false);
            if (line is null)
                throw await ShellGoneAsync(link, reached ? "during the bootstrap" : "before the bootstrap answered").ConfigureAwait(false);
            var at = line.IndexOf(marker, StringComparison.Ordinal);
            if (at < 0)
            {
                logger.LogTrace("{Target} login output skipped: {Line}", link.Target, line);
                continue;
            }
            if (!reached)
            {
                reached = true;
                onShellReached?.Invoke();
            }

            var reply = line[(at + marker.Length)..];
            var verb = reply.Split(' ', 2)[0];
            switch (verb)
            {
                case "exec":
                    link.Uploaded = reply == "exec uploaded";
                    if (!link.Uploaded)
                        logger.LogDebug("agent bundle {Hash} is cached on {Target}", bundle.Sha256[..12], link.Target);
                    return;
                case "upload":
                    logger.LogInformation("uploading agent bundle {Size:0.0} MB to {Target}", bundle.Length / 1e6, link.Target);
                    if (!await TryUploadAsync(link.Input, bundle, cancellationToken).ConfigureAwait(false))
                        throw await ShellGoneAsync(link, "during the agent upload").ConfigureAwait(false);
                    break;
                case "error":
                    throw await BootstrapErrorAsync(link, reply.Length > 6 ? reply[6..] : "", dotnet).ConfigureAwait(false);
                default:
                    throw new RmoteConnectException(ConnectFailureReason.BootstrapFailed, link.Target,
                        $"unexpected bootstrap reply '{reply}'.", link.StandardErrorTail);
            }
        }
    }

    private static async Task<string?> ReadLineAsync(AgentTransport link, CancellationToken cancellationToken)
    {
        try
        {
            return await link.Output.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ProtocolException noise)
        {
            throw new RmoteConnectException(ConnectFailureReason.TooMuchOutput, link.Target,
                $"the transport printed more than {AgentOutputStream.MaxLineReadBytes / (1024 * 1024)} MiB before the bootstrap "
                + "answered: something on the target (a login script, the shell's start-up files) writes to stdout without "
                + "end. Make it quiet, or use a command that gives a quiet POSIX shell.", link.StandardErrorTail, noise);
        }
    }

    private static Task<bool> TryUploadAsync(Stream input, AgentBundle bundle, CancellationToken cancellationToken) =>
        Guard(() => bundle.WriteToAsync(input, cancellationToken));

    private static Task<bool> TryWriteAsync(Stream input, byte[] bytes, CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            await input.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await input.FlushAsync(cancellationToken).ConfigureAwait(false);
        });

    // A write fails with IOException (EPIPE) when the other side exited: report that as the shell going away, whose
    // stderr says why, rather than as a broken pipe.
    private static async Task<bool> Guard(Func<Task> write)
    {
        try
        {
            await write().ConfigureAwait(false);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static async Task<RmoteConnectException> ShellGoneAsync(AgentTransport link, string when)
    {
        var stderr = await link.ReadFinalStandardErrorAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        var status = link.Exited.IsCompletedSuccessfully ? $"exited with code {link.Exited.Result}" : "closed its output";
        return new RmoteConnectException(ConnectFailureReason.TransportFailed, link.Target,
            $"the transport {status} {when}. Its stderr (below) says why; the command must give a POSIX shell on "
            + "stdin/stdout (ssh: check the destination, port, user and key).", stderr);
    }

    private static async Task<RmoteConnectException> BootstrapErrorAsync(AgentTransport link, string error, string dotnet)
    {
        var parts = error.Split(' ', 2);
        var details = parts.Length > 1 ? parts[1] : "";
        var (reason, advice) = parts[0] switch
        {
            "dotnet-not-found" => (ConnectFailureReason.DotnetNotFound,
                $"'{dotnet}' was not found on the target. Install the .NET 10 runtime there, or set the Dotnet option "
                + "to the full path of its dotnet."),
            "dotnet-too-old" => (ConnectFailureReason.DotnetTooOld,
                "the agent needs the Microsoft.NETCore.App runtime 10 or later on the target. Install it, or set the "
                + "Dotnet option to a dotnet that has it."),
            "cache-not-writable" => (ConnectFailureReason.CacheNotWritable,
                "the agent cache on the target is not writable. Fix its permissions, free space, or set "
                + "RmoteOptions.AgentCacheDirectory."),
            "checksum-mismatch" => (ConnectFailureReason.ChecksumMismatch,
                "the uploaded agent bundle arrived damaged (nothing was cached). Retry; if it persists, something on "
                + "the path alters the stream (a shell wrapper printing to stdin?)."),
            "no-sha256" or "tool-missing" => (ConnectFailureReason.ToolMissing,
                "the target lacks a tool the bootstrap needs (sha256sum/shasum/openssl, head, tail). Install coreutils."),
            _ => (ConnectFailureReason.BootstrapFailed, "the bootstrap failed on the target."),
        };
        var stderr = await link.ReadFinalStandardErrorAsync(TimeSpan.FromMilliseconds(500)).ConfigureAwait(false);
        return new RmoteConnectException(reason, link.Target,
            details.Length > 0 ? $"{advice} ({parts[0]}: {details})" : $"{advice} ({parts[0]})", stderr);
    }
}
