using Clearinghouse.Cases;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Statistics;

/// <summary>
/// A record-level data set imported from another organisation (an HTCDS or CTDC-style CSV file): its source, the
/// years it covers and the file's SHA-256, so the same file is never counted twice. A newer file from the same
/// source for the same years replaces the older one (<see cref="SupersededAt"/>), which then no longer counts.
/// </summary>
internal sealed class StatisticsDataset
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Who collected the data, e.g. "CTDC global synthetic dataset" or "National rapporteur of Moldova".</summary>
    public required string Source { get; set; }

    public int FirstYear { get; set; }

    public int LastYear { get; set; }

    public required string FileName { get; set; }

    /// <summary>Lower-case hex SHA-256 of the imported file.</summary>
    public required string Sha256 { get; set; }

    public int RecordCount { get; set; }

    /// <summary>Invented data (the demo data set): the pages say so.</summary>
    public bool IsFictitious { get; set; }

    public DateTimeOffset ImportedAt { get; set; }

    public required string ImportedBy { get; set; }

    public DateTimeOffset? SupersededAt { get; set; }
}

/// <summary>
/// One person of an imported data set, already coarsened: year only, no identifier. Every dimension is one code
/// (a person with several forms of exploitation is "Multiple"), so tables add up to their totals.
/// </summary>
internal sealed class StatisticsRecord
{
    public long Id { get; set; }

    public Guid DatasetId { get; set; }

    /// <summary>Year of registration (identification or start of assistance).</summary>
    public int Year { get; set; }

    /// <summary>Whether the source says the person was assisted (not only identified).</summary>
    public bool Assisted { get; set; }

    /// <summary>Codes of the <see cref="Dimension"/>s, as in <see cref="StatisticsCodes"/>; null when unknown.</summary>
    public string? Sex { get; set; }

    public string? AgeGroup { get; set; }

    public string? ChildOrAdult { get; set; }

    public string? FormOfExploitation { get; set; }

    public string? Sector { get; set; }

    public string? Citizenship { get; set; }

    public string? CountryOfExploitation { get; set; }

    public string? Scope { get; set; }
}

internal static class StatisticsModel
{
    public static void Configure(ModelBuilder builder, bool npgsql)
    {
        // The statistics count cases of a period by a few columns (Crosstabs): an index on the identification date
        // narrows a year to its cases, and on PostgreSQL it carries every column the statistics read, so a table
        // is counted from the index alone (an index-only scan) without reading the wide case rows.
        var byDate = builder.Entity<Case>().HasIndex(c => c.IdentifiedOn, "IX_Cases_Statistics");
        if (npgsql)
        {
            byDate.IncludeProperties(c => new
            {
                c.Id,
                c.IdentificationStatus,
                c.Gender,
                c.AgeGroup,
                c.IsChild,
                c.FormsOfExploitation,
                c.LabourSector,
                c.Citizenship,
                c.CountryOfExploitation,
                c.Scope,
                c.IdentificationChannel,
                c.IdentifyingOrganisationId,
            });
        }

        builder.Entity<StatisticsDataset>(e =>
        {
            e.Property(d => d.Source).HasMaxLength(200);
            e.Property(d => d.FileName).HasMaxLength(260);
            e.Property(d => d.Sha256).HasMaxLength(64);
            e.Property(d => d.ImportedBy).HasMaxLength(256);
            e.HasIndex(d => d.Sha256).IsUnique();
            e.HasIndex(d => new { d.Source, d.FirstYear, d.LastYear });
        });

        builder.Entity<StatisticsRecord>(e =>
        {
            e.HasOne<StatisticsDataset>().WithMany().HasForeignKey(r => r.DatasetId).OnDelete(DeleteBehavior.Cascade);
            e.Property(r => r.Sex).HasMaxLength(30);
            e.Property(r => r.AgeGroup).HasMaxLength(20);
            e.Property(r => r.ChildOrAdult).HasMaxLength(10);
            e.Property(r => r.FormOfExploitation).HasMaxLength(40);
            e.Property(r => r.Sector).HasMaxLength(60);
            e.Property(r => r.Citizenship).HasMaxLength(2);
            e.Property(r => r.CountryOfExploitation).HasMaxLength(2);
            e.Property(r => r.Scope).HasMaxLength(20);
            e.HasIndex(r => new { r.DatasetId, r.Year });
        });
    }
}
