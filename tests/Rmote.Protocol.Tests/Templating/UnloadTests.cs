using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;

namespace Rmote.Protocol.Tests.Templating;

/// <summary>
/// The member caches must not pin model types: on the agent, tool assemblies live in their own load contexts.
/// </summary>
public class UnloadTests
{
    [Fact]
    public void Rendering_a_model_of_a_collectible_type_does_not_keep_the_type_alive()
    {
        var type = RenderWithCollectibleModel();
        for (var i = 0; i < 20 && type.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.False(type.IsAlive);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference RenderWithCollectibleModel()
    {
        var type = DefineType();
        var model = Activator.CreateInstance(type)!;
        // Longer than the program cache takes, so no cached program holds on to the call sites that saw the type.
        var source = "${Name} ${Name.Length}\n" + new string('x', 70_000);
        Assert.StartsWith("emitted 7\nxxx", Template.RenderTemplate(source, model));
        return new WeakReference(type);
    }

    // A public class with a public "Name" property returning "emitted", in a collectible assembly.
    private static Type DefineType()
    {
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("Collectible" + Guid.NewGuid().ToString("N")), AssemblyBuilderAccess.RunAndCollect);
        var builder = assembly.DefineDynamicModule("m").DefineType("Model", TypeAttributes.Public | TypeAttributes.Class);
        var getter = builder.DefineMethod("get_Name", MethodAttributes.Public | MethodAttributes.SpecialName | MethodAttributes.HideBySig, typeof(string), Type.EmptyTypes);
        var il = getter.GetILGenerator();
        il.Emit(OpCodes.Ldstr, "emitted");
        il.Emit(OpCodes.Ret);
        builder.DefineProperty("Name", PropertyAttributes.None, typeof(string), null).SetGetMethod(getter);
        return builder.CreateType();
    }
}
