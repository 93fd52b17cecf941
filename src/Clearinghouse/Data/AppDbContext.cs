using System.Text.Json;
using Clearinghouse.Accounts;
using Clearinghouse.Activities;
using Clearinghouse.Cases;
using Clearinghouse.Common;
using Clearinghouse.Countries;
using Clearinghouse.Directory;
using Clearinghouse.Library;
using Clearinghouse.Services;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearinghouse.Data;

/// <summary>The one EF Core model of the Clearinghouse, for SQLite and PostgreSQL alike.</summary>
internal sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<Country> Countries => Set<Country>();

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<CoordinationBody> CoordinationBodies => Set<CoordinationBody>();

    public DbSet<BodyMembership> BodyMemberships => Set<BodyMembership>();

    public DbSet<Meeting> Meetings => Set<Meeting>();

    public DbSet<ChangeRecord> ChangeRecords => Set<ChangeRecord>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<AppSetting> AppSettings => Set<AppSetting>();

    public DbSet<Activity> Activities => Set<Activity>();

    public DbSet<ActivityParticipant> ActivityParticipants => Set<ActivityParticipant>();

    public DbSet<ActivityIatiIdentifier> ActivityIatiIdentifiers => Set<ActivityIatiIdentifier>();

    public DbSet<ActivityRevision> ActivityRevisions => Set<ActivityRevision>();

    public DbSet<NeedsAssessment> NeedsAssessments => Set<NeedsAssessment>();

    public DbSet<ExchangeRate> ExchangeRates => Set<ExchangeRate>();

    public DbSet<DuplicateDismissal> DuplicateDismissals => Set<DuplicateDismissal>();

    public DbSet<Activities.Duplicates.ActivityDuplicateCell> ActivityDuplicateCells => Set<Activities.Duplicates.ActivityDuplicateCell>();

    public DbSet<GapSummaryRow> GapSummaryRows => Set<GapSummaryRow>();

    public DbSet<LibraryWork> LibraryWorks => Set<LibraryWork>();

    public DbSet<LibraryEdition> LibraryEditions => Set<LibraryEdition>();

    public DbSet<LibraryFile> LibraryFiles => Set<LibraryFile>();
    public DbSet<Case> Cases => Set<Case>();

    public DbSet<CaseTeamMember> CaseTeamMembers => Set<CaseTeamMember>();

    public DbSet<Consent> Consents => Set<Consent>();

    public DbSet<Referral> Referrals => Set<Referral>();

    public DbSet<SopStep> SopSteps => Set<SopStep>();

    public DbSet<CaseConference> CaseConferences => Set<CaseConference>();

    public DbSet<ConferenceAction> ConferenceActions => Set<ConferenceAction>();

    public DbSet<AuditEntry> CaseAudit => Set<AuditEntry>();

    public DbSet<CaseIdentifierHash> CaseIdentifierHashes => Set<CaseIdentifierHash>();

    public DbSet<CaseLinkRequest> CaseLinkRequests => Set<CaseLinkRequest>();

    public DbSet<BreakGlassGrant> BreakGlassGrants => Set<BreakGlassGrant>();

    public DbSet<CaseNotification> CaseNotifications => Set<CaseNotification>();

    public DbSet<CaseExportApproval> CaseExportApprovals => Set<CaseExportApproval>();
    public DbSet<Service> Services => Set<Service>();

    public DbSet<PlannedOperationNotice> PlannedOperationNotices => Set<PlannedOperationNotice>();

    public DbSet<NoticePartner> NoticePartners => Set<NoticePartner>();

    public DbSet<Statistics.StatisticsDataset> StatisticsDatasets => Set<Statistics.StatisticsDataset>();

    public DbSet<Statistics.StatisticsRecord> StatisticsRecords => Set<Statistics.StatisticsRecord>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        if (Database.IsNpgsql())
        {
            builder.HasPostgresExtension("pg_trgm");
        }

        builder.Entity<Country>(e =>
        {
            e.HasKey(c => c.Code);
            e.Property(c => c.Code).HasMaxLength(2);
            e.Property(c => c.Alpha3).HasMaxLength(3);
            e.Property(c => c.NumericCode).HasMaxLength(3);
            e.Property(c => c.NameEn).HasMaxLength(100);
            e.Property(c => c.NameRu).HasMaxLength(100);
            e.Property(c => c.Region).HasMaxLength(100);
            e.Property(c => c.OsceStatus).HasConversion<string>().HasMaxLength(30);
        });

        builder.Entity<Organisation>(e =>
        {
            e.HasIndex(o => o.Slug).IsUnique();
            e.Property(o => o.Slug).HasMaxLength(120);
            e.Property(o => o.Name).HasMaxLength(300);
            e.Property(o => o.Acronym).HasMaxLength(50);
            e.Property(o => o.OriginalLanguage).HasMaxLength(8);
            e.Property(o => o.Type).HasConversion<string>().HasMaxLength(40);
            e.Property(o => o.CountryCode).HasMaxLength(2);
            e.HasOne<Country>().WithMany().HasForeignKey(o => o.CountryCode).OnDelete(DeleteBehavior.Restrict);
            e.Property(o => o.Description).HasMaxLength(4000);
            e.Property(o => o.Website).HasMaxLength(500);
            e.Property(o => o.PublicEmail).HasMaxLength(254);
            e.Property(o => o.PublicPhone).HasMaxLength(50);
            e.Property(o => o.Address).HasMaxLength(500);
            e.PrimitiveCollection(o => o.CountriesActive);
            e.PrimitiveCollection(o => o.ThematicAreas).ElementType().HasConversion<string>();
            e.PrimitiveCollection(o => o.TargetGroups).ElementType().HasConversion<string>();
            MapTranslations(e.Property(o => o.Translations));
            e.HasIndex(o => o.Name);
            e.HasIndex(o => new { o.Type, o.CountryCode });
            e.Property(o => o.Version).IsConcurrencyToken();
            if (Database.IsNpgsql())
            {
                // The directory list's indexes (OrganisationIndex, ADR 0007): the listed organisations in list order;
                // trigrams of the search text for LIKE '%word%'; the lists for array containment.
                e.HasIndex(o => new { o.Name, o.Id }, "IX_Organisations_Name_Id_Listed").HasFilter("\"RetiredAt\" IS NULL");
                e.HasIndex(o => o.SearchText, "IX_Organisations_SearchText_Trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
                e.HasIndex(o => o.CountriesActive, "IX_Organisations_CountriesActive").HasMethod("gin");
                e.HasIndex(o => o.ThematicAreas, "IX_Organisations_ThematicAreas").HasMethod("gin");
                e.HasIndex(o => o.TargetGroups, "IX_Organisations_TargetGroups").HasMethod("gin");
            }
            else
            {
                // The SQLite migration gives Organisations triggers that keep the FTS5 table OrganisationSearch in step,
                // and SQLite's RETURNING clause cannot be used on a table with AFTER triggers.
                e.ToTable(t => t.UseSqlReturningClause(false));
            }
        });

        builder.Entity<Person>(e =>
        {
            e.Property(p => p.GivenName).HasMaxLength(100);
            e.Property(p => p.FamilyName).HasMaxLength(100);
            e.Property(p => p.JobTitle).HasMaxLength(200);
            e.Property(p => p.Role).HasConversion<string>().HasMaxLength(40);
            e.Property(p => p.PublicEmail).HasMaxLength(254);
            e.Property(p => p.PublicPhone).HasMaxLength(50);
            e.Property(p => p.DirectPhone).HasMaxLength(50);
            e.Property(p => p.PersonalEmail).HasMaxLength(254);
            e.HasOne(p => p.Organisation).WithMany(o => o.People).HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.Property(p => p.Version).IsConcurrencyToken();
            e.Ignore(p => p.FullName);
        });

        builder.Entity<CoordinationBody>(e =>
        {
            e.HasIndex(b => b.Slug).IsUnique();
            e.Property(b => b.Slug).HasMaxLength(120);
            e.Property(b => b.Name).HasMaxLength(300);
            e.Property(b => b.OriginalLanguage).HasMaxLength(8);
            e.Property(b => b.Kind).HasConversion<string>().HasMaxLength(40);
            e.Property(b => b.CountryCode).HasMaxLength(2);
            e.HasOne<Country>().WithMany().HasForeignKey(b => b.CountryCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(b => b.Convenor).WithMany().HasForeignKey(b => b.ConvenorId).OnDelete(DeleteBehavior.Restrict);
            e.Property(b => b.Description).HasMaxLength(4000);
            e.Property(b => b.Established).HasMaxLength(10);
            e.Property(b => b.Website).HasMaxLength(500);
            MapTranslations(e.Property(b => b.Translations));
            e.Property(b => b.Version).IsConcurrencyToken();
        });

        builder.Entity<BodyMembership>(e =>
        {
            e.HasKey(m => new { m.BodyId, m.OrganisationId });
            e.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
            e.HasOne(m => m.Body).WithMany(b => b.Members).HasForeignKey(m => m.BodyId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(m => m.Organisation).WithMany(o => o.Memberships).HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Meeting>(e =>
        {
            e.HasIndex(m => m.Slug).IsUnique();
            e.Property(m => m.Slug).HasMaxLength(120);
            e.Property(m => m.Title).HasMaxLength(300);
            e.Property(m => m.City).HasMaxLength(100);
            e.Property(m => m.CountryCode).HasMaxLength(2);
            e.HasOne<Country>().WithMany().HasForeignKey(m => m.CountryCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(m => m.Organiser).WithMany().HasForeignKey(m => m.OrganiserId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(m => m.Body).WithMany().HasForeignKey(m => m.BodyId).OnDelete(DeleteBehavior.Restrict);
            e.Property(m => m.Summary).HasMaxLength(4000);
            e.Property(m => m.Version).IsConcurrencyToken();
        });

        builder.Entity<ChangeRecord>(e =>
        {
            e.Property(c => c.EntityType).HasMaxLength(60);
            e.Property(c => c.Action).HasMaxLength(20);
            e.Property(c => c.ChangedBy).HasMaxLength(256);
            e.HasIndex(c => new { c.EntityType, c.EntityId, c.ChangedAt });
        });

        builder.Entity<ApiToken>(e =>
        {
            e.Property(t => t.Name).HasMaxLength(100);
            e.Property(t => t.Prefix).HasMaxLength(20);
            e.Property(t => t.SecretHash).HasMaxLength(64);
            e.HasIndex(t => t.SecretHash).IsUnique();
            e.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<AppUser>(e => e.Property(u => u.DisplayName).HasMaxLength(200));

        builder.Entity<AppSetting>(e =>
        {
            e.HasKey(s => s.Key);
            e.Property(s => s.Key).HasMaxLength(100);
            e.Property(s => s.Value).HasMaxLength(1000);
        });

        ActivitiesModel.Configure(builder, Database.IsNpgsql());
        GapSummary.Configure(builder);
        LibraryModel.Configure(builder);
        CasesModel.Configure(builder);
        ServicesModel.Configure(builder);
        Statistics.StatisticsModel.Configure(builder, Database.IsNpgsql());

        // Every list column is compared element by element (ListComparer), not by EF Core's primitive-collection
        // comparer, which creates a delegate on every comparison (ADR 0025).
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(t => t.GetProperties())
                     .Where(p => p.IsPrimitiveCollection && p.ClrType.IsGenericType && p.ClrType.GetGenericTypeDefinition() == typeof(List<>)))
        {
            property.SetValueComparer((Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer)Activator.CreateInstance(
                typeof(ListComparer<>).MakeGenericType(property.ClrType.GetGenericArguments()[0]))!);
        }

        if (Database.IsSqlite())
        {
            // SQLite cannot order or compare DateTimeOffset values; they are stored as sortable 64-bit numbers
            // (all times in the Clearinghouse are UTC, so the offset never varies).
            foreach (var property in builder.Model.GetEntityTypes().SelectMany(t => t.GetProperties())
                         .Where(p => p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(DateTimeOffset?)))
            {
                property.SetValueConverter(new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter());
            }
        }
    }

    /// <summary>New activities saved while deferred (<see cref="DeferGapSummaryOfNewActivities"/>) whose contributions are not yet added.</summary>
    private HashSet<Guid>? deferredGapIds;

    /// <summary>Saves, moving the saved activities' contributions to the gap matrix summary in the same transaction (ADR 0019).</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var (activities, stored) = SavedActivities();
        if (activities.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        if (deferredGapIds is not null && Database.CurrentTransaction is not null)
        {
            if (stored.Count == 0)
            {
                var saved = await GapSummary.SaveNewDeferredAsync(this, () => base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken), cancellationToken);
                deferredGapIds.UnionWith(activities);
                return saved;
            }

            // A change to stored activities reads their contributions before and after: those deferred must be in first.
            await ApplyDeferredGapSummaryAsync(cancellationToken);
        }

        return await GapSummary.SaveWithDeltasAsync(this, activities, stored, () => base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// For a bulk write of new activities in the caller's transaction (an import): until
    /// <see cref="ApplyDeferredGapSummaryAsync"/>, saves that only add activities leave their contributions to the gap
    /// matrix summary for that call, which adds them all with one grouped read and one upsert instead of per save. The
    /// caller must call it before committing; disposing the result stops the deferral and forgets what was not applied
    /// (the transaction is then rolled back). Saves outside a transaction are never deferred.
    /// </summary>
    public IDisposable DeferGapSummaryOfNewActivities()
    {
        if (Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Deferring the gap summary needs the caller's transaction.");
        }

        deferredGapIds ??= [];
        return new DeferredGapSummary(this);
    }

    /// <summary>Adds the contributions of the new activities saved since <see cref="DeferGapSummaryOfNewActivities"/> (or since the last call).</summary>
    public async Task ApplyDeferredGapSummaryAsync(CancellationToken cancellationToken = default)
    {
        if (deferredGapIds is { Count: > 0 } ids)
        {
            await GapSummary.AddNewAsync(this, ids, cancellationToken);
            ids.Clear();
        }
    }

    /// <inheritdoc cref="SaveChangesAsync(bool, CancellationToken)"/>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SavedActivities().All.Count == 0
            ? base.SaveChanges(acceptAllChangesOnSuccess)
            : throw new InvalidOperationException("Activities are saved with SaveChangesAsync, which keeps the gap matrix summary up to date.");

    /// <summary>The activities this save writes, and those of them already stored (modified or deleted, not added).</summary>
    private (List<Guid> All, List<Guid> Stored) SavedActivities()
    {
        var entries = ChangeTracker.Entries<Activity>().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        return ([.. entries.Select(e => e.Entity.Id)], [.. entries.Where(e => e.State != EntityState.Added).Select(e => e.Entity.Id)]);
    }

    private sealed class DeferredGapSummary(AppDbContext db) : IDisposable
    {
        public void Dispose() => db.deferredGapIds = null;
    }

    /// <summary>Stores a record's translations as one JSON text column (used by every translatable record).</summary>
    internal static void MapTranslations(PropertyBuilder<List<Translation>> property) => MapAsJson(property, 20000);

    /// <summary>Stores a small list of values as one JSON text column, compared by content.</summary>
    internal static void MapAsJson<T>(PropertyBuilder<List<T>> property, int maxLength) =>
        property
            .HasConversion(
                v => JsonSerializer.Serialize(v, JsonSerializerOptions.Web),
                v => JsonSerializer.Deserialize<List<T>>(v, JsonSerializerOptions.Web) ?? new List<T>(),
                new ValueComparer<List<T>>(
                    (a, b) => JsonSerializer.Serialize(a, JsonSerializerOptions.Web) == JsonSerializer.Serialize(b, JsonSerializerOptions.Web),
                    v => JsonSerializer.Serialize(v, JsonSerializerOptions.Web).GetHashCode(StringComparison.Ordinal),
                    v => JsonSerializer.Deserialize<List<T>>(JsonSerializer.Serialize(v, JsonSerializerOptions.Web), JsonSerializerOptions.Web)!))
            .HasMaxLength(maxLength);
}

/// <summary>A small key/value record of the installation's own state (e.g. that the demo data was loaded).</summary>
internal sealed class AppSetting
{
    public required string Key { get; set; }

    public required string Value { get; set; }
}
