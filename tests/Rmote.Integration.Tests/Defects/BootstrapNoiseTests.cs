using System.Diagnostics;
using Rmote.Integration.Tests.Support;
using Xunit.Abstractions;

namespace Rmote.Integration.Tests.Defects;

/// <summary>
/// Issue 16, defect 8: a "shell" that prints endless garbage instead of answering the stage-1 bootstrap is given up on
/// after the same 16 MiB the protocol handshake allows — at once, not after reading (and allocating) until
/// ConnectTimeout — and the transport process is not left behind.
/// </summary>
public sealed class BootstrapNoiseTests(ITestOutputHelper output)
{
    // Long enough that running into it cannot be mistaken for the bound.
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("yes 'Last login: Tue Dec  1 08:00:00 2026 from 10.0.0.1 -- and so on, forever'")]   // endless lines
    [InlineData("cat /dev/zero")]                                                                        // one endless line
    public async Task Endless_output_before_the_bootstrap_answers_fails_with_TooMuchOutput_long_before_the_timeout(string garbage)
    {
        var marker = Guid.NewGuid().ToString("N");
        var clock = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<RmoteConnectException>(() =>
            RmoteConnection.StartCommandAsync(["sh", "-c", $"{garbage}; : {marker}"], new RmoteOptions { ConnectTimeout = ConnectTimeout })
                .Within(ConnectTimeout * 2, "StartCommandAsync"));

        output.WriteLine($"after {clock.ElapsedMilliseconds} ms: {failure.Message}");
        Assert.Equal(ConnectFailureReason.TooMuchOutput, failure.Reason);
        Assert.IsType<ProtocolException>(failure.InnerException);
        Assert.Contains("more than 16 MiB before the bootstrap answered", failure.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < ConnectTimeout / 2, $"took {clock.ElapsedMilliseconds} ms of a {ConnectTimeout.TotalSeconds} s connect timeout");
        Assert.DoesNotContain(AgentProcesses.CommandLines(), line => line.Contains(marker, StringComparison.Ordinal));
    }
}
