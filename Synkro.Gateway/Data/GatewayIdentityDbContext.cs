using Microsoft.EntityFrameworkCore;

namespace Synkro.Gateway.Data;

public sealed class GatewayIdentityDbContext(DbContextOptions<GatewayIdentityDbContext> options) : DbContext(options);
