namespace Rmote;

/// <summary>The <c>ActorRegistry</c> key of the shard region (or proxy) of the cluster's hosts; most code wants <see cref="RmoteHosts"/>.</summary>
public sealed class RmoteHostRegion;
