namespace Rmote;

/// <summary>
/// The <c>ActorRegistry</c> key of a node's door to the cluster's hosts: send it <see cref="HostInvoke"/> and get
/// <see cref="InvokeResult"/> or <c>Status.Failure</c> back, whichever node holds the host.
/// </summary>
public sealed class RmoteHosts;
