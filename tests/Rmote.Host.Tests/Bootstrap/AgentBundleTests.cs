using System.Security.Cryptography;
using System.Text;
using Rmote.Bootstrap;

namespace Rmote.Host.Tests.Bootstrap;

public sealed class AgentBundleTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rmote-bundle-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_agent_ships_in_the_output_of_projects_referencing_the_host()
    {
        var bundle = AgentBundle.Default;

        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "agent"), bundle.Directory);
        var names = bundle.Files.Select(f => f.RelativePath).ToList();
        foreach (var expected in new[] { "Rmote.Agent.dll", "Rmote.Agent.runtimeconfig.json", "Rmote.Agent.deps.json",
                     "Rmote.Protocol.dll", "Microsoft.Extensions.Logging.Abstractions.dll" })
            Assert.Contains(expected, names);
        Assert.DoesNotContain(names, n => n.EndsWith(".xml", StringComparison.Ordinal) || n == "Rmote.Agent");
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public async Task The_hash_covers_exactly_the_canonical_stream_manifest_then_contents()
    {
        Write("b.txt", "bee");
        Write("a/c.bin", "sea");
        Write(AgentBundle.EntryAssembly, "entry");
        var bundle = AgentBundle.Load(_dir);

        using var upload = new MemoryStream();
        await bundle.WriteToAsync(upload, default);

        const string manifest = "5 Rmote.Agent.dll\n3 a/c.bin\n3 b.txt\n";
        Assert.Equal(manifest, bundle.Manifest);
        Assert.Equal(Encoding.ASCII.GetBytes(manifest + "entryseabee"), upload.ToArray());
        Assert.Equal(upload.Length, bundle.Length);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(upload.ToArray())), bundle.Sha256);
    }

    [Fact]
    public void The_hash_is_deterministic_and_changes_with_any_content_or_name()
    {
        Write(AgentBundle.EntryAssembly, "entry");
        Write("x.dll", "x");
        var first = AgentBundle.Load(_dir).Sha256;
        Assert.Equal(first, AgentBundle.Load(_dir).Sha256);

        Write("x.dll", "y");
        var changedContent = AgentBundle.Load(_dir).Sha256;
        File.Move(Path.Combine(_dir, "x.dll"), Path.Combine(_dir, "z.dll"));
        var changedName = AgentBundle.Load(_dir).Sha256;

        Assert.Equal(3, new[] { first, changedContent, changedName }.Distinct().Count());
    }

    [Fact]
    public void A_folder_without_the_agent_is_a_typed_error()
    {
        var error = Assert.Throws<RmoteConnectException>(() => AgentBundle.Load(_dir));
        Assert.Equal(ConnectFailureReason.AgentBundleMissing, error.Reason);
        Assert.Contains("Rmote.Agent.dll", error.Message);
    }

    [Theory]
    [InlineData("with space.dll")]
    [InlineData(".hidden")]
    [InlineData("sub/.hidden")]
    [InlineData("star*.dll")]
    public void File_names_the_script_could_not_handle_are_rejected(string name)
    {
        Write(AgentBundle.EntryAssembly, "entry");
        Write(name, "x");
        var error = Assert.Throws<RmoteConnectException>(() => AgentBundle.Load(_dir));
        Assert.Contains(name, error.Message);
    }

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
