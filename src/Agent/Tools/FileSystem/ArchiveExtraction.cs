namespace Rmote.Tools;

/// <summary>What <see cref="FileSystem.ExtractArchive"/> did.</summary>
/// <param name="Destination">The full path of the destination directory.</param>
/// <param name="Extracted">Entry names written (files and directories), in archive order.</param>
/// <param name="Skipped">Entry names not extracted: symbolic and hard links, devices, FIFOs.</param>
public sealed record ArchiveExtraction(string Destination, string[] Extracted, string[] Skipped);
