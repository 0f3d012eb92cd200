using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Synkro.Inventory.Data;
using Synkro.Inventory.Http;
using Synkro.Inventory.Security;

namespace Synkro.Inventory.Warehouses;

public static class WarehousesApi
{
    public static RouteGroupBuilder MapWarehousesApi(this RouteGroupBuilder api)
    {
        var warehouses = api.MapGroup("/warehouses").WithTags("Warehouses");
        warehouses.MapGet("", ListAsync).RequireAuthorization(InventoryPolicies.Read).WithName("ListWarehouses");
        warehouses.MapGet("/{id:guid}", GetAsync).RequireAuthorization(InventoryPolicies.Read).WithName("GetWarehouse");
        warehouses.MapPost("", CreateAsync).RequireAuthorization(InventoryPolicies.ManageCatalog).WithName("CreateWarehouse");
        warehouses.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(InventoryPolicies.ManageCatalog).WithName("UpdateWarehouse");
        return api;
    }

    private static async Task<Ok<List<WarehouseResponse>>> ListAsync(InventoryDbContext db, CancellationToken cancellationToken)
    {
        var all = await db.Warehouses.AsNoTracking().OrderBy(w => w.Priority).ThenBy(w => w.Code).ToListAsync(cancellationToken);
        return TypedResults.Ok(all.Select(WarehouseResponse.From).ToList());
    }

    private static async Task<Results<Ok<WarehouseResponse>, ProblemHttpResult>> GetAsync(Guid id, InventoryDbContext db, CancellationToken cancellationToken) =>
        await db.Warehouses.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, cancellationToken) is { } warehouse
            ? TypedResults.Ok(WarehouseResponse.From(warehouse))
            : Problems.NotFound("Warehouse", id);

    private static async Task<Results<Created<WarehouseResponse>, ProblemHttpResult>> CreateAsync(
        CreateWarehouseRequest request, InventoryDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await db.Warehouses.AnyAsync(w => w.Code == request.Code, cancellationToken))
        {
            return Problems.Conflict("Warehouse code already exists", $"A warehouse with code '{request.Code}' already exists.");
        }

        var now = clock.GetUtcNow();
        var warehouse = new Warehouse
        {
            Code = request.Code!,
            Name = request.Name!,
            AddressLine1 = request.AddressLine1,
            AddressLine2 = request.AddressLine2,
            City = request.City,
            State = request.State,
            PostalCode = request.PostalCode,
            Country = request.Country,
            ContactName = request.ContactName,
            ContactPhone = request.ContactPhone,
            ContactEmail = request.ContactEmail,
            IsActive = request.IsActive,
            Priority = request.Priority,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Warehouses.Add(warehouse);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/inventory/warehouses/{warehouse.Id}", WarehouseResponse.From(warehouse));
    }

    private static async Task<Results<Ok<WarehouseResponse>, ProblemHttpResult>> UpdateAsync(
        Guid id, UpdateWarehouseRequest request, InventoryDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var warehouse = await db.Warehouses.SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (warehouse is null)
        {
            return Problems.NotFound("Warehouse", id);
        }

        warehouse.Name = request.Name!;
        warehouse.AddressLine1 = request.AddressLine1;
        warehouse.AddressLine2 = request.AddressLine2;
        warehouse.City = request.City;
        warehouse.State = request.State;
        warehouse.PostalCode = request.PostalCode;
        warehouse.Country = request.Country;
        warehouse.ContactName = request.ContactName;
        warehouse.ContactPhone = request.ContactPhone;
        warehouse.ContactEmail = request.ContactEmail;
        warehouse.IsActive = request.IsActive;
        warehouse.Priority = request.Priority;
        warehouse.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(WarehouseResponse.From(warehouse));
    }
}
