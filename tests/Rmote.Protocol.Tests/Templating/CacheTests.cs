using Rmote.Templating;

namespace Rmote.Protocol.Tests.Templating;

/// <summary>The compiled-program cache stays bounded and serves repeated sources.</summary>
public class CacheTests
{
    [Fact]
    public void Cache_never_grows_past_its_capacity()
    {
        for (var i = 0; i < ProgramCache.Capacity * 2; i++) Assert.Equal($"{i}", Template.RenderTemplate($"${{{i}}}", null));
        Assert.True(ProgramCache.Count <= ProgramCache.Capacity);
    }

    [Fact]
    public void The_same_source_compiles_to_the_same_program()
    {
        var source = $"${{\"{Guid.NewGuid()}\"}}";
        Assert.Same(ProgramCache.Get(source), ProgramCache.Get(source));
    }

    [Fact]
    public void Very_long_sources_still_render()
    {
        var source = string.Join("\n", Enumerable.Repeat("line ${x}", ProgramCache.MaxCachedSourceLength / 8));
        Assert.StartsWith("line 1\nline 1", Template.RenderTemplate(source, new { x = 1 }));
    }
}
