using System.Buffers;

namespace Rmote.Protocol.Framing;

/// <summary>
/// The pool that leased frame payloads (<see cref="Frame.Lease"/>) come from: transfer chunks on both sides. Not
/// <see cref="ArrayPool{T}.Shared"/>, which keeps about 32 arrays of a size per core and drops what is returned beyond
/// that, while a transfer has a window of up to 128 chunks in flight (plus those being written): there a 1 GiB
/// download still allocated 35–90 MiB of new chunks on the host and 50–110 MiB on the agent (GC.GetTotalAllocatedBytes
/// around each transfer), garbage that the agent's 1 MiB gen0 promotes and its resident size kept. This one keeps up
/// to <see cref="ArraysPerSize"/> arrays of each size up to <see cref="MaxLength"/> — never more than were out at
/// once, so at most a few windows of chunks — and lends larger ones as plain arrays that are dropped when returned.
/// </summary>
internal static class PayloadPool
{
    /// <summary>The largest array kept: a transfer chunk.</summary>
    public const int MaxLength = 64 * 1024;

    /// <summary>
    /// Arrays kept per size: a download's window (128) and an upload's (64) at once, with room for the chunks being
    /// written; 16 MiB of chunks at the most.
    /// </summary>
    public const int ArraysPerSize = 256;

    /// <summary>The pool.</summary>
    public static ArrayPool<byte> Arrays { get; } = ArrayPool<byte>.Create(MaxLength, ArraysPerSize);
}
