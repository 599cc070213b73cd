namespace Rmote.Actors;

/// <summary>A behaviour: handles <paramref name="message"/> and returns whether it did.</summary>
public delegate bool Receive(object message);
