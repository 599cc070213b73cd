using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Loader;

namespace Rmote.Integration.Tests.Support;

/// <summary>
/// A tool assembly written at test time, for host/agent disagreements no compiled test tool can produce: the host
/// loads version 1 from a file, then the file is replaced (by an atomic rename, so the loaded image is untouched) with
/// version 2, which is what the host's first SYNC then sends. Like a tool DLL rebuilt while the host runs.
/// Version 1: <c>[Tool] Scratch.Ghost.Vanish()</c> and <c>[Tool] Scratch.Phantom.Appear()</c>;
/// version 2: only <c>[Tool] Scratch.Ghost.Other()</c>.
/// </summary>
public sealed class ScratchToolAssembly : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "rmote-scratch-" + Guid.NewGuid().ToString("N")[..8]);

    public ScratchToolAssembly()
    {
        Directory.CreateDirectory(directory);
        var name = "Rmote.Scratch." + Guid.NewGuid().ToString("N")[..12];
        var path = Path.Combine(directory, name + ".dll");
        Save(name, path, ("Scratch.Ghost", "Vanish"), ("Scratch.Phantom", "Appear"));
        var loaded = new AssemblyLoadContext(name).LoadFromAssemblyPath(path);
        Vanish = loaded.GetType("Scratch.Ghost")!.GetMethod("Vanish")!;
        Appear = loaded.GetType("Scratch.Phantom")!.GetMethod("Appear")!;
        var replacement = path + ".new";
        Save(name, replacement, ("Scratch.Ghost", "Other"));
        File.Move(replacement, path, overwrite: true);
    }

    /// <summary><c>Scratch.Ghost.Vanish()</c> (returns int): its type exists on the agent, the method does not.</summary>
    public MethodInfo Vanish { get; }

    /// <summary><c>Scratch.Phantom.Appear()</c> (returns int): the agent's copy has no such type.</summary>
    public MethodInfo Appear { get; }

    /// <summary><c>() =&gt; method()</c> as the expression <c>CallAsync</c> takes.</summary>
    public static System.Linq.Expressions.Expression<Func<int>> CallOf(MethodInfo method) =>
        System.Linq.Expressions.Expression.Lambda<Func<int>>(System.Linq.Expressions.Expression.Call(method));

    public void Dispose()
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: it is a temp directory.
        }
    }

    private static void Save(string name, string path, params (string Type, string Method)[] tools)
    {
        var assembly = new PersistedAssemblyBuilder(new AssemblyName(name), typeof(object).Assembly);
        var module = assembly.DefineDynamicModule(name);
        var toolAttribute = new CustomAttributeBuilder(typeof(ToolAttribute).GetConstructor(Type.EmptyTypes)!, []);
        foreach (var (typeName, methodName) in tools)
        {
            var type = module.DefineType(typeName, TypeAttributes.Public | TypeAttributes.Abstract | TypeAttributes.Sealed | TypeAttributes.Class);
            type.SetCustomAttribute(toolAttribute);
            var method = type.DefineMethod(methodName, MethodAttributes.Public | MethodAttributes.Static, typeof(int), Type.EmptyTypes);
            var il = method.GetILGenerator();
            il.Emit(OpCodes.Ldc_I4, 42);
            il.Emit(OpCodes.Ret);
            type.CreateType();
        }
        assembly.Save(path);
    }
}
