using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rmote.Actors.Connection;

namespace Rmote.Connections;

/// <summary>Checks the public options once and turns them into what the connection actors use.</summary>
internal static class ConnectionSettingsFactory
{
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (named in the message).</exception>
    public static ConnectionSettings From(RmoteOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxCallsInFlight, 1, "options.MaxCallsInFlight");
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxQueuedInvokes, "options.MaxQueuedInvokes");
        ArgumentOutOfRangeException.ThrowIfNegative(options.MissedHeartbeats, "options.MissedHeartbeats");
        var reconnect = options.Reconnect ?? ReconnectPolicy.Disabled;
        return new ConnectionSettings
        {
            LoggerFactory = loggerFactory ?? options.LoggerFactory ?? NullLoggerFactory.Instance,
            ConnectTimeout = options.ConnectTimeout,
            CallTimeout = CheckTimeout(options.CallTimeout, "options.CallTimeout"),
            MaxCallsInFlight = options.MaxCallsInFlight,
            MaxQueuedInvokes = options.MaxQueuedInvokes,
            ReconnectEnabled = reconnect.Enabled && reconnect.MaxAttempts > 0,
            MaxReconnectAttempts = reconnect.MaxAttempts,
            ReconnectBaseDelay = reconnect.BaseDelay,
            ReconnectMaxDelay = reconnect.MaxDelay,
            HeartbeatInterval = CheckTimeout(options.HeartbeatInterval, "options.HeartbeatInterval"),
            MissedHeartbeats = options.MissedHeartbeats,
        };
    }

    /// <summary><see cref="Timeout.InfiniteTimeSpan"/> means none; anything else must be positive.</summary>
    public static TimeSpan? CheckTimeout(TimeSpan? value, string name) =>
        value == Timeout.InfiniteTimeSpan || value is null ? null
        : value > TimeSpan.Zero ? value
        : throw new ArgumentOutOfRangeException(name, value, "A timeout must be positive, or Timeout.InfiniteTimeSpan for none.");
}
