using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Rmote.Transports.SshNet;
using Verdict = Rmote.Transports.SshNet.KnownHosts.Verdict;

namespace Rmote.Host.Tests.Transports;

public sealed class KnownHostsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("rmote-kh-").FullName;
    private static readonly byte[] KeyA = Blob("ssh-ed25519", 1);
    private static readonly byte[] KeyB = Blob("ssh-ed25519", 2);
    private static readonly byte[] RsaKey = Blob("ssh-rsa", 3);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private KnownHosts Load(params string[] lines)
    {
        var file = Path.Combine(directory, Guid.NewGuid().ToString("N"));
        File.WriteAllLines(file, lines);
        return KnownHosts.Load([file, Path.Combine(directory, "missing")]);
    }

    private static string Line(string hosts, byte[] key) => $"{hosts} {KnownHosts.KeyTypeOf(key)} {Convert.ToBase64String(key)} comment";

    [Fact]
    public void Port_22_is_the_bare_name_and_other_ports_are_bracketed()
    {
        Assert.Equal("host.example", KnownHosts.LookupName("Host.Example", 22));
        Assert.Equal("[host.example]:2222", KnownHosts.LookupName("host.example", 2222));

        var known = Load(Line("host.example", KeyA), Line("[host.example]:2222", KeyB));

        Assert.Equal(Verdict.Trusted, known.Check("host.example", KeyA));
        Assert.Equal(Verdict.Changed, known.Check("host.example", KeyB));
        Assert.Equal(Verdict.Trusted, known.Check("[host.example]:2222", KeyB));
        Assert.Equal(Verdict.Unknown, known.Check("[host.example]:2223", KeyB));
    }

    [Fact]
    public void Hashed_entries_match_only_their_name()
    {
        var salt = RandomNumberGenerator.GetBytes(20);
        var hash = HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes("[10.0.0.5]:22022"));
        var known = Load(Line($"|1|{Convert.ToBase64String(salt)}|{Convert.ToBase64String(hash)}", KeyA));

        Assert.Equal(Verdict.Trusted, known.Check("[10.0.0.5]:22022", KeyA));
        Assert.Equal(Verdict.Unknown, known.Check("10.0.0.5", KeyA));
    }

    [Fact]
    public void Wildcards_and_negations_follow_ssh()
    {
        var known = Load(Line("*.prod.example,!db.prod.example,web?", KeyA));

        Assert.Equal(Verdict.Trusted, known.Check("api.prod.example", KeyA));
        Assert.Equal(Verdict.Unknown, known.Check("db.prod.example", KeyA));
        Assert.Equal(Verdict.Trusted, known.Check("web1", KeyA));
        Assert.Equal(Verdict.Unknown, known.Check("web12", KeyA));
    }

    [Fact]
    public void A_revoked_key_is_refused_for_every_host_even_beside_a_trusting_line()
    {
        var known = Load(Line("host", KeyA), "@revoked " + Line("*", KeyA));

        Assert.Equal(Verdict.Revoked, known.Check("host", KeyA));
        Assert.Equal(Verdict.Revoked, known.Check("other", KeyA));
    }

    [Fact]
    public void Key_types_known_for_a_host_prune_the_algorithms_and_bad_lines_are_skipped()
    {
        var known = Load("# comment", "", "garbage", "host ssh-ed25519 not-base64!", $"host ssh-rsa {Convert.ToBase64String(KeyA)}",
            Line("host", RsaKey), "@cert-authority " + Line("host", KeyB));

        Assert.Equal(["ssh-rsa"], known.KeyTypesFor("host"));
        Assert.Equal(Verdict.Changed, known.Check("host", KeyA)); // the mislabelled line does not count
    }

    private static byte[] Blob(string type, byte seed)
    {
        var typeBytes = Encoding.ASCII.GetBytes(type);
        var blob = new byte[4 + typeBytes.Length + 36];
        BinaryPrimitives.WriteUInt32BigEndian(blob, (uint)typeBytes.Length);
        typeBytes.CopyTo(blob, 4);
        BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(4 + typeBytes.Length), 32);
        blob.AsSpan(8 + typeBytes.Length).Fill(seed);
        return blob;
    }
}
