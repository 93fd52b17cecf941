using Clearinghouse.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Directory;

/// <summary>
/// Writes the directory as CSV or XLSX: one row per organisation in the columns of <see cref="DirectoryColumns"/>,
/// ordered by name. It reads through <see cref="DirectorySearch"/>, so it shows exactly what the caller may see
/// and takes the same filters as the directory page. An XLSX file has a second sheet of contact people; their
/// restricted fields appear only for callers who see restricted contacts.
/// </summary>
internal sealed class DirectoryExporter(DirectorySearch search, CurrentUser user)
{
    public static readonly IReadOnlyList<string> PublicPersonColumns =
        ["organisation", "given_name", "family_name", "job_title", "role", "public_email", "public_phone"];

    public static readonly IReadOnlyList<string> RestrictedPersonColumns = ["direct_phone", "personal_email"];

    /// <summary>Writes the file and returns the number of organisations in it.</summary>
    public async Task<int> ExportAsync(Stream output, DirectoryFileFormat format, DirectoryFilter filter, CancellationToken cancellationToken = default)
    {
        var organisations = search.Organisations(filter).OrderBy(o => o.Name).ThenBy(o => o.Id);
        if (format == DirectoryFileFormat.Csv)
        {
            var count = 0;
            await DirectoryFiles.WriteCsvAsync(output, DirectoryColumns.All, Rows(), cancellationToken);
            return count;

            async IAsyncEnumerable<string?[]> Rows()
            {
                await foreach (var o in organisations.AsAsyncEnumerable().WithCancellation(cancellationToken))
                {
                    count++;
                    yield return DirectoryColumns.Row(o);
                }
            }
        }

        var list = await organisations.ToListAsync(cancellationToken);
        var order = list.Select((o, i) => (o.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var ids = list.Select(o => o.Id).ToList();
        var people = (await search.People(p => ids.Contains(p.OrganisationId)).ToListAsync(cancellationToken))
            .OrderBy(p => order[p.OrganisationId]).ThenBy(p => p.FamilyName, StringComparer.Ordinal).ThenBy(p => p.GivenName, StringComparer.Ordinal)
            .ToList();
        var restricted = user.SeesRestrictedContacts;
        var slugs = list.ToDictionary(o => o.Id, o => o.Slug);
        IReadOnlyList<string> personColumns = restricted ? [.. PublicPersonColumns, .. RestrictedPersonColumns] : PublicPersonColumns;
        var personRows = people.Select(p => restricted
            ? new[] { slugs[p.OrganisationId], p.GivenName, p.FamilyName, p.JobTitle, p.Role.ToString(), p.PublicEmail, p.PublicPhone, p.DirectPhone, p.PersonalEmail }
            : new[] { slugs[p.OrganisationId], p.GivenName, p.FamilyName, p.JobTitle, p.Role.ToString(), p.PublicEmail, p.PublicPhone });

        await DirectoryFiles.WriteXlsxAsync(
            output,
            [
                (DirectoryFiles.OrganisationsSheet, DirectoryColumns.All, list.Select(DirectoryColumns.Row)),
                (DirectoryFiles.PeopleSheet, personColumns, personRows),
            ],
            cancellationToken);
        return list.Count;
    }
}
