namespace Rmote.Transports;

/// <summary>Reads OpenSSH-style settings (<c>Name=value</c> or <c>Name value</c>) out of <see cref="SshOptions.Options"/>.</summary>
internal static class SshOptionSettings
{
    /// <summary>The value of the first entry for <paramref name="name"/> (ssh keeps the first), or <c>null</c>.</summary>
    public static string? Find(SshOptions ssh, string name)
    {
        foreach (var option in ssh.Options)
        {
            var trimmed = option.Trim();
            if (trimmed.Length <= name.Length || !trimmed.StartsWith(name, StringComparison.OrdinalIgnoreCase)) continue;
            if (trimmed[name.Length] is not ('=' or ' ' or '\t')) continue;
            return trimmed[(name.Length + 1)..].Trim(' ', '\t', '=');
        }
        return null;
    }
}
