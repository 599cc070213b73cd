namespace Rmote;

/// <summary>Where a transfer is.</summary>
/// <param name="Bytes">Bytes copied so far.</param>
/// <param name="Total">The total, when known.</param>
/// <param name="BytesPerSecond">The average rate since the copy started.</param>
public readonly record struct TransferProgress(long Bytes, long? Total, double BytesPerSecond);
