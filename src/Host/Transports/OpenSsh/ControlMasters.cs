using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Rmote.Transports.OpenSsh;

/// <summary>
/// OpenSSH connection sharing per destination: the first connection becomes the master of a control socket
/// (<c>ControlMaster=auto</c>, <c>ControlPersist</c> bounded), later ones ride it without a TCP or key exchange — so a
/// fan-out to one host pays one handshake per <see cref="SessionsPerMaster"/> connections and never trips sshd's
/// <c>MaxStartups</c>. Beyond that many live sessions (sshd's <c>MaxSessions</c>, default 10) the next connection
/// becomes the master of the next slot instead of being refused. Creating a master is serialized per slot, so racing
/// connections wait for it rather than all shaking hands at once.
/// </summary>
internal static class ControlMasters
{
    /// <summary>Sessions we put on one master (sshd's default <c>MaxSessions</c>).</summary>
    public const int SessionsPerMaster = 10;

    /// <summary>Masters per destination before further connections go direct.</summary>
    public const int SlotsPerDestination = 16;

    private static readonly ConcurrentDictionary<string, Slot[]> Slots = new(StringComparer.Ordinal);

    /// <summary>How a connection reaches the host.</summary>
    public enum Role
    {
        /// <summary>Rides a live master.</summary>
        Client,

        /// <summary>Becomes the master of a new control socket (and pays the handshake).</summary>
        Master,

        /// <summary>Its own TCP connection, no control socket (sharing off, or nothing trustworthy to share).</summary>
        Direct,
    }

    /// <summary>
    /// The control socket key: everything that changes what the master authenticated as or trusts — destination, user,
    /// port, key and the user's options. Two connections share a master only when these are equal.
    /// </summary>
    public static string KeyFor(string destination, SshOptions ssh) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n',
            [destination, ssh.User ?? "", ssh.Port?.ToString(CultureInfo.InvariantCulture) ?? "", ssh.IdentityFile ?? "",
             .. ssh.Options]))))[..20];

    /// <summary>The control socket path of one slot.</summary>
    public static string PathFor(string directory, string key, int slot) =>
        Path.Combine(directory, key + "-" + slot.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// Chooses this connection's role and slot. A <see cref="Role.Master"/> lease holds the slot until
    /// <see cref="Lease.MasterReady"/> (the shell answered, so the master listens); every lease is
    /// <see cref="Lease.Ended"/> when its transport ends.
    /// </summary>
    public static async Task<Lease> AcquireAsync(string directory, string key, ILogger logger, CancellationToken cancellationToken)
    {
        var slots = Slots.GetOrAdd(key, _ => Enumerable.Range(0, SlotsPerDestination).Select(_ => new Slot()).ToArray());
        for (var index = 0; index < slots.Length; index++)
        {
            var slot = slots[index];
            // Reserve first: the 11th of 20 racing connections goes straight to the next slot and makes its master
            // while the first one's is still shaking hands, instead of queueing behind a slot that will be full.
            if (Interlocked.Increment(ref slot.Live) > slot.Capacity)
            {
                Interlocked.Decrement(ref slot.Live);
                continue;
            }
            var kept = false;
            try
            {
                await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                var path = PathFor(directory, key, index);
                ControlSocketProbe.State state;
                try
                {
                    state = await ControlSocketProbe.ProbeAsync(path, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    slot.Gate.Release();
                    throw;
                }
                switch (state)
                {
                    case ControlSocketProbe.State.Alive:
                        slot.Gate.Release();
                        kept = true;
                        return new Lease(Role.Client, path, slot);
                    case ControlSocketProbe.State.Absent:
                        kept = true;
                        return new Lease(Role.Master, path, slot); // holds the gate until the master listens
                    default:
                        // Never probe it again in this process: each probe of a silent socket costs its full bound.
                        slot.Capacity = 0;
                        slot.Gate.Release();
                        logger.LogWarning("ssh control socket {Path} is not a live master of ours (foreign, not a socket, or "
                                          + "silent for {Bound} ms): not using it", path, (int)ControlSocketProbe.AnswerBound.TotalMilliseconds);
                        break;
                }
            }
            finally
            {
                if (!kept) Interlocked.Decrement(ref slot.Live);
            }
        }
        return new Lease(Role.Direct, null, null);
    }

    /// <summary>One connection's use of a slot.</summary>
    internal sealed class Lease(Role role, string? path, Slot? slot)
    {
        private int _gateHeld = role == Role.Master ? 1 : 0;
        private int _ended;

        /// <summary>Client, master or direct.</summary>
        public Role Role { get; } = role;

        /// <summary>The control socket, or <c>null</c> for <see cref="Role.Direct"/>.</summary>
        public string? Path { get; } = path;

        /// <summary>
        /// The master listens now (or the connection failed): connections waiting for this slot may probe it. When ssh
        /// found the master full and fell back to its own connection, that is remembered as the slot's real capacity.
        /// </summary>
        public void MasterReady(string standardError)
        {
            if (slot is null) return;
            if (standardError.Contains("session request failed", StringComparison.Ordinal)
                || standardError.Contains("Master refused session request", StringComparison.Ordinal))
                slot.Capacity = Math.Max(1, Volatile.Read(ref slot.Live) - 1);
            if (Interlocked.Exchange(ref _gateHeld, 0) == 1) slot.Gate.Release();
        }

        /// <summary>The transport ended (or never started): its session no longer counts against the slot.</summary>
        public void Ended()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 1 || slot is null) return;
            MasterReady("");
            Interlocked.Decrement(ref slot.Live);
        }
    }

    /// <summary>One control socket's bookkeeping in this process.</summary>
    internal sealed class Slot
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public int Live;
        public volatile int Capacity = SessionsPerMaster;
    }
}
