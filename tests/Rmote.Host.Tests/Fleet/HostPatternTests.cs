namespace Rmote.Host.Tests.Fleet;

public sealed class HostPatternTests
{
    private static readonly FleetHost[] Hosts =
    [
        FleetHost.ForLocal("web1") with { Groups = ["web", "prod"] },
        FleetHost.ForLocal("web2") with { Groups = ["web", "prod"] },
        FleetHost.ForLocal("web3") with { Groups = ["web", "staging"] },
        FleetHost.ForLocal("db1") with { Groups = ["db", "prod"] },
        FleetHost.ForLocal("db2") with { Groups = ["db", "staging"] },
        FleetHost.ForLocal("bastion"),
    ];

    private static string Select(string pattern) => string.Join(" ", HostPattern.Select(Hosts, pattern).Select(h => h.Name));

    [Theory]
    [InlineData("web1", "web1")]
    [InlineData("all", "web1 web2 web3 db1 db2 bastion")]
    [InlineData("*", "web1 web2 web3 db1 db2 bastion")]
    [InlineData("web", "web1 web2 web3")]
    [InlineData("db*", "db1 db2")]
    [InlineData("web[13]", "web1 web3")]
    [InlineData("web[!1]", "web2 web3")]
    [InlineData("?b1", "db1")]
    [InlineData("web:db", "web1 web2 web3 db1 db2")]
    [InlineData("db2,web1", "web1 db2")]
    [InlineData("web:&prod", "web1 web2")]
    [InlineData("web:db:&prod:!web2", "web1 db1")]
    [InlineData("!web2:web:db:&prod", "web1 db1")]
    [InlineData("!web", "db1 db2 bastion")]
    [InlineData("&staging", "web3 db2")]
    [InlineData("prod:&staging", "")]
    [InlineData("st*", "web3 db2")]
    public void Selects_like_ansible_limit(string pattern, string expected) => Assert.Equal(expected, Select(pattern));

    [Theory]
    [InlineData("nosuch")]
    [InlineData("web:nosuch")]
    [InlineData("web:!nosuch")]
    [InlineData("zz*")]
    public void A_term_that_names_nothing_is_an_error(string pattern)
    {
        var error = Assert.Throws<ArgumentException>(() => HostPattern.Select(Hosts, pattern));
        Assert.Contains("matches no host and no group", error.Message);
        Assert.Contains("known groups: db, prod, staging, web", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("web::db")]
    [InlineData("web:!")]
    public void An_empty_term_is_an_error(string pattern) =>
        Assert.ThrowsAny<ArgumentException>(() => HostPattern.Select(Hosts, pattern));

    [Fact]
    public void An_empty_group_known_to_the_inventory_selects_nothing_instead_of_failing() =>
        Assert.Empty(HostPattern.Select(Hosts, "canary", new HashSet<string> { "canary" }));
}
