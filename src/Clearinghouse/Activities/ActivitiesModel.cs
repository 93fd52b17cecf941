using Clearinghouse.Countries;
using Clearinghouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Activities;

/// <summary>The activities inventory's part of the EF Core model.</summary>
internal static class ActivitiesModel
{
    public static void Configure(ModelBuilder builder, bool npgsql)
    {
        builder.Entity<Activity>(e =>
        {
            e.HasIndex(a => a.Slug).IsUnique();
            e.Property(a => a.Slug).HasMaxLength(120);
            e.Property(a => a.Title).HasMaxLength(500);
            e.Property(a => a.Summary).HasMaxLength(8000);
            e.Property(a => a.OriginalLanguage).HasMaxLength(8);
            AppDbContext.MapTranslations(e.Property(a => a.Translations));
            e.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(a => a.ReviewState).HasConversion<string>().HasMaxLength(20);
            e.PrimitiveCollection(a => a.Countries);
            e.PrimitiveCollection(a => a.ThematicAreas).ElementType().HasConversion<string>();
            e.PrimitiveCollection(a => a.TargetGroups).ElementType().HasConversion<string>();
            e.PrimitiveCollection(a => a.FormsOfExploitation).ElementType().HasConversion<string>();
            e.Property(a => a.Budget).HasPrecision(18, 2);
            e.Property(a => a.BudgetCurrency).HasMaxLength(3);
            AppDbContext.MapAsJson(e.Property(a => a.Links), 8000);
            e.HasOne(a => a.ContactPerson).WithMany().HasForeignKey(a => a.ContactPersonId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Activity>().WithMany().HasForeignKey(a => a.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
            e.OwnsMany(a => a.Facets, f =>
            {
                f.ToTable("ActivityFacets");
                f.WithOwner().HasForeignKey("ActivityId");
                f.Property(x => x.Key).HasMaxLength(80);
                f.HasKey("ActivityId", nameof(ActivityFacet.Key));
                f.HasIndex(nameof(ActivityFacet.Key), "ActivityId");
            });

            // The list's default order (newest start first) for the public and for editors.
            e.HasIndex(a => new { a.ReviewState, a.RetiredAt, a.StartDate, a.Id });
            e.HasIndex(a => a.Title);
            e.Property(a => a.Version).IsConcurrencyToken();
        });

        builder.Entity<ActivityParticipant>(e =>
        {
            e.Property(p => p.Role).HasConversion<string>().HasMaxLength(20);
            e.Property(p => p.Name).HasMaxLength(300);
            e.Property(p => p.IatiRef).HasMaxLength(100);
            e.Property(p => p.Amount).HasPrecision(18, 2);
            e.Property(p => p.Currency).HasMaxLength(3);
            e.HasOne(p => p.Activity).WithMany(a => a.Participants).HasForeignKey(p => p.ActivityId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(p => p.Organisation).WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(p => new { p.OrganisationId, p.Role });

            // Every participant by activity (kept explicitly: EF Core would take the filtered index below for the foreign key's).
            e.HasIndex(p => p.ActivityId);

            // Participants known by name only, by activity: the duplicate finder checks a probe's named participants against these (ADR 0024).
            e.HasIndex(p => new { p.ActivityId, p.Role, p.Name }, "IX_ActivityParticipants_NameOnly").HasFilter("\"OrganisationId\" IS NULL");
        });

        builder.Entity<ActivityIatiIdentifier>(e =>
        {
            e.HasKey(i => i.Identifier);
            e.Property(i => i.Identifier).HasMaxLength(200);
            e.Property(i => i.ReportingOrgRef).HasMaxLength(100);
            e.HasOne(i => i.Activity).WithMany(a => a.IatiIdentifiers).HasForeignKey(i => i.ActivityId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(i => i.ActivityId);
        });

        builder.Entity<ActivityRevision>(e =>
        {
            e.HasOne<Activity>().WithMany().HasForeignKey(r => r.ActivityId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(r => new { r.ActivityId, r.ValidFrom });
            e.HasIndex(r => new { r.ValidFrom, r.ValidTo });
        });

        builder.Entity<NeedsAssessment>(e =>
        {
            e.Property(n => n.CountryCode).HasMaxLength(2);
            e.HasOne<Country>().WithMany().HasForeignKey(n => n.CountryCode).OnDelete(DeleteBehavior.Restrict);
            e.Property(n => n.Area).HasConversion<string>().HasMaxLength(40);
            e.Property(n => n.Priority).HasConversion<string>().HasMaxLength(10);
            e.Property(n => n.Rationale).HasMaxLength(4000);
            e.Property(n => n.SourceTitle).HasMaxLength(500);
            e.Property(n => n.SourceUrl).HasMaxLength(500);
            e.HasIndex(n => new { n.CountryCode, n.Area });
            e.Property(n => n.Version).IsConcurrencyToken();
        });

        builder.Entity<ExchangeRate>(e =>
        {
            e.Property(r => r.Currency).HasMaxLength(3);
            e.Property(r => r.ToCurrency).HasMaxLength(3);
            e.Property(r => r.Rate).HasPrecision(18, 8);
            e.Property(r => r.Source).HasMaxLength(300);
            e.HasIndex(r => new { r.Currency, r.ToCurrency, r.Year });
            e.Property(r => r.Version).IsConcurrencyToken();
        });

        // Kept by database triggers (ADR 0024); read by the duplicate finder, one index range per cell. On PostgreSQL the
        // index carries every column the finder reads, so a cell is read from the index alone (an index-only scan).
        builder.Entity<Duplicates.ActivityDuplicateCell>(e =>
        {
            e.ToTable(Duplicates.DuplicateCells.Table);
            e.HasKey(c => new { c.ActivityId, c.Key });
            e.Property(c => c.Key).HasMaxLength(80);
            e.Property(c => c.Title).HasMaxLength(500);
            e.HasOne<Activity>().WithMany().HasForeignKey(c => c.ActivityId).OnDelete(DeleteBehavior.Cascade);
            var read = e.HasIndex(c => new { c.Key, c.StartDate }, "IX_ActivityDuplicateCells_Read");
            if (npgsql)
            {
                read.IncludeProperties(c => new { c.EndDate, c.IsPublished, c.ActivityId, c.Title });
            }
        });

        builder.Entity<DuplicateDismissal>(e =>
        {
            e.HasKey(d => new { d.FirstActivityId, d.SecondActivityId });
            e.Property(d => d.DecidedBy).HasMaxLength(256);
            e.HasOne<Activity>().WithMany().HasForeignKey(d => d.FirstActivityId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Activity>().WithMany().HasForeignKey(d => d.SecondActivityId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
