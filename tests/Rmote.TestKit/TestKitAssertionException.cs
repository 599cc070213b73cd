using Xunit.Sdk;

namespace Rmote.TestKit;

/// <summary>A failed TestKit expectation; xUnit reports it as a test failure with its message.</summary>
public sealed class TestKitAssertionException(string message) : XunitException(message);
