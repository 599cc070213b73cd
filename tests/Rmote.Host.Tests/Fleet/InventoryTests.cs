using System.Text.Json.Nodes;

namespace Rmote.Host.Tests.Fleet;

public sealed class InventoryTests
{
    /// <summary>The example inventory of docs/multi-host.md (the yaml block after <c>&lt;!-- inventory: example --&gt;</c>).</summary>
    internal static string DocExample()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "Rmote.Actors.sln"))) dir = dir.Parent;
        var lines = File.ReadAllLines(Path.Combine(dir.FullName, "docs", "multi-host.md"));
        var start = Array.FindIndex(lines, l => l.Contains("<!-- inventory: example -->")) + 2;
        var end = Array.FindIndex(lines, start, l => l.StartsWith("```", StringComparison.Ordinal));
        return string.Join('\n', lines[start..end]);
    }

    [Fact]
    public void The_documented_example_loads_with_settings_groups_and_merged_vars()
    {
        var inventory = FleetInventory.Parse(DocExample(), "hosts.yaml", "/etc/rmote");
        Assert.Equal(["web1", "web2", "db1", "bastion", "box", "container"], inventory.Hosts.Select(h => h.Name));
        var web1 = inventory.Hosts[0];
        Assert.Equal(FleetHostKind.Ssh, web1.Kind);
        Assert.Equal("web1", web1.Destination);
        Assert.Equal("deploy", web1.Ssh.User);
        Assert.Equal("/etc/rmote/keys/deploy", web1.Ssh.IdentityFile);
        Assert.Equal(["ServerAliveInterval=10"], web1.Ssh.Options);
        Assert.Equal(["web", "prod"], web1.Groups);
        // defaults, then prod (the parent), then web (the child), then the host's own.
        Assert.Equal("us", (string?)web1.Vars["region"]);
        Assert.Equal("frontend", (string?)web1.Vars["role"]);
        Assert.Equal(10, (long)web1.Vars["weight"]!);

        var web2 = inventory.Hosts[1];
        Assert.Equal(("10.20.0.12", 2222), (web2.Destination, web2.Ssh.Port));
        var db1 = inventory.Hosts[2];
        Assert.Equal(("postgres", "bastion"), (db1.Become, db1.Jump));
        Assert.Equal("server", (string?)db1.Vars["role"]);
        Assert.Equal(["db", "prod"], db1.Groups);
        Assert.Equal("admin", inventory.Hosts[3].Ssh.User);
        Assert.Equal(FleetHostKind.Local, inventory.Hosts[4].Kind);
        Assert.Equal(["docker", "exec", "-i", "app", "sh"], inventory.Hosts[5].Command);
        Assert.Equal("eu", (string?)inventory.Hosts[5].Vars["region"]);

        Assert.Equal(["web1", "web2", "db1"], inventory.Groups["prod"].Members);
        Assert.Equal(["web1", "web2"], inventory.Select("prod:!db").Select(h => h.Name));
    }

    [Fact]
    public void Vars_are_typed_as_yaml_and_a_null_host_setting_clears_the_default()
    {
        var inventory = FleetInventory.Parse("""
            defaults: { become: root, vars: { a: 1 } }
            hosts:
              h:
                become: ~
                vars: { n: 10, s: "10", b: true, f: 1.5, list: [1, x], map: { k: v }, none: ~ }
            """);
        var h = inventory.Hosts.Single();
        Assert.Null(h.Become);
        Assert.Equal("""{"a":1,"n":10,"s":"10","b":true,"f":1.5,"list":[1,"x"],"map":{"k":"v"},"none":null}""",
            new JsonObject(h.Vars.Select(kv => KeyValuePair.Create(kv.Key, kv.Value?.DeepClone()))).ToJsonString());
    }

    [Theory]
    [InlineData("hosts:\n  web1:\n    identityfile: k\n", 3, 5, "unknown key 'identityfile' in host 'web1'; expected one of:")]
    [InlineData("hosts:\n  web1:\n    port: http\n", 3, 11, "'port' must be a whole number, not 'http'")]
    [InlineData("hosts:\n  web1:\n    port: 70000\n", 3, 11, "'port' must be between 1 and 65535")]
    [InlineData("hosts:\n  web1:\n    ssh_options: ServerAliveInterval=1\n", 3, 18, "'ssh_options' must be a list of strings")]
    [InlineData("hosts:\n  web1:\n    local: yes please\n", 3, 12, "'local' must be true or false")]
    [InlineData("hosts:\n  web1: {}\ngroups:\n  web:\n    hosts: [web1, web9]\n", 5, 19, "group 'web' lists host 'web9', which is not under 'hosts:'")]
    [InlineData("hosts:\n  web1: {}\ngroups:\n  a:\n    children: [b]\n  b:\n    children: [c]\n  c:\n    children: [a]\n", 9, 16, "groups form a cycle: a → b → c → a")]
    [InlineData("hosts:\n  web1: {}\ngroups:\n  a:\n    children: [zz]\n", 5, 16, "lists child group 'zz'")]
    [InlineData("hosts:\n  web1: {}\ngroups:\n  web1: {}\n", 4, 3, "'web1' is both a host and a group")]
    [InlineData("hosts:\n  web1:\n    local: true\n    ssh: x\n", 4, 5, "has both 'local' and 'ssh'")]
    [InlineData("hosts:\n  web1:\n    local: true\n    port: 22\n", 4, 5, "'port' applies to ssh hosts only")]
    [InlineData("hosts:\n  c:\n    command: [sh]\n    become: root\n", 4, 13, "'become' needs an ssh or local host")]
    [InlineData("hosts:\n  -bad: {}\n", 2, 3, "starts with '-'")]
    [InlineData("hosts: [a, b]\n", 1, 8, "'hosts' must be a mapping")]
    [InlineData("host:\n  a: {}\n", 1, 1, "unknown key 'host' at the top level")]
    [InlineData("hosts:\n  a: {\n", 3, 1, "malformed YAML")]
    [InlineData("", 1, 1, "the inventory is empty")]
    [InlineData("hosts:\n  a: {}\n  a: {}\n", 3, 3, "malformed YAML")]
    public void A_bad_inventory_names_file_line_and_column(string yaml, int line, int column, string problem)
    {
        var error = Assert.Throws<InventoryException>(() => FleetInventory.Parse(yaml, "bad.yaml"));
        Assert.Contains(problem, error.Message);
        Assert.Equal(("bad.yaml", line, column), (error.File, error.Line, error.Column));
        Assert.StartsWith($"bad.yaml:{line}:{column}: ", error.Message);
    }

    [Fact]
    public void Load_reports_the_path_it_was_given_and_a_missing_file_plainly()
    {
        var dir = Directory.CreateTempSubdirectory("rmote-inv-");
        try
        {
            var path = Path.Combine(dir.FullName, "hosts.yaml");
            File.WriteAllText(path, "hosts:\n  a:\n    prot: 1\n");
            var error = Assert.Throws<InventoryException>(() => FleetInventory.Load(path));
            Assert.StartsWith(path + ":3:5: unknown key 'prot'", error.Message);
            Assert.Throws<FileNotFoundException>(() => FleetInventory.Load(Path.Combine(dir.FullName, "none.yaml")));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
