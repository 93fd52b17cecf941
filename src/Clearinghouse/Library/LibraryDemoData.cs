using System.Text.Json;
using System.Text.Json.Serialization;
using Clearinghouse.Data;
using Clearinghouse.Directory;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Library;

/// <summary>
/// The demo catalogue (Data/Demo/library.json): entries for the OSCE source documents and the publications they cite,
/// metadata and summaries only, no files. Loading is idempotent: entries whose key (slug) exists are left alone.
/// </summary>
internal sealed class LibraryDemoData(TimeProvider time) : IDemoDataSet
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly Lazy<DemoFile> demo = new(Read);

    public string SettingKey => "library-demo-loaded";

    /// <summary>After the directory: entries link to its organisations and meetings.</summary>
    public int Order => 10;

    async Task<int> IDemoDataSet.LoadAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var editions = await LoadAsync(db, time.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var index = new LibraryIndex(db);
        foreach (var edition in editions)
        {
            await index.UpdateAsync(edition, cancellationToken);
        }

        return editions.Count;
    }

    /// <summary>Adds the missing entries; returns the slugs of the editions added, for indexing after the save.</summary>
    public async Task<List<Guid>> LoadAsync(AppDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var existing = await db.LibraryWorks.Select(w => w.Slug).ToListAsync(cancellationToken);
        var organisations = await db.Organisations.Select(o => new { o.Slug, o.Id }).ToDictionaryAsync(o => o.Slug, o => o.Id, cancellationToken);
        var meetings = await db.Meetings.Select(m => new { m.Slug, m.Id }).ToDictionaryAsync(m => m.Slug, m => m.Id, cancellationToken);
        var added = new List<Guid>();
        foreach (var d in demo.Value.Documents.Where(d => !existing.Contains(d.Key, StringComparer.Ordinal)))
        {
            var work = new LibraryWork
            {
                Slug = d.Key,
                Type = d.Type,
                Themes = d.Themes ?? [],
                Countries = d.Countries ?? [],
                Audiences = d.Audiences ?? [],
                PublisherId = d.Publisher is not null && organisations.TryGetValue(d.Publisher, out var publisher) ? publisher : null,
                PublisherName = d.PublisherName,
                Authors = d.Authors,
                PublicationDate = d.Date,
                PublicationYear = d.Year ?? d.Date?.Year,
                AccessLevel = AccessLevel.Public,
                Provenance = d.Provenance,
                VerificationStatus = VerificationStatus.Verified,
                InForceAsOf = d.InForceAsOf,
                RelatedMeetingIds = (d.RelatedMeetings ?? []).Where(meetings.ContainsKey).Select(m => meetings[m]).ToList(),
                CreatedAt = now,
            };
            var original = new LibraryEdition { WorkId = work.Id, Language = d.Language, Title = d.Title, Summary = d.Summary, ExternalUrl = d.ExternalUrl, IsOriginal = true, CreatedAt = now };
            original.RefreshTitleKey();
            work.Editions.Add(original);
            foreach (var t in d.Translations ?? [])
            {
                var edition = new LibraryEdition { WorkId = work.Id, Language = t.Language, Title = t.Title, Summary = t.Summary, CreatedAt = now };
                edition.RefreshTitleKey();
                work.Editions.Add(edition);
            }

            db.LibraryWorks.Add(work);
            added.AddRange(work.Editions.Select(e => e.Id));
        }

        return added;
    }

    internal static DemoFile Read()
    {
        using var stream = typeof(LibraryDemoData).Assembly.GetManifestResourceStream("Clearinghouse.Data.Demo.library.json")
                           ?? throw new InvalidOperationException("The demo catalogue is not embedded.");
        return JsonSerializer.Deserialize<DemoFile>(stream, Json) ?? throw new InvalidOperationException("The demo catalogue is empty.");
    }

    internal sealed record DemoFile(string? Note, List<DemoDocument> Documents);

    internal sealed record DemoTranslation(string Language, string Title, string? Summary);

    internal sealed record DemoDocument(
        string Key,
        string Title,
        string Language,
        DocumentType Type,
        List<ThematicArea>? Themes,
        List<string>? Countries,
        List<Audience>? Audiences,
        string? Publisher,
        string? PublisherName,
        string? Authors,
        int? Year,
        DateOnly? Date,
        DateOnly? InForceAsOf,
        string? ExternalUrl,
        string Summary,
        List<DemoTranslation>? Translations,
        List<string>? RelatedMeetings,
        string? Provenance);
}
