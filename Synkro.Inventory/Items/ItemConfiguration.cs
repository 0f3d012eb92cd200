using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Synkro.Inventory.Items;

internal sealed class ItemConfiguration : IEntityTypeConfiguration<Item>
{
    public void Configure(EntityTypeBuilder<Item> item)
    {
        item.ToTable("items", table =>
        {
            table.HasCheckConstraint("ck_items_low_stock_threshold", "low_stock_threshold >= 0");
            table.HasCheckConstraint("ck_items_overstock_threshold", "overstock_threshold > 0 AND overstock_threshold > coalesce(low_stock_threshold, 0)");
            table.HasCheckConstraint("ck_items_price", "price IS NULL OR (price >= 0 AND currency IS NOT NULL)");
        });
        item.HasKey(i => i.Id);
        item.Property(i => i.Sku).HasMaxLength(ItemRules.SkuMaxLength);
        item.HasIndex(i => i.Sku).IsUnique();
        item.Property(i => i.Name).HasMaxLength(200);
        item.Property(i => i.Category).HasMaxLength(100);
        item.Property(i => i.Attributes).HasColumnType("jsonb");
        item.Property(i => i.Price).HasPrecision(18, 2);
        item.Property(i => i.Currency).HasMaxLength(3).IsFixedLength();
        item.Property(i => i.SearchText).HasComputedColumnSql("sku::text || ' ' || name::text", stored: true);
        // Keyset paging by SKU within a category; the unique SKU index serves the unfiltered list.
        item.HasIndex(i => new { i.Category, i.Sku });
        // GiST trigram index: the best word matches first (KNN) without visiting every match. Its GIN
        // sibling, on lower(search_text) so the planner cannot confuse the two, is created in SQL by
        // the CaseInsensitiveSearchIndex migration (EF Core does not model expression indexes).
        item.HasIndex(i => i.SearchText, "ix_items_search_text_gist").HasMethod("gist").HasOperators("gist_trgm_ops");
    }
}
