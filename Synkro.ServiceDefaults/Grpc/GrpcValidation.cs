using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Validation;

namespace Synkro.ServiceDefaults.Grpc;

/// <summary>
/// gRPC requests checked by the very rules the REST endpoints run: the validation the ASP.NET Core
/// generator builds for the request records (attributes, IValidatableObject, nested lines), and a
/// handler's own parameter attributes for query-style arguments. Errors keep the REST field paths.
/// </summary>
#pragma warning disable ASP0029 // Microsoft.Extensions.Validation's resolver API is marked experimental in .NET 10.
public sealed class GrpcValidation(IOptions<ValidationOptions> options, IServiceProvider services)
{
    public async Task ValidateAsync<T>(T value, CancellationToken cancellationToken)
        where T : class
    {
        if (!options.Value.TryGetValidatableTypeInfo(typeof(T), out var info))
        {
            throw new InvalidOperationException($"{typeof(T).Name} has no generated validation; is it a REST endpoint's parameter?");
        }

        var context = new ValidateContext { ValidationOptions = options.Value, ValidationContext = new ValidationContext(value, services, null) };
        await info.ValidateAsync(value, context, cancellationToken);
        if (context.ValidationErrors is { Count: > 0 } errors)
        {
            throw GrpcProblems.Invalid(errors);
        }
    }

    /// <summary>Checks arguments against the validation attributes on the handler's parameters of the same names.</summary>
    public static void ValidateArguments(MethodInfo handler, IReadOnlyDictionary<string, object?> arguments)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var parameter in handler.GetParameters())
        {
            if (parameter.Name is not { } name || !arguments.TryGetValue(name, out var value))
            {
                continue;
            }

            var results = new List<ValidationResult>();
            var context = new ValidationContext(new object()) { DisplayName = name, MemberName = name };
            if (!Validator.TryValidateValue(value!, context, results, parameter.GetCustomAttributes<ValidationAttribute>()))
            {
                errors[name] = [.. results.Select(r => r.ErrorMessage ?? "is invalid")];
            }
        }

        if (errors.Count > 0)
        {
            throw GrpcProblems.Invalid(errors);
        }
    }
}
#pragma warning restore ASP0029
