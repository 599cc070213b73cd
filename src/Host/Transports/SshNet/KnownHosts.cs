using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Rmote.Transports.SshNet;

/// <summary>
/// OpenSSH known_hosts files, read the way <c>ssh</c> reads them: host patterns (comma lists, <c>*</c>/<c>?</c>
/// wildcards, <c>!</c> negation), <c>[host]:port</c> for ports other than 22, hashed <c>|1|salt|hash</c> entries, and
/// the <c>@revoked</c> marker. <c>@cert-authority</c> lines are skipped (SSH.NET offers no host certificates here).
/// </summary>
internal sealed class KnownHosts
{
    private readonly List<Entry> _entries;

    private KnownHosts(List<Entry> entries) => _entries = entries;

    /// <summary>The verdict on a presented host key.</summary>
    public enum Verdict
    {
        /// <summary>An entry for this host has exactly this key.</summary>
        Trusted,

        /// <summary>No entry names this host.</summary>
        Unknown,

        /// <summary>Entries name this host, none with this key (of any type): a changed key.</summary>
        Changed,

        /// <summary>The key is marked <c>@revoked</c> (for any host).</summary>
        Revoked,
    }

    /// <summary>Reads every file that exists (missing files are empty); lines that do not parse are skipped, as ssh does.</summary>
    public static KnownHosts Load(IEnumerable<string> files)
    {
        var entries = new List<Entry>();
        foreach (var file in files)
        {
            if (!File.Exists(file)) continue;
            foreach (var line in File.ReadLines(file))
                if (Entry.TryParse(line) is { } entry) entries.Add(entry);
        }
        return new KnownHosts(entries);
    }

    /// <summary>The name ssh looks up: <c>host</c> on port 22, else <c>[host]:port</c>.</summary>
    public static string LookupName(string host, int port) =>
        port == 22 ? host.ToLowerInvariant() : "[" + host.ToLowerInvariant() + "]:" + port.ToString(CultureInfo.InvariantCulture);

    /// <summary>Checks <paramref name="keyBlob"/> (the SSH wire encoding of the host's public key) for <paramref name="name"/>.</summary>
    public Verdict Check(string name, byte[] keyBlob)
    {
        if (_entries.Any(e => e.Revoked && e.Key.AsSpan().SequenceEqual(keyBlob))) return Verdict.Revoked;
        var forHost = _entries.Where(e => !e.Revoked && e.Matches(name)).ToList();
        if (forHost.Count == 0) return Verdict.Unknown;
        return forHost.Any(e => e.Key.AsSpan().SequenceEqual(keyBlob)) ? Verdict.Trusted : Verdict.Changed;
    }

    /// <summary>The key types (<c>ssh-ed25519</c>, <c>ssh-rsa</c>, …) known for <paramref name="name"/>: the host-key algorithms worth offering.</summary>
    public IReadOnlySet<string> KeyTypesFor(string name) =>
        _entries.Where(e => !e.Revoked && e.Matches(name)).Select(e => e.KeyType).ToHashSet(StringComparer.Ordinal);

    /// <summary>The key type named inside an SSH public key blob (its first string).</summary>
    public static string KeyTypeOf(byte[] keyBlob)
    {
        if (keyBlob.Length < 4) return "";
        var length = BinaryPrimitives.ReadUInt32BigEndian(keyBlob);
        return length <= keyBlob.Length - 4 ? Encoding.ASCII.GetString(keyBlob, 4, (int)length) : "";
    }

    /// <summary>The line to append for a newly accepted key (hostname in clear, as <c>HashKnownHosts no</c> writes it).</summary>
    public static string FormatLine(string name, byte[] keyBlob) => $"{name} {KeyTypeOf(keyBlob)} {Convert.ToBase64String(keyBlob)}";

    private sealed record Entry(bool Revoked, string[] Patterns, string KeyType, byte[] Key)
    {
        public static Entry? TryParse(string line)
        {
            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || fields[0].StartsWith('#')) return null;
            var revoked = false;
            if (fields[0].StartsWith('@'))
            {
                if (fields[0] != "@revoked") return null; // @cert-authority: not supported here
                revoked = true;
                fields = fields[1..];
            }
            if (fields.Length < 3) return null;
            try
            {
                var key = Convert.FromBase64String(fields[2]);
                if (KeyTypeOf(key) != fields[1]) return null;
                return new Entry(revoked, fields[0].Split(','), fields[1], key);
            }
            catch (FormatException)
            {
                return null;
            }
        }

        // ssh's rule: a negated pattern that matches vetoes the line; otherwise any positive match counts.
        public bool Matches(string name)
        {
            var matched = false;
            foreach (var pattern in Patterns)
            {
                if (pattern.StartsWith('!'))
                {
                    if (MatchesOne(pattern[1..], name)) return false;
                }
                else if (MatchesOne(pattern, name)) matched = true;
            }
            return matched;
        }

        private static bool MatchesOne(string pattern, string name)
        {
            if (pattern.StartsWith("|1|", StringComparison.Ordinal)) return MatchesHashed(pattern, name);
            if (!pattern.Contains('*') && !pattern.Contains('?')) return string.Equals(pattern, name, StringComparison.OrdinalIgnoreCase);
            var regex = "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$";
            return Regex.IsMatch(name, regex, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }

        // |1|base64(salt)|base64(HMAC-SHA1(salt, name)) — HashKnownHosts yes.
        private static bool MatchesHashed(string pattern, string name)
        {
            var parts = pattern.Split('|');
            if (parts.Length != 4) return false;
            try
            {
                var salt = Convert.FromBase64String(parts[2]);
                var hash = Convert.FromBase64String(parts[3]);
                return CryptographicOperations.FixedTimeEquals(HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(name)), hash);
            }
            catch (FormatException)
            {
                return false;
            }
        }
    }
}
