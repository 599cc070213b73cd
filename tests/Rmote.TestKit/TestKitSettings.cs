using System.Globalization;

namespace Rmote.TestKit;

/// <summary>Timeouts of the TestKit, stretched by <c>RMOTE_TEST_TIMEFACTOR</c> on slow machines.</summary>
public static class TestKitSettings
{
    /// <summary>The environment variable holding the factor (a positive number, default 1).</summary>
    public const string TimeFactorVariable = "RMOTE_TEST_TIMEFACTOR";

    /// <summary>The factor applied to every timeout.</summary>
    public static double TimeFactor { get; } = ReadTimeFactor();

    /// <summary>Default time to wait for an expected message: 3 s times <see cref="TimeFactor"/>.</summary>
    public static TimeSpan DefaultTimeout { get; } = Dilated(TimeSpan.FromSeconds(3));

    /// <summary><paramref name="duration"/> times <see cref="TimeFactor"/>.</summary>
    public static TimeSpan Dilated(TimeSpan duration) => duration * TimeFactor;

    private static double ReadTimeFactor()
    {
        var text = Environment.GetEnvironmentVariable(TimeFactorVariable);
        if (string.IsNullOrWhiteSpace(text)) return 1;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var factor) && factor > 0
            ? factor
            : throw new InvalidOperationException($"{TimeFactorVariable} must be a positive number, not '{text}'.");
    }
}
