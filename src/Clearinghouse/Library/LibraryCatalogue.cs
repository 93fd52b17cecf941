using Clearinghouse.Accounts;
using Clearinghouse.Common;
using Clearinghouse.Countries;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Library;

/// <summary>An upload: its content and the name the uploader gave it (shown, never used as a path).</summary>
internal sealed record UploadedFile(Stream Content, string FileName);

internal enum LibraryWriteOutcome
{
    Done,
    Invalid,
    Forbidden,
    NotFound,
    Conflict,
}

/// <summary>The result of a change. Duplicate: the same file is already stored, as that document's file.</summary>
internal sealed record LibraryWriteResult(LibraryWriteOutcome Outcome, string? Slug = null, Dictionary<string, string[]>? Errors = null, string? DuplicateOf = null)
{
    public static LibraryWriteResult Invalid(Dictionary<string, string[]> errors, string? duplicateOf = null) => new(LibraryWriteOutcome.Invalid, null, errors, duplicateOf);

    public static readonly LibraryWriteResult Forbidden = new(LibraryWriteOutcome.Forbidden);

    public static readonly LibraryWriteResult NotFound = new(LibraryWriteOutcome.NotFound);

    public static readonly LibraryWriteResult Conflict = new(LibraryWriteOutcome.Conflict);
}

/// <summary>
/// Adds documents, language versions and new file versions to the library. Editors add anything; a focal point adds
/// only documents their own organisation published. A file already stored (same SHA-256) is refused with a pointer
/// to where it is; a file whose text cannot be read is kept and flagged.
/// </summary>
internal sealed class LibraryCatalogue(
    AppDbContext db,
    CurrentUser user,
    CountryCatalog countries,
    LibraryStorage storage,
    LibraryIndex index,
    LibraryLinks links,
    IOptions<LibraryOptions> options,
    TimeProvider time)
{
    public const string FileField = "File";

    public bool MayAdd(Guid? publisherId) => user.IsEditor || (publisherId is { } id && user.CanEditOrganisation(id));

    public async Task<LibraryWriteResult> AddDocumentAsync(LibraryInput input, UploadedFile? file, CancellationToken cancellationToken)
    {
        // Problems with the form first (a focal point who left the publisher empty is told so), then the right to add.
        var errors = input.Validate(countries);
        var linked = await CheckReferencesAsync(input, null, errors, cancellationToken);
        if (errors.Count == 0 && !MayAdd(input.PublisherId))
        {
            return LibraryWriteResult.Forbidden;
        }
        if (file is null && string.IsNullOrWhiteSpace(input.ExternalUrl))
        {
            Add(errors, FileField, "Choose a file to upload, or give the address of the document on the web.");
        }

        if (errors.Count > 0 && file is null)
        {
            return LibraryWriteResult.Invalid(errors);
        }

        using var staged = file is null ? null : await StageAsync(file, errors, cancellationToken);
        string? duplicate = staged is null ? null : await DuplicateOfAsync(staged, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return LibraryWriteResult.Invalid(errors, duplicate);
        }

        var now = time.GetUtcNow();
        var title = input.Title!.Trim();
        var baseSlug = Slugs.From(title);
        var taken = await db.LibraryWorks.Where(w => w.Slug.StartsWith(baseSlug)).Select(w => w.Slug).ToListAsync(cancellationToken);
        var work = new LibraryWork
        {
            Slug = Slugs.Unique(baseSlug, s => taken.Contains(s, StringComparer.Ordinal)),
            CreatedAt = now,
        };
        Apply(work, input, linked);
        var edition = new LibraryEdition
        {
            WorkId = work.Id,
            Language = input.Language!.Trim(),
            Title = title,
            Summary = ValidationErrors.Clean(input.Summary),
            ExternalUrl = ValidationErrors.Clean(input.ExternalUrl),
            IsOriginal = true,
            IsOfficialTranslation = input.IsOfficialTranslation,
            CreatedAt = now,
        };
        edition.RefreshTitleKey();
        work.Editions.Add(edition);
        db.LibraryWorks.Add(work);
        if (staged is not null)
        {
            edition.Files.Add(StoreFile(staged, file!.FileName, edition.Id, 1, now));
        }

        await SaveAndIndexAsync([edition.Id], cancellationToken);
        return new LibraryWriteResult(LibraryWriteOutcome.Done, work.Slug);
    }

    /// <summary>Adds a language version (translation) of an existing document.</summary>
    public async Task<LibraryWriteResult> AddTranslationAsync(string slug, LibraryInput input, UploadedFile? file, CancellationToken cancellationToken)
    {
        var work = await db.LibraryWorks.Include(w => w.Editions).SingleOrDefaultAsync(w => w.Slug == slug && w.RetiredAt == null, cancellationToken);
        if (work is null)
        {
            return LibraryWriteResult.NotFound;
        }

        if (!MayAdd(work.PublisherId))
        {
            return LibraryWriteResult.Forbidden;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var validation = (input with { Type = work.Type }).Validate(countries);
        foreach (var key in new[] { nameof(LibraryInput.Title), nameof(LibraryInput.Language), nameof(LibraryInput.Summary), nameof(LibraryInput.ExternalUrl) })
        {
            if (validation.TryGetValue(key, out var messages))
            {
                errors[key] = messages;
            }
        }

        var language = input.Language?.Trim();
        if (language is not null && work.Editions.Any(e => e.Language == language))
        {
            Add(errors, nameof(LibraryInput.Language), "This document already has a version in that language; upload a new file to that version instead.");
        }

        if (file is null && string.IsNullOrWhiteSpace(input.ExternalUrl))
        {
            Add(errors, FileField, "Choose a file to upload, or give the address of the document on the web.");
        }

        using var staged = file is null ? null : await StageAsync(file, errors, cancellationToken);
        var duplicate = staged is null ? null : await DuplicateOfAsync(staged, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return LibraryWriteResult.Invalid(errors, duplicate);
        }

        var now = time.GetUtcNow();
        var edition = new LibraryEdition
        {
            WorkId = work.Id,
            Language = language!,
            Title = input.Title!.Trim(),
            Summary = ValidationErrors.Clean(input.Summary),
            ExternalUrl = ValidationErrors.Clean(input.ExternalUrl),
            IsOfficialTranslation = input.IsOfficialTranslation,
            CreatedAt = now,
        };
        edition.RefreshTitleKey();
        db.LibraryEditions.Add(edition);
        if (staged is not null)
        {
            edition.Files.Add(StoreFile(staged, file!.FileName, edition.Id, 1, now));
        }

        await SaveAndIndexAsync([edition.Id], cancellationToken);
        return new LibraryWriteResult(LibraryWriteOutcome.Done, work.Slug);
    }

    /// <summary>Adds a new file version to a language version; the older files stay.</summary>
    public async Task<LibraryWriteResult> AddFileVersionAsync(Guid editionId, UploadedFile file, CancellationToken cancellationToken)
    {
        var edition = await db.LibraryEditions.Include(e => e.Work)
            .SingleOrDefaultAsync(e => e.Id == editionId && e.RetiredAt == null && e.Work!.RetiredAt == null, cancellationToken);
        if (edition is null)
        {
            return LibraryWriteResult.NotFound;
        }

        if (!MayAdd(edition.Work!.PublisherId))
        {
            return LibraryWriteResult.Forbidden;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        using var staged = await StageAsync(file, errors, cancellationToken);
        var duplicate = staged is null ? null : await DuplicateOfAsync(staged, errors, cancellationToken);
        if (errors.Count > 0 || staged is null)
        {
            return LibraryWriteResult.Invalid(errors, duplicate);
        }

        var next = 1 + (await db.LibraryFiles.Where(f => f.EditionId == editionId).MaxAsync(f => (int?)f.VersionNumber, cancellationToken) ?? 0);
        db.LibraryFiles.Add(StoreFile(staged, file.FileName, editionId, next, time.GetUtcNow()));
        await SaveAndIndexAsync([editionId], cancellationToken);
        return new LibraryWriteResult(LibraryWriteOutcome.Done, edition.Work.Slug);
    }

    /// <summary>
    /// Corrects a document's metadata (editors only): the work's fields and the title, summary, web address and
    /// "official translation" of its version in <see cref="LibraryInput.Language"/>. Nothing is saved unless every field
    /// is valid; <see cref="LibraryInput.Version"/>, when given, must be the work's current version. The change history
    /// records the change (HistoryInterceptor).
    /// </summary>
    public async Task<LibraryWriteResult> UpdateDocumentAsync(string slug, LibraryInput input, CancellationToken cancellationToken)
    {
        var work = await db.LibraryWorks.Include(w => w.Editions).SingleOrDefaultAsync(w => w.Slug == slug && w.RetiredAt == null, cancellationToken);
        if (work is null)
        {
            return LibraryWriteResult.NotFound;
        }

        if (!user.IsEditor)
        {
            return LibraryWriteResult.Forbidden;
        }

        var errors = input.Validate(countries);
        var linked = await CheckReferencesAsync(input, work, errors, cancellationToken);
        var language = input.Language?.Trim();
        var edition = work.Editions.FirstOrDefault(e => e.Language == language && e.RetiredAt == null);
        if (edition is null && !errors.ContainsKey(nameof(LibraryInput.Language)))
        {
            Add(errors, nameof(LibraryInput.Language), "This document has no version in that language; add a language version instead.");
        }

        var noFile = edition is not null && !await db.LibraryFiles.AnyAsync(f => f.EditionId == edition.Id, cancellationToken);
        if (noFile && string.IsNullOrWhiteSpace(input.ExternalUrl))
        {
            Add(errors, nameof(LibraryInput.ExternalUrl), "This version has no file: give the address of the document on the web.");
        }

        if (errors.Count > 0)
        {
            return LibraryWriteResult.Invalid(errors);
        }

        var expected = input.Version ?? work.Version;
        if (expected != work.Version)
        {
            return LibraryWriteResult.Conflict;
        }

        Apply(work, input, linked);
        edition!.Title = input.Title!.Trim();
        edition.Summary = ValidationErrors.Clean(input.Summary);
        edition.ExternalUrl = ValidationErrors.Clean(input.ExternalUrl);
        edition.IsOfficialTranslation = input.IsOfficialTranslation;
        edition.RefreshTitleKey();
        db.Entry(work).Property(w => w.Version).OriginalValue = expected;
        try
        {
            // The index holds the publisher and authors of every version, and the title and summary of this one.
            await SaveAndIndexAsync(work.Editions.Select(e => e.Id).ToList(), cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return LibraryWriteResult.Conflict;
        }

        return new LibraryWriteResult(LibraryWriteOutcome.Done, work.Slug);
    }

    /// <summary>
    /// Saves the change and re-indexes the editions concerned (their text and search rows, ADR 0023) in one transaction,
    /// so that a failure in either leaves the catalogue and the index as they were.
    /// </summary>
    private async Task SaveAndIndexAsync(IReadOnlyList<Guid> editionIds, CancellationToken cancellationToken)
    {
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await db.SaveChangesAsync(cancellationToken);
        foreach (var id in editionIds)
        {
            await index.UpdateAsync(id, cancellationToken);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>The document that holds this exact content already, if any (by SHA-256).</summary>
    public Task<string?> FindBySha256Async(string sha256, CancellationToken cancellationToken) =>
        db.LibraryFiles.Where(f => f.Sha256 == sha256).Select(f => f.Edition!.Work!.Slug).FirstOrDefaultAsync(cancellationToken);

    private static void Apply(LibraryWork work, LibraryInput input, Dictionary<LinkKind, List<Guid>> linked)
    {
        work.Type = input.Type ?? DocumentType.Other;
        work.Themes = input.Themes.Distinct().ToList();
        work.Countries = input.Countries.Select(c => c.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();
        work.Audiences = input.Audiences.Distinct().ToList();
        work.PublisherId = input.PublisherId;
        work.PublisherName = ValidationErrors.Clean(input.PublisherName);
        work.Authors = ValidationErrors.Clean(input.Authors);
        work.PublicationDate = input.PublicationDate;
        work.PublicationYear = input.PublicationYear ?? input.PublicationDate?.Year;
        work.AccessLevel = input.AccessLevel ?? AccessLevel.Public;
        work.Provenance = ValidationErrors.Clean(input.Provenance);
        work.VerificationStatus = input.VerificationStatus ?? VerificationStatus.Unverified;
        work.InForceAsOf = input.InForceAsOf;
        foreach (var (kind, ids) in linked)
        {
            // Assigned only when changed, so that an edit leaving the links alone records no change to them.
            if (!LibraryLinks.Of(work, kind).SequenceEqual(ids))
            {
                LibraryLinks.Set(work, kind, ids);
            }
        }
    }

    /// <summary>The publisher and the linked people, activities and meetings (<see cref="LibraryLinks"/>), resolved to ids.</summary>
    private async Task<Dictionary<LinkKind, List<Guid>>> CheckReferencesAsync(LibraryInput input, LibraryWork? current, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (input.PublisherId is { } publisher && !await db.Organisations.AnyAsync(o => o.Id == publisher, cancellationToken))
        {
            Add(errors, nameof(LibraryInput.PublisherId), "No organisation in the directory has this id.");
        }

        return await links.ResolveAsync(input, current, errors, cancellationToken);
    }

    private async Task<StagedFile?> StageAsync(UploadedFile file, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        StagedFile staged;
        try
        {
            staged = await storage.StageAsync(file.Content, cancellationToken);
        }
        catch (FileTooLargeException e)
        {
            Add(errors, FileField, $"The file is too large: the library accepts files up to {e.Limit / (1024 * 1024)} MB.");
            return null;
        }

        if (staged.Size == 0)
        {
            Add(errors, FileField, "The file is empty.");
        }
        else if (FileSniffer.Detect(staged.Path, file.FileName) is null)
        {
            Add(errors, FileField, "The file is not a PDF, Word (DOCX), HTML, Markdown or plain-text file (checked by its content, not its name).");
        }

        return staged;
    }

    private async Task<string?> DuplicateOfAsync(StagedFile staged, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var existing = await db.LibraryFiles.Where(f => f.Sha256 == staged.Sha256)
            .Select(f => new { f.Edition!.Work!.Slug, f.Edition.Title, f.VersionNumber })
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is null)
        {
            return null;
        }

        Add(errors, FileField, $"This file is already in the library: version {existing.VersionNumber} of \"{existing.Title}\".");
        return existing.Slug;
    }

    private LibraryFile StoreFile(StagedFile staged, string fileName, Guid editionId, int versionNumber, DateTimeOffset now)
    {
        var kind = FileSniffer.Detect(staged.Path, fileName) ?? FileKind.PlainText;
        var extraction = TextExtractor.Extract(staged.Path, kind, options.Value.MaxTextCharacters);
        storage.Keep(staged);
        return new LibraryFile
        {
            EditionId = editionId,
            VersionNumber = versionNumber,
            Sha256 = staged.Sha256,
            Kind = kind,
            ContentType = FileSniffer.ContentType(kind),
            Size = staged.Size,
            OriginalFileName = SafeFileName(fileName, kind),
            ExtractionStatus = extraction.Status,
            ExtractionNote = extraction.Note,
            ExtractedText = extraction.Text,
            PageCount = extraction.PageCount,
            UploadedAt = now,
            UploadedBy = user.Name,
        };
    }

    /// <summary>The uploader's name reduced to a harmless one (no folders, no control characters) with the right extension.</summary>
    public static string SafeFileName(string? fileName, FileKind kind)
    {
        var name = Path.GetFileNameWithoutExtension((fileName ?? string.Empty).Replace('\\', '/').Split('/')[^1]);
        var cleaned = new string(name.Where(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or ' ' or '(' or ')').ToArray()).Trim(' ', '.');
        if (cleaned.Length == 0)
        {
            cleaned = "document";
        }

        if (cleaned.Length > 120)
        {
            cleaned = cleaned[..120];
        }

        return cleaned + FileSniffer.Extension(kind);
    }

    private static void Add(Dictionary<string, string[]> errors, string field, string message) =>
        errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
}
