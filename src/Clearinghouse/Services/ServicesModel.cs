using Clearinghouse.Countries;
using Clearinghouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Services;

/// <summary>The service directory's part of the EF Core model.</summary>
internal static class ServicesModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Service>(e =>
        {
            e.HasOne(s => s.Organisation).WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.Property(s => s.Kind).HasConversion<string>().HasMaxLength(30);
            e.Property(s => s.Name).HasMaxLength(300);
            e.Property(s => s.Description).HasMaxLength(4000);
            e.Property(s => s.OriginalLanguage).HasMaxLength(8);
            AppDbContext.MapTranslations(e.Property(s => s.Translations));
            e.Property(s => s.Visibility).HasConversion<string>().HasMaxLength(20);
            e.PrimitiveCollection(s => s.Sexes).ElementType().HasConversion<string>();
            e.PrimitiveCollection(s => s.Nationalities);
            e.PrimitiveCollection(s => s.FormsOfExploitation).ElementType().HasConversion<string>();
            e.Property(s => s.EligibilityNote).HasMaxLength(1000);
            e.PrimitiveCollection(s => s.Languages);
            e.PrimitiveCollection(s => s.CountriesServed);
            e.Property(s => s.RegionsServed).HasMaxLength(500);
            e.Property(s => s.Hours).HasMaxLength(300);
            e.Property(s => s.Website).HasMaxLength(500);
            e.Property(s => s.Email).HasMaxLength(254);
            e.Property(s => s.Phone).HasMaxLength(50);
            e.Property(s => s.Address).HasMaxLength(500);
            e.Property(s => s.City).HasMaxLength(100);
            e.Property(s => s.CountryCode).HasMaxLength(2);
            e.HasOne<Country>().WithMany().HasForeignKey(s => s.CountryCode).OnDelete(DeleteBehavior.Restrict);
            e.Property(s => s.OccupancyUpdatedBy).HasMaxLength(256);
            e.HasIndex(s => new { s.Kind, s.CountryCode });
            e.HasIndex(s => s.OrganisationId);
            e.Property(s => s.Version).IsConcurrencyToken();
            e.Ignore(s => s.IsShelter);
            e.Ignore(s => s.FreeBeds);
        });

        builder.Entity<PlannedOperationNotice>(e =>
        {
            e.HasOne(n => n.FiledByOrganisation).WithMany().HasForeignKey(n => n.FiledByOrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.Property(n => n.FiledBy).HasMaxLength(256);
            e.Property(n => n.Area).HasMaxLength(300);
            e.Property(n => n.CountryCode).HasMaxLength(2);
            e.HasOne<Country>().WithMany().HasForeignKey(n => n.CountryCode).OnDelete(DeleteBehavior.Restrict);
            e.PrimitiveCollection(n => n.Languages);
            e.Property(n => n.Needs).HasMaxLength(2000);
            e.HasIndex(n => new { n.FiledByOrganisationId, n.OperationDate });
            e.Property(n => n.Version).IsConcurrencyToken();
        });

        builder.Entity<NoticePartner>(e =>
        {
            e.HasKey(p => new { p.NoticeId, p.OrganisationId });
            e.HasOne(p => p.Notice).WithMany(n => n.Partners).HasForeignKey(p => p.NoticeId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(p => p.Organisation).WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.Property(p => p.Note).HasMaxLength(1000);
            e.Property(p => p.UpdatedBy).HasMaxLength(256);
            e.HasIndex(p => p.OrganisationId);
        });
    }
}
