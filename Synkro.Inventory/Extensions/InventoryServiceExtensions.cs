using Synkro.Inventory.Data;

namespace Synkro.Inventory.Extensions;

public static class InventoryServiceExtensions
{
    public static void AddInventoryServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<InventoryDbContext>(ResourceNames.InventoryDb);
        builder.AddRabbitMQHealthCheck(ResourceNames.Messaging);
        builder.AddRedisHealthCheck(ResourceNames.Cache);
    }
}
