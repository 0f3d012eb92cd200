using Synkro.Gateway.Data;

namespace Synkro.Gateway.Extensions;

public static class GatewayServiceExtensions
{
    public static void AddGatewayServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<GatewayIdentityDbContext>(ResourceNames.IdentityDb);
        builder.AddRedisClient(ResourceNames.Cache);
    }
}
