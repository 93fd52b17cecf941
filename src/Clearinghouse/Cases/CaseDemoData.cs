using Clearinghouse.Common;
using Clearinghouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Cases;

/// <summary>
/// Three invented cases for the demo — every name, date and number below is made up, and each narrative says
/// FICTITIOUS. Identifiers are sealed on load like any other case. Loaded after the directory (they belong to its
/// organisations); skipped when those organisations are missing.
/// </summary>
internal sealed class CaseDemoData(CaseCipher cipher, IdentifierHasher hasher, TimeProvider clock) : IDemoDataSet
{
    /// <summary>The invented people, also used by the test that greps the database files for plain identifiers.</summary>
    internal static readonly (string Owner, string Number, CasePersonalData Personal, Action<Case> Statistics)[] Cases =
    [
        ("iom-kosovo", "C-DEMO-7Q4KXA", new CasePersonalData
        {
            GivenName = "Zyrafete", FamilyName = "Demovska", Aliases = ["Zyra Fictiva"], DateOfBirth = new DateOnly(1999, 2, 14),
            Documents = [new IdentityDocument { Kind = DocumentKind.Passport, Number = "ZZ9900417", IssuingCountry = "AL" }],
            Phone = "+999 555 0417", Email = "zyrafete.demo@example.net",
            Narrative = "FICTITIOUS demo case. Invented person; recruited through a false job offer for restaurant work, documents withheld.",
        }, c =>
        {
            c.Gender = Gender.Feminine; c.AgeAtIdentification = 24; c.Citizenship = ["AL"]; c.CountryOfExploitation = "XK"; c.Scope = TraffickingScope.CrossBorder;
            c.FormsOfExploitation = [FormOfExploitation.SexualExploitation]; c.MethodsOfControl = [MethodOfControl.WithholdsDocuments, MethodOfControl.DebtBondage];
            c.IdentificationChannel = IdentificationChannel.PoliceOperation; c.IdentificationStatus = IdentificationStatus.FormallyIdentified; c.RiskLevel = RiskLevel.High; c.WitnessProtection = true;
        }),
        ("iom-kosovo", "C-DEMO-M3R8TB", new CasePersonalData
        {
            GivenName = "Bekim", FamilyName = "Fiktivi", DateOfBirth = new DateOnly(2009, 9, 3),
            Documents = [new IdentityDocument { Kind = DocumentKind.IdentityCard, Number = "XK-DEMO-5531", IssuingCountry = "XK" }],
            Narrative = "FICTITIOUS demo case. Invented child; forced begging in a city centre, identified through NGO outreach.",
        }, c =>
        {
            c.Gender = Gender.Masculine; c.AgeAtIdentification = 15; c.IsChild = true; c.Citizenship = ["XK"]; c.CountryOfExploitation = "XK"; c.Scope = TraffickingScope.Internal;
            c.FormsOfExploitation = [FormOfExploitation.ForcedBegging]; c.MethodsOfControl = [MethodOfControl.PsychologicalAbuse, MethodOfControl.TakesEarnings];
            c.IdentificationChannel = IdentificationChannel.NgoOutreach; c.RiskLevel = RiskLevel.Medium;
        }),
        ("la-strada-moldova", "C-DEMO-H6W2PN", new CasePersonalData
        {
            GivenName = "Doina", FamilyName = "Inventată", DateOfBirth = new DateOnly(1990, 5, 30),
            Phone = "+999 555 0530",
            Narrative = "FICTITIOUS demo case. Invented person; construction-site cook, wages withheld, called the hotline.",
        }, c =>
        {
            c.Gender = Gender.Feminine; c.AgeAtIdentification = 33; c.Citizenship = ["MD"]; c.CountryOfExploitation = "RU"; c.Scope = TraffickingScope.CrossBorder;
            c.FormsOfExploitation = [FormOfExploitation.ForcedLabour]; c.LabourSector = LabourSector.Construction; c.MethodsOfControl = [MethodOfControl.TakesEarnings, MethodOfControl.ExcessiveWorkingHours];
            c.IdentificationChannel = IdentificationChannel.Hotline; c.RiskLevel = RiskLevel.Low;
        }),
    ];

    public string SettingKey => "demo-cases-loaded";

    public int Order => 50;

    public async Task<int> LoadAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var owners = await db.Organisations.Where(o => Cases.Select(c => c.Owner).Contains(o.Slug)).ToDictionaryAsync(o => o.Slug, o => o.Id, cancellationToken);
        var existing = await db.Cases.Where(c => Cases.Select(x => x.Number).Contains(c.CaseNumber)).Select(c => c.CaseNumber).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var added = 0;
        foreach (var (owner, number, personal, statistics) in Cases)
        {
            if (!owners.TryGetValue(owner, out var organisation) || existing.Contains(number))
            {
                continue;
            }

            var c = new Case { CaseNumber = number, OwnerOrganisationId = organisation, IdentifyingOrganisationId = organisation, IdentifiedOn = today.AddDays(-20), CreatedAt = now, UpdatedAt = now };
            statistics(c);
            c.AgeGroup = AgeGroups.For(c.AgeAtIdentification);
            c.PersonalData = cipher.SealPersonalData(personal, c.Id);
            c.Team.Add(new CaseTeamMember { CaseId = c.Id, OrganisationId = organisation, AddedAt = now });
            db.Cases.Add(c);
            foreach (var (kind, hash) in hasher.HashesOf(personal))
            {
                db.CaseIdentifierHashes.Add(new CaseIdentifierHash { CaseId = c.Id, Kind = kind, Hash = hash });
            }

            db.SopSteps.Add(new SopStep { CaseId = c.Id, Kind = SopStepKind.Identification, DueOn = c.IdentifiedOn, DoneAt = now });
            db.SopSteps.Add(new SopStep { CaseId = c.Id, Kind = SopStepKind.FirstAssistance, DueOn = c.IdentifiedOn.AddDays(1), DoneAt = now });
            db.SopSteps.Add(new SopStep { CaseId = c.Id, Kind = SopStepKind.ReflectionPeriod, DueOn = c.IdentifiedOn.AddDays(30) });
            added++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return added;
    }
}
