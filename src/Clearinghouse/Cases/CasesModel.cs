using Clearinghouse.Countries;
using Clearinghouse.Directory;
using Clearinghouse.Services;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Cases;

/// <summary>The case management (National Referral Mechanism) part of the EF Core model.</summary>
internal static class CasesModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Case>(e =>
        {
            e.ToTable("Cases");
            e.HasIndex(c => c.CaseNumber).IsUnique();
            e.Property(c => c.CaseNumber).HasMaxLength(20);
            e.HasOne<Organisation>().WithMany().HasForeignKey(c => c.OwnerOrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Organisation>().WithMany().HasForeignKey(c => c.IdentifyingOrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.Property(c => c.Gender).HasConversion<string>().HasMaxLength(30);
            e.Property(c => c.AgeGroup).HasConversion<string>().HasMaxLength(20);
            e.PrimitiveCollection(c => c.Citizenship);
            e.Property(c => c.CountryOfExploitation).HasMaxLength(2);
            e.HasOne<Country>().WithMany().HasForeignKey(c => c.CountryOfExploitation).OnDelete(DeleteBehavior.Restrict);
            e.Property(c => c.Scope).HasConversion<string>().HasMaxLength(20);
            e.PrimitiveCollection(c => c.FormsOfExploitation).ElementType().HasConversion<string>();
            e.Property(c => c.LabourSector).HasConversion<string>().HasMaxLength(60);
            e.PrimitiveCollection(c => c.MethodsOfControl).ElementType().HasConversion<string>();
            e.Property(c => c.IdentificationChannel).HasConversion<string>().HasMaxLength(30);
            e.Property(c => c.IdentificationStatus).HasConversion<string>().HasMaxLength(30);
            e.Property(c => c.RiskLevel).HasConversion<string>().HasMaxLength(20);
            e.Property(c => c.State).HasConversion<string>().HasMaxLength(20);
            e.Property(c => c.Version).IsConcurrencyToken();
            e.HasIndex(c => new { c.State, c.ClosedOn });
            e.HasIndex(c => c.OwnerOrganisationId);
        });

        builder.Entity<CaseTeamMember>(e =>
        {
            e.HasOne<Case>().WithMany(c => c.Team).HasForeignKey(t => t.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Organisation>().WithMany().HasForeignKey(t => t.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(t => new { t.OrganisationId, t.CaseId });
            e.HasIndex(t => new { t.OrganisationId, t.AddedAt }); // the organisation's newest cases (CaseRegistry.LatestOfMyOrganisation)
            e.HasIndex(t => new { t.CaseId, t.OrganisationId, t.UserId }).IsUnique();
        });

        builder.Entity<Consent>(e =>
        {
            e.HasOne<Case>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Restrict);
            e.Property(c => c.Scope).HasConversion<string>().HasMaxLength(20);
            e.PrimitiveCollection(c => c.Organisations);
            e.PrimitiveCollection(c => c.Categories).ElementType().HasConversion<string>();
            e.HasIndex(c => c.CaseId);
        });

        builder.Entity<Referral>(e =>
        {
            e.HasOne(r => r.Case).WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Organisation>().WithMany().HasForeignKey(r => r.ProviderOrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Service>().WithMany().HasForeignKey(r => r.ServiceId).OnDelete(DeleteBehavior.Restrict);
            e.Property(r => r.Service).HasConversion<string>().HasMaxLength(30);
            e.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(r => r.DeclineReason).HasMaxLength(1000);
            e.PrimitiveCollection(r => r.SharedCategories).ElementType().HasConversion<string>();
            e.Property(r => r.Version).IsConcurrencyToken();
            e.HasIndex(r => r.CaseId);
            e.HasIndex(r => new { r.ProviderOrganisationId, r.Status });
        });

        builder.Entity<SopStep>(e =>
        {
            e.HasOne<Case>().WithMany().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Restrict);
            e.Property(s => s.Kind).HasConversion<string>().HasMaxLength(30);
            e.HasIndex(s => s.CaseId);
            e.HasIndex(s => new { s.ResponsibleUserId, s.DoneAt, s.DueOn });
        });

        builder.Entity<CaseConference>(e =>
        {
            e.HasOne<Case>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Restrict);
            e.PrimitiveCollection(c => c.Participants);
            e.HasIndex(c => c.CaseId);
        });

        builder.Entity<ConferenceAction>(e =>
        {
            e.HasOne<CaseConference>().WithMany(c => c.Actions).HasForeignKey(a => a.ConferenceId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Case>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(a => new { a.OwnerUserId, a.DoneAt, a.DueOn });
        });

        builder.Entity<AuditEntry>(e =>
        {
            e.ToTable("CaseAudit");
            e.HasKey(a => a.Sequence);
            e.Property(a => a.Sequence).ValueGeneratedNever();
            e.Property(a => a.Actor).HasMaxLength(256);
            e.Property(a => a.Action).HasMaxLength(40);
            e.Property(a => a.Detail).HasMaxLength(500);
            e.Property(a => a.PreviousHash).HasMaxLength(64);
            e.Property(a => a.Hash).HasMaxLength(64);
            e.HasIndex(a => new { a.CaseId, a.Sequence });
        });

        builder.Entity<CaseIdentifierHash>(e =>
        {
            e.HasOne<Case>().WithMany().HasForeignKey(h => h.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.Property(h => h.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(h => h.Hash).HasMaxLength(64);
            e.HasIndex(h => h.Hash);
            e.HasIndex(h => h.CaseId);
        });

        builder.Entity<CaseLinkRequest>(e =>
        {
            e.HasOne<Case>().WithMany().HasForeignKey(l => l.FromCaseId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Case>().WithMany().HasForeignKey(l => l.ToCaseId).OnDelete(DeleteBehavior.Restrict);
            e.Property(l => l.Status).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(l => new { l.ToOrganisationId, l.Status });
        });

        builder.Entity<BreakGlassGrant>(e =>
        {
            e.HasOne<Case>().WithMany().HasForeignKey(g => g.CaseId).OnDelete(DeleteBehavior.Restrict);
            e.Property(g => g.Reason).HasMaxLength(1000);
            e.HasIndex(g => new { g.CaseId, g.UserId, g.ExpiresAt });
        });

        builder.Entity<CaseNotification>(e =>
        {
            e.Property(n => n.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(n => n.Message).HasMaxLength(500);
            e.HasIndex(n => new { n.OrganisationId, n.ReadAt });
        });

        builder.Entity<CaseExportApproval>(e =>
        {
            e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.CaseId);
        });
    }
}
