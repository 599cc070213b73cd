using System.Buffers.Binary;
using Rmote.Protocol.Framing;

namespace Rmote.Protocol.Messages;

/// <summary>The flow-control frame of streaming calls (items and the end are <see cref="Tools.ToolMethod"/>'s).</summary>
public static class StreamMessages
{
    /// <summary>Host → agent: STREAM_DEMAND (one-way) granting <paramref name="items"/> more items to stream <paramref name="id"/>.</summary>
    public static Frame Demand(ulong id, int items)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(items);
        var payload = new byte[sizeof(uint)];
        BinaryPrimitives.WriteUInt32BigEndian(payload, (uint)items);
        return new Frame(FrameFlags.StreamDemand, id, payload);
    }

    /// <summary>The number of items a STREAM_DEMAND frame grants.</summary>
    /// <exception cref="ProtocolException">The payload is not a u32 between 1 and <see cref="int.MaxValue"/>.</exception>
    public static int ReadDemand(in Frame frame)
    {
        if (frame.Payload.Length != sizeof(uint))
        {
            throw new ProtocolException($"{frame} does not carry a u32 demand.");
        }

        var items = BinaryPrimitives.ReadUInt32BigEndian(frame.Payload.Span);
        return items is 0 or > int.MaxValue ? throw new ProtocolException($"{frame} grants {items} items.") : (int)items;
    }
}
