using Clearinghouse.Accounts;
using Clearinghouse.Common;
using Clearinghouse.Countries;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Activities;

/// <summary>An analyst's assessment of the need in one country and thematic area, as entered.</summary>
internal sealed record NeedsInput
{
    public string? Country { get; init; }

    public ThematicArea? Area { get; init; }

    public NeedPriority? Priority { get; init; }

    public string? Rationale { get; init; }

    public string? SourceTitle { get; init; }

    public string? SourceUrl { get; init; }

    public DateOnly? AssessedOn { get; init; }

    public Dictionary<string, string[]> Validate(CountryCatalog countries)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(Country) || !countries.Exists(Country.Trim()))
        {
            errors.Add(nameof(Country), "Choose a country.");
        }

        if (Area is null || !Enum.IsDefined(Area.Value))
        {
            errors.Add(nameof(Area), "Choose a thematic area.");
        }

        if (Priority is null || !Enum.IsDefined(Priority.Value))
        {
            errors.Add(nameof(Priority), "Choose the priority of the need.");
        }

        errors.Required(nameof(Rationale), Rationale, "Explain the need in a few sentences.", 4000);
        errors.MaxLength(nameof(SourceTitle), SourceTitle, 500);
        errors.Url(nameof(SourceUrl), SourceUrl);
        if (AssessedOn is null)
        {
            errors.Add(nameof(AssessedOn), "Enter the date of the assessment.");
        }

        return errors.ToDictionary();
    }
}

/// <summary>
/// Needs assessments: analysts (editors) record a new assessment for a cell; earlier ones are kept and listed as the
/// cell's history (the gap matrix uses the latest). Assessments are retired, never deleted.
/// </summary>
internal sealed class NeedsAssessments(AppDbContext db, CurrentUser user, CountryCatalog countries)
{
    public async Task<EditResult<NeedsAssessment>> RecordAsync(NeedsInput input, CancellationToken cancellationToken = default)
    {
        if (!user.IsEditor)
        {
            return EditResult<NeedsAssessment>.Forbidden;
        }

        var errors = input.Validate(countries);
        if (errors.Count > 0)
        {
            return EditResult<NeedsAssessment>.Invalid(errors);
        }

        var assessment = new NeedsAssessment
        {
            CountryCode = input.Country!.Trim().ToUpperInvariant(),
            Area = input.Area!.Value,
            Priority = input.Priority!.Value,
            Rationale = input.Rationale!.Trim(),
            SourceTitle = ValidationErrors.Clean(input.SourceTitle),
            SourceUrl = ValidationErrors.Clean(input.SourceUrl),
            AssessedOn = input.AssessedOn!.Value,
        };
        db.NeedsAssessments.Add(assessment);
        await db.SaveChangesAsync(cancellationToken);
        return EditResult<NeedsAssessment>.Saved(assessment);
    }

    /// <summary>Every assessment of a cell, newest first (retired ones for editors only).</summary>
    public Task<List<NeedsAssessment>> HistoryAsync(string country, ThematicArea area, CancellationToken cancellationToken = default)
    {
        var code = country.Trim().ToUpperInvariant();
        var editor = user.IsEditor;
        return db.NeedsAssessments.AsNoTracking()
            .Where(n => n.CountryCode == code && n.Area == area && (editor || n.RetiredAt == null))
            .OrderByDescending(n => n.AssessedOn).ThenByDescending(n => n.Id)
            .ToListAsync(cancellationToken);
    }
}
