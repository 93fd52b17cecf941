using Clearinghouse.Directory;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Library;

/// <summary>EF Core configuration of the library's tables (the full-text index is kept by LibraryIndex).</summary>
internal static class LibraryModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<LibraryWork>(e =>
        {
            e.ToTable("LibraryWorks");
            e.HasIndex(w => w.Slug).IsUnique();
            e.Property(w => w.Slug).HasMaxLength(120);
            e.Property(w => w.Type).HasConversion<string>().HasMaxLength(40);
            e.PrimitiveCollection(w => w.Themes).ElementType().HasConversion<string>();
            e.PrimitiveCollection(w => w.Countries);
            e.PrimitiveCollection(w => w.Audiences).ElementType().HasConversion<string>();
            e.PrimitiveCollection(w => w.AuthorPersonIds);
            e.PrimitiveCollection(w => w.RelatedMeetingIds);
            e.PrimitiveCollection(w => w.RelatedActivityIds);
            e.HasOne(w => w.Publisher).WithMany().HasForeignKey(w => w.PublisherId).OnDelete(DeleteBehavior.Restrict);
            e.Property(w => w.PublisherName).HasMaxLength(300);
            e.Property(w => w.Authors).HasMaxLength(1000);
            e.Property(w => w.AccessLevel).HasConversion<string>().HasMaxLength(20);
            e.Property(w => w.Provenance).HasMaxLength(1000);
            e.Property(w => w.VerificationStatus).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(w => new { w.AccessLevel, w.Type });
            e.HasIndex(w => w.PublisherId);
            e.HasIndex(w => w.CreatedAt);
            e.Property(w => w.Version).IsConcurrencyToken();
        });

        builder.Entity<LibraryEdition>(e =>
        {
            e.ToTable("LibraryEditions");
            e.HasOne(x => x.Work).WithMany(w => w.Editions).HasForeignKey(x => x.WorkId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.Language).HasMaxLength(8);
            e.Property(x => x.Title).HasMaxLength(500);
            e.Property(x => x.TitleKey).HasMaxLength(500);
            e.Property(x => x.Summary).HasMaxLength(4000);
            e.Property(x => x.ExternalUrl).HasMaxLength(1000);
            e.HasIndex(x => new { x.WorkId, x.Language }).IsUnique();
            e.HasIndex(x => x.TitleKey);
            e.Property(x => x.Version).IsConcurrencyToken();
        });

        builder.Entity<LibraryFile>(e =>
        {
            e.ToTable("LibraryFiles");
            e.HasOne(f => f.Edition).WithMany(x => x.Files).HasForeignKey(f => f.EditionId).OnDelete(DeleteBehavior.Restrict);
            e.Property(f => f.Sha256).HasMaxLength(64);
            e.HasIndex(f => f.Sha256).IsUnique();
            e.HasIndex(f => new { f.EditionId, f.VersionNumber }).IsUnique();
            e.Property(f => f.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(f => f.ContentType).HasMaxLength(100);
            e.Property(f => f.OriginalFileName).HasMaxLength(255);
            e.Property(f => f.ExtractionStatus).HasConversion<string>().HasMaxLength(20);
            e.Property(f => f.ExtractionNote).HasMaxLength(500);
        });
    }
}
