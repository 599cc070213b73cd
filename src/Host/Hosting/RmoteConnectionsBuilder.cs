using Akka.Actor;

namespace Rmote.Hosting;

/// <summary>
/// The connections an Akka.Hosting application declares in <c>WithRmote(rmote =&gt; …)</c>: each is started as a
/// top-level actor when the system starts and registered in the <c>ActorRegistry</c> under its key type, so actors and
/// services get it with <c>registry.Get&lt;TKey&gt;()</c> or <c>IRequiredActor&lt;TKey&gt;</c>.
/// </summary>
public sealed class RmoteConnectionsBuilder
{
    internal List<Declared> Connections { get; } = [];

    internal sealed record Declared(Type Key, string Name, Func<RmoteOptions, Props> Props, RmoteOptions Options);

    /// <summary>A connection to an agent started as a child process of the application.</summary>
    /// <typeparam name="TKey">The registry key (any type, usually an empty marker class).</typeparam>
    /// <param name="name">The actor's name (<c>/user/NAME</c>).</param>
    /// <param name="options">Options; an unset <see cref="RmoteOptions.LoggerFactory"/> becomes the host's.</param>
    public RmoteConnectionsBuilder AddLocal<TKey>(string name, RmoteOptions? options = null) =>
        Add<TKey>(name, RmoteProps.Local, options);

    /// <summary>A connection to an agent over SSH on <paramref name="destination"/> (<c>host</c> or <c>user@host</c>).</summary>
    /// <inheritdoc cref="AddLocal{TKey}(string, RmoteOptions?)"/>
    public RmoteConnectionsBuilder AddSsh<TKey>(string name, string destination, SshOptions? ssh = null, RmoteOptions? options = null)
    {
        RmoteProps.Ssh(destination, ssh, options);   // validate now, not when the system starts
        return Add<TKey>(name, resolved => RmoteProps.Ssh(destination, ssh, resolved), options);
    }

    /// <summary>A connection to an agent bootstrapped through <paramref name="command"/> (a program that gives a POSIX shell).</summary>
    /// <inheritdoc cref="AddLocal{TKey}(string, RmoteOptions?)"/>
    public RmoteConnectionsBuilder AddCommand<TKey>(string name, IReadOnlyList<string> command, RmoteOptions? options = null)
    {
        RmoteProps.Command(command, options);
        var copy = command.ToArray();
        return Add<TKey>(name, resolved => RmoteProps.Command(copy, resolved), options);
    }

    private RmoteConnectionsBuilder Add<TKey>(string name, Func<RmoteOptions, Props> props, RmoteOptions? options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!ActorPath.IsValidPathElement(name))
            throw new ArgumentException($"'{name}' is not a valid actor name.", nameof(name));
        if (Connections.Any(c => c.Key == typeof(TKey) || c.Name == name))
            throw new ArgumentException($"A connection keyed {typeof(TKey).Name} or named '{name}' is declared already.", nameof(name));
        Connections.Add(new Declared(typeof(TKey), name, props, options ?? new RmoteOptions()));
        return this;
    }
}
