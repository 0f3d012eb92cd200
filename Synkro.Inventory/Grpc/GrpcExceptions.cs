using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Synkro.Inventory.Http;

namespace Synkro.Inventory.Grpc;

/// <summary>
/// What REST does around its handlers, for gRPC: a NUL in any string is refused before it reaches
/// PostgreSQL (which cannot store one), and the exceptions ExceptionProblems turns into 409s become
/// the matching gRPC errors instead of an opaque INTERNAL.
/// </summary>
internal sealed class GrpcExceptions : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (request is IMessage message && FirstNul(message, "") is { } field)
        {
            throw GrpcErrors.Invalid(new Dictionary<string, string[]> { [field] = [NulCharacters.Message] });
        }

        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (ExceptionProblems.For(e) is { } problem)
        {
            throw GrpcErrors.From(problem);
        }
    }

    private static string? FirstNul(IMessage message, string path)
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var name = path + field.Name;
            var value = field.Accessor.GetValue(message);
            var values = field.IsRepeated ? ((System.Collections.IEnumerable)value).Cast<object>() : [value];
            var index = 0;
            foreach (var item in values)
            {
                var at = field.IsRepeated ? $"{name}[{index++}]" : name;
                var found = item switch
                {
                    string text when text.Contains('\0') => at,
                    IMessage nested when field.FieldType == FieldType.Message => FirstNul(nested, at + "."),
                    _ => null,
                };
                if (found is not null)
                {
                    return found;
                }
            }
        }

        return null;
    }
}
