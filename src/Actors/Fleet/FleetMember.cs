using Akka.Actor;

namespace Rmote.Actors.Fleet;

/// <summary>One host as the fleet actor knows it: its name, its groups (for selections) and how to make its connection actor.</summary>
/// <param name="Name">The host's name (no ':', ',', '!', '&amp;' or whitespace).</param>
/// <param name="Groups">Every group it is in.</param>
/// <param name="Connection">Props of its connection actor (<c>RmoteProps.*</c>).</param>
/// <param name="ConnectTimeout">Its connect timeout: added to the call timeout while it has no live connection.</param>
internal sealed record FleetMember(string Name, IReadOnlyList<string> Groups, Props Connection, TimeSpan ConnectTimeout);
