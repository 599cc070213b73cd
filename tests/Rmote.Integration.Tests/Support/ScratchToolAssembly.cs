using System.Linq.Expressions;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Loader;

namespace Rmote.Integration.Tests.Support;

/// <summary>
/// One type of a <see cref="ScratchToolAssembly"/>: a static class with one public static method taking nothing and
/// returning an int — 42, or the result of calling <paramref name="Calls"/> (a method of another scratch assembly).
/// </summary>
public sealed record ScratchType(string Name, string Method, bool IsTool = true, MethodInfo? Calls = null);

/// <summary>
/// A tool assembly written at test time, for host/agent situations no compiled test tool can produce. It lives in a
/// temp directory and its own load context; the host loads it from its file like any tool assembly. A test may then
/// change the file (by an atomic rename, so the image the host loaded is untouched) — like a tool DLL rebuilt or
/// deleted while the host runs — and the host's first SYNC sends whatever the file holds then.
/// </summary>
public sealed class ScratchToolAssembly : IDisposable
{
    private readonly string directory;
    private readonly AssemblyLoadContext context;
    private readonly bool ownsDirectory;

    /// <summary>Writes and loads a new assembly holding <paramref name="types"/>.</summary>
    public ScratchToolAssembly(params ScratchType[] types)
        : this(Path.Combine(Path.GetTempPath(), "rmote-scratch-" + Guid.NewGuid().ToString("N")[..8]), null, types)
    {
    }

    private ScratchToolAssembly(string directory, AssemblyLoadContext? context, ScratchType[] types)
    {
        ownsDirectory = context is null;
        this.directory = directory;
        Directory.CreateDirectory(directory);
        Name = "Rmote.Scratch." + Guid.NewGuid().ToString("N")[..12];
        FilePath = Path.Combine(directory, Name + ".dll");
        this.context = context ?? new AssemblyLoadContext(Name);
        Save(Name, FilePath, types);
        Assembly = this.context.LoadFromAssemblyPath(FilePath);
    }

    /// <summary>The assembly's simple name (unique per instance).</summary>
    public string Name { get; }

    /// <summary>The file the host loaded it from (and reads again to sync it).</summary>
    public string FilePath { get; }

    /// <summary>The assembly as the host loaded it.</summary>
    public Assembly Assembly { get; }

    /// <summary>Another scratch assembly in the same directory and load context, so it can call this one's methods.</summary>
    public ScratchToolAssembly Another(params ScratchType[] types) => new(directory, context, types);

    /// <summary>The method of one of the types.</summary>
    public MethodInfo Method(string type, string method) => Assembly.GetType(type, throwOnError: true)!.GetMethod(method)!;

    /// <summary><c>() =&gt; Type.Method()</c>, as the expression <c>CallAsync</c> takes.</summary>
    public Expression<Func<int>> Call(string type, string method) => Expression.Lambda<Func<int>>(Expression.Call(Method(type, method)));

    /// <summary>Replaces the file with a build of the same assembly that holds only <paramref name="types"/>.</summary>
    public void ReplaceWith(params ScratchType[] types) => Replace(path => Save(Name, path, types));

    /// <summary>Replaces the file with bytes that are not an assembly at all.</summary>
    public void ReplaceWithGarbage() => Replace(path => File.WriteAllBytes(path, [.. "MZ not a PE image"u8, .. new byte[4096]]));

    /// <summary>Deletes the file (the host keeps the loaded image).</summary>
    public void DeleteFile() => File.Delete(FilePath);

    public void Dispose()
    {
        if (!ownsDirectory) return;
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: it is a temp directory.
        }
    }

    private void Replace(Action<string> write)
    {
        var replacement = FilePath + ".new";
        write(replacement);
        File.Move(replacement, FilePath, overwrite: true);
    }

    private static void Save(string name, string path, ScratchType[] types)
    {
        var assembly = new PersistedAssemblyBuilder(new AssemblyName(name), typeof(object).Assembly);
        var module = assembly.DefineDynamicModule(name);
        foreach (var scratch in types)
        {
            var type = module.DefineType(scratch.Name, TypeAttributes.Public | TypeAttributes.Abstract | TypeAttributes.Sealed | TypeAttributes.Class);
            if (scratch.IsTool) type.SetCustomAttribute(new CustomAttributeBuilder(typeof(ToolAttribute).GetConstructor(Type.EmptyTypes)!, []));
            var il = type.DefineMethod(scratch.Method, MethodAttributes.Public | MethodAttributes.Static, typeof(int), Type.EmptyTypes).GetILGenerator();
            if (scratch.Calls is null) il.Emit(OpCodes.Ldc_I4, 42);
            else il.Emit(OpCodes.Call, scratch.Calls);
            il.Emit(OpCodes.Ret);
            type.CreateType();
        }
        assembly.Save(path);
    }
}
