using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Wolverine's handler code is generated ahead of time and committed (TypeLoadMode.Static), so a
/// service starts without compiling anything. <c>dotnet run --project Synkro.X -- codegen write</c>
/// regenerates it into the project's Internal/Generated; GeneratedCodeTests fail while it is stale.
/// </summary>
public static class GeneratedHandlerCode
{
    /// <summary>Runs the service, or with the arguments <c>codegen write</c> rewrites its generated code and exits.</summary>
    public static async Task<int> RunOrWriteGeneratedCodeAsync(this WebApplication app, string[] args)
    {
        if (args is not ["codegen", "write"])
        {
            await app.RunAsync();
            return 0;
        }

        // Tells Wolverine the host is only being built to generate code (no broker, no database).
        DynamicCodeBuilder.WithinCodegenCommand = true;
        var builder = new DynamicCodeBuilder(app.Services, [.. app.Services.GetServices<ICodeFileCollection>()])
        {
            ServiceVariableSource = app.Services.GetService<IServiceVariableSource>(),
        };
        // From scratch, so the file of a handler that is gone goes too.
        builder.DeleteAllGeneratedCode();
        builder.WriteGeneratedCode(file => Console.WriteLine($"Wrote {file}"));
        return 0;
    }
}
