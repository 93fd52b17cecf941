using System.Text.Json.Serialization;
using Clearinghouse.Accounts;
using Clearinghouse.Common;
using Clearinghouse.Countries;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Services;

/// <summary>What police send when filing a notice of a planned operation.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record NoticeInput
{
    public DateOnly? OperationDate { get; init; }

    public string? Area { get; init; }

    public string? Country { get; init; }

    public int? ExpectedPersons { get; init; }

    public int? ExpectedChildren { get; init; }

    public IReadOnlyList<string> Languages { get; init; } = [];

    public string? Needs { get; init; }

    /// <summary>The shelter partner organisations told of the operation (directory ids).</summary>
    public IReadOnlyList<Guid> Partners { get; init; } = [];

    public Dictionary<string, string[]> Validate(CountryCatalog countries)
    {
        var errors = new ValidationErrors();
        if (OperationDate is null)
        {
            errors.Add(nameof(OperationDate), "Enter the date of the operation.");
        }

        errors.Required(nameof(Area), Area, "Enter the area of the operation.", 300);
        if (!string.IsNullOrWhiteSpace(Country) && !countries.Exists(Country.Trim()))
        {
            errors.Add(nameof(Country), $"'{Country}' is not a known country code (use ISO 3166 alpha-2, e.g. MD, or XK for Kosovo).");
        }

        if (ExpectedPersons is not { } persons)
        {
            errors.Add(nameof(ExpectedPersons), "Enter the number of persons expected.");
        }
        else if (persons is < 1 or > 10000)
        {
            errors.Add(nameof(ExpectedPersons), "Enter a number of persons from 1 to 10000.");
        }

        if (ExpectedChildren is < 0)
        {
            errors.Add(nameof(ExpectedChildren), "The number of children cannot be negative.");
        }
        else if (ExpectedChildren is { } children && ExpectedPersons is { } all && children > all)
        {
            errors.Add(nameof(ExpectedChildren), "The children are counted among the persons expected: enter at most that number.");
        }

        foreach (var code in Languages.Where(c => !LanguageCodes.Exists(c)))
        {
            errors.Add(nameof(Languages), $"'{code}' is not a known language code (use ISO 639-1, e.g. sq, ru, ro).");
        }

        errors.MaxLength(nameof(Needs), Needs, 2000);
        if (Partners.Count == 0)
        {
            errors.Add(nameof(Partners), "Name at least one shelter partner to tell.");
        }

        return errors.ToDictionary();
    }
}

/// <summary>A partner's answer: temporary places it arranged for the operation.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record PlacesInput
{
    public int? TemporaryPlaces { get; init; }

    public string? Note { get; init; }

    public Dictionary<string, string[]> Validate()
    {
        var errors = new ValidationErrors();
        if (TemporaryPlaces is not { } places)
        {
            errors.Add(nameof(TemporaryPlaces), "Enter the number of temporary places arranged (0 if none).");
        }
        else if (places is < 0 or > 10000)
        {
            errors.Add(nameof(TemporaryPlaces), "Enter a number of places from 0 to 10000.");
        }

        errors.MaxLength(nameof(Note), Note, 1000);
        return errors.ToDictionary();
    }
}

/// <summary>One partner's shelters on a notice: beds, free beds (also for children), temporary places arranged.</summary>
internal sealed record PartnerCapacity(
    Guid OrganisationId,
    string OrganisationName,
    int Shelters,
    int Beds,
    int FreeBeds,
    int FreeBedsForChildren,
    bool OccupancyUnknown,
    IReadOnlyList<string> Languages,
    int TemporaryPlaces,
    string? Note,
    DateTimeOffset? UpdatedAt);

/// <summary>Whether the named partners can take the persons expected: free beds plus temporary places.</summary>
internal sealed record NoticeCapacity(IReadOnlyList<PartnerCapacity> Partners, int ExpectedPersons, int ExpectedChildren, IReadOnlyList<string> NeededLanguages)
{
    public int FreeBeds => Partners.Sum(p => p.FreeBeds);

    public int TemporaryPlaces => Partners.Sum(p => p.TemporaryPlaces);

    public int Available => FreeBeds + TemporaryPlaces;

    public int FreeBedsForChildren => Partners.Sum(p => p.FreeBedsForChildren);

    public bool Suffices => Available >= ExpectedPersons;

    /// <summary>Children need beds in shelters that accept children (temporary places are not counted for them).</summary>
    public bool SufficesForChildren => FreeBedsForChildren >= ExpectedChildren;

    /// <summary>Needed languages no partner shelter works in.</summary>
    public IReadOnlyList<string> MissingLanguages =>
        [.. NeededLanguages.Where(l => !Partners.Any(p => p.Languages.Contains(l, StringComparer.Ordinal)))];
}

/// <summary>
/// Notices of planned operations. Only people of the filing organisation and of the named partners can read a notice;
/// for everyone else — administrators included — it does not exist (the query finds nothing, the caller gets 404).
/// </summary>
internal sealed class OperationNotices(AppDbContext db, CurrentUser user, CountryCatalog countries, TimeProvider clock)
{
    /// <summary>A focal point (or editor) who belongs to an organisation files on its behalf.</summary>
    public bool MayFile => user.OrganisationId is not null && (user.IsEditor || user.Roles.Contains(Roles.FocalPoint));

    public Task<List<PlannedOperationNotice>> ListAsync(bool includeWithdrawn, CancellationToken cancellationToken) =>
        Visible().Where(n => includeWithdrawn || n.RetiredAt == null)
            .Include(n => n.FiledByOrganisation).Include(n => n.Partners).ThenInclude(p => p.Organisation)
            .OrderByDescending(n => n.OperationDate).ThenBy(n => n.Id)
            .ToListAsync(cancellationToken);

    public Task<PlannedOperationNotice?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        Visible().Where(n => n.Id == id)
            .Include(n => n.FiledByOrganisation).Include(n => n.Partners).ThenInclude(p => p.Organisation)
            .FirstOrDefaultAsync(cancellationToken);

    public bool IsFiler(PlannedOperationNotice notice) => notice.FiledByOrganisationId == user.OrganisationId;

    public bool IsPartner(PlannedOperationNotice notice) =>
        user.OrganisationId is { } own && notice.Partners.Any(p => p.OrganisationId == own);

    public async Task<EditResult<PlannedOperationNotice>> FileAsync(NoticeInput input, CancellationToken cancellationToken)
    {
        if (!MayFile)
        {
            return EditResult<PlannedOperationNotice>.Forbidden;
        }

        var errors = input.Validate(countries);
        var partnerIds = input.Partners.Distinct().ToList();
        var known = await db.Organisations.Where(o => partnerIds.Contains(o.Id) && o.RetiredAt == null).Select(o => o.Id).ToListAsync(cancellationToken);
        if (partnerIds.Except(known).Any())
        {
            errors[nameof(NoticeInput.Partners)] = ["Choose partners from the directory."];
        }
        else if (partnerIds.Contains(user.OrganisationId!.Value))
        {
            errors[nameof(NoticeInput.Partners)] = ["Your own organisation files the notice; name the partners to tell."];
        }

        if (errors.Count > 0)
        {
            return EditResult<PlannedOperationNotice>.Invalid(errors);
        }

        var notice = new PlannedOperationNotice
        {
            FiledByOrganisationId = user.OrganisationId!.Value,
            FiledBy = user.Name,
            FiledAt = clock.GetUtcNow(),
            OperationDate = input.OperationDate!.Value,
            Area = input.Area!.Trim(),
            CountryCode = ValidationErrors.Clean(input.Country)?.ToUpperInvariant(),
            ExpectedPersons = input.ExpectedPersons!.Value,
            ExpectedChildren = input.ExpectedChildren ?? 0,
            Languages = [.. input.Languages.Select(LanguageCodes.Normalize).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            Needs = ValidationErrors.Clean(input.Needs),
            Partners = [.. partnerIds.Select(id => new NoticePartner { OrganisationId = id })],
        };
        db.PlannedOperationNotices.Add(notice);
        await db.SaveChangesAsync(cancellationToken);
        return EditResult<PlannedOperationNotice>.Saved(notice);
    }

    /// <summary>A named partner records the temporary places it arranged. The filer and others cannot (404 for outsiders).</summary>
    public async Task<EditResult<PlannedOperationNotice>> RecordPlacesAsync(Guid id, PlacesInput input, CancellationToken cancellationToken)
    {
        var notice = await Visible().Include(n => n.Partners).FirstOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (notice is null)
        {
            return EditResult<PlannedOperationNotice>.NotFound;
        }

        var partner = notice.Partners.FirstOrDefault(p => p.OrganisationId == user.OrganisationId);
        if (partner is null || !(user.IsEditor || user.Roles.Contains(Roles.FocalPoint)))
        {
            return EditResult<PlannedOperationNotice>.Forbidden;
        }

        var errors = input.Validate();
        if (notice.RetiredAt is not null)
        {
            errors["Notice"] = ["This notice was withdrawn."];
        }

        if (errors.Count > 0)
        {
            return EditResult<PlannedOperationNotice>.Invalid(errors);
        }

        partner.TemporaryPlaces = input.TemporaryPlaces!.Value;
        partner.Note = ValidationErrors.Clean(input.Note);
        partner.UpdatedAt = clock.GetUtcNow();
        partner.UpdatedBy = user.Name;
        await db.SaveChangesAsync(cancellationToken);
        return EditResult<PlannedOperationNotice>.Saved(notice);
    }

    /// <summary>The filing organisation withdraws its notice (it stays, marked withdrawn).</summary>
    public async Task<EditResult<PlannedOperationNotice>> WithdrawAsync(Guid id, CancellationToken cancellationToken)
    {
        var notice = await Visible().FirstOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (notice is null)
        {
            return EditResult<PlannedOperationNotice>.NotFound;
        }

        if (!IsFiler(notice) || !MayFile)
        {
            return EditResult<PlannedOperationNotice>.Forbidden;
        }

        notice.RetiredAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return EditResult<PlannedOperationNotice>.Saved(notice);
    }

    /// <summary>Free beds of the partners' active shelters (as last reported) and the places they arranged.</summary>
    public async Task<NoticeCapacity> CapacityAsync(PlannedOperationNotice notice, CancellationToken cancellationToken)
    {
        var partnerIds = notice.Partners.Select(p => p.OrganisationId).ToList();
        var shelters = await db.Services.AsNoTracking()
            .Where(s => partnerIds.Contains(s.OrganisationId) && s.Kind == ServiceKind.Shelter && s.RetiredAt == null)
            .Select(s => new { s.OrganisationId, s.Beds, s.Occupancy, s.AcceptsChildren, s.Languages })
            .ToListAsync(cancellationToken);
        var partners = notice.Partners
            .OrderBy(p => p.Organisation?.Name, StringComparer.Ordinal)
            .Select(p =>
            {
                var own = shelters.Where(s => s.OrganisationId == p.OrganisationId).ToList();
                // A shelter that has not reported its occupancy counts no free beds: better to arrange places than to assume them.
                static int Free(int? beds, int? occupancy) => occupancy is { } taken ? Math.Max(0, (beds ?? 0) - taken) : 0;
                return new PartnerCapacity(
                    p.OrganisationId,
                    p.Organisation?.Name ?? string.Empty,
                    own.Count,
                    own.Sum(s => s.Beds ?? 0),
                    own.Sum(s => Free(s.Beds, s.Occupancy)),
                    own.Where(s => s.AcceptsChildren).Sum(s => Free(s.Beds, s.Occupancy)),
                    own.Any(s => s.Occupancy is null),
                    [.. own.SelectMany(s => s.Languages).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                    p.TemporaryPlaces,
                    p.Note,
                    p.UpdatedAt);
            })
            .ToList();
        return new NoticeCapacity(partners, notice.ExpectedPersons, notice.ExpectedChildren, notice.Languages);
    }

    /// <summary>Row-level rule: the caller's organisation filed the notice or is named on it. No organisation, no notices.</summary>
    private IQueryable<PlannedOperationNotice> Visible()
    {
        if (user.OrganisationId is not { } own)
        {
            return db.PlannedOperationNotices.Where(n => false);
        }

        return db.PlannedOperationNotices.Where(n => n.FiledByOrganisationId == own || n.Partners.Any(p => p.OrganisationId == own));
    }
}
