using System.Net;
using System.Text.Json;
using Clearinghouse.Accounts;
using Clearinghouse.Directory;
using Clearinghouse.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Tests.Directory;

/// <summary>
/// The directory list through its indexes (pg_trgm and GIN on PostgreSQL, FTS5 tables kept by triggers on SQLite) and
/// its count, which stops at 1,000 and then says "more than".
/// </summary>
public sealed class DirectorySearchIndexTests(Apps apps) : IClassFixture<Apps>
{
    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Large_results_are_counted_up_to_1000_and_said_to_be_more(Provider provider)
    {
        var app = await apps.For(provider);
        var word = "Multitudo" + Unique();
        await app.CreateOrganisationsAsync(1003, i => $"{word} Centre {i:D4}");
        var anonymous = app.CreateBrowser();

        var first = await ListAsync(anonymous, $"/api/v1/organisations?q={word}");
        Assert.Equal(1000, first.GetProperty("totalCount").GetInt32());
        Assert.True(first.GetProperty("totalIsLowerBound").GetBoolean());
        Assert.Equal(20, first.GetProperty("items").GetArrayLength());
        Assert.Equal($"{word} Centre 0000", first.GetProperty("items")[0].GetProperty("name").GetString());

        // The last page is not full, so it knows the exact total.
        var last = await ListAsync(anonymous, $"/api/v1/organisations?q={word}&pageSize=100&page=11");
        Assert.Equal(1003, last.GetProperty("totalCount").GetInt32());
        Assert.False(last.GetProperty("totalIsLowerBound").GetBoolean());
        Assert.Equal($"{word} Centre 1002", last.GetProperty("items")[2].GetProperty("name").GetString());

        // A narrower search is counted exactly: 0000–0009 and 1000.
        var narrow = await ListAsync(anonymous, $"/api/v1/organisations?q={word}+centre+000");
        Assert.Equal(11, narrow.GetProperty("totalCount").GetInt32());
        Assert.False(narrow.GetProperty("totalIsLowerBound").GetBoolean());

        var page = await anonymous.GetHtmlAsync($"/directory?q={word}");
        Assert.Contains("More than 1,000 organisations match — narrow your search", page, StringComparison.Ordinal);
        Assert.Contains("id=\"next-page\"", page, StringComparison.Ordinal);
        await anonymous.GetAsync("/set-language?culture=ru&returnUrl=/directory");
        var russian = await anonymous.GetHtmlAsync($"/directory?q={word}");
        Assert.Contains("организаций — уточните поиск", russian, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Search_finds_words_through_the_index_and_follows_edits_and_retirement(Provider provider)
    {
        var app = await apps.For(provider);
        var unique = Unique();
        var organisation = await app.CreateOrganisationAsync($"Fundația Speranța Zăpadă{unique}", o =>
        {
            o.CountryCode = "AL";
            o.CountriesActive = ["XK"];
            o.ThematicAreas = [ThematicArea.Prevention];
            o.TargetGroups = [TargetGroup.Children];
            o.Translations = [new() { Language = "ru", Name = $"Фонд Надежда Снег{unique}" }];
        });
        var anonymous = app.CreateBrowser();

        // Accent- and case-insensitive, Latin and Cyrillic, every word, with the list filters through their indexes.
        Assert.Equal([organisation.Id], await IdsAsync(anonymous, $"q=SPERANTA+zapada{unique}"));
        Assert.Equal([organisation.Id], await IdsAsync(anonymous, $"q=надежда+СНЕГ{unique}"));
        Assert.Equal([organisation.Id], await IdsAsync(anonymous, $"q=zapada{unique}&country=XK&area=Prevention&targetGroup=Children&type=Ngo"));
        Assert.Empty(await IdsAsync(anonymous, $"q=zapada{unique}&country=MD"));
        Assert.Empty(await IdsAsync(anonymous, $"q=zapada{unique}&targetGroup=Women"));
        Assert.Empty(await IdsAsync(anonymous, $"q=zapada{unique}+shelter"));

        var api = await app.CreateApiClientAsync(Roles.Editor);
        var updated = await EditForms.SendJsonAsync(api, HttpMethod.Put, $"/api/v1/organisations/{organisation.Id}",
            new { name = $"Lumina Ploaie{unique}", type = "Ngo", country = "AL", countriesActive = new List<string> { "RS" }, thematicAreas = new List<string> { "Prosecution" }, version = 1 });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Empty(await IdsAsync(anonymous, $"q=zapada{unique}"));
        Assert.Equal([organisation.Id], await IdsAsync(anonymous, $"q=ploaie{unique}&country=RS&area=Prosecution"));
        Assert.Empty(await IdsAsync(anonymous, $"q=ploaie{unique}&country=XK"));
        Assert.Empty(await IdsAsync(anonymous, $"q=ploaie{unique}&area=Prevention"));

        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/organisations/{organisation.Id}/retire", null)).StatusCode);
        Assert.Empty(await IdsAsync(anonymous, $"q=ploaie{unique}"));
        Assert.Equal([organisation.Id], await IdsAsync(api, $"q=ploaie{unique}&includeRetired=true"));
        Assert.Empty(await IdsAsync(api, $"q=ploaie{unique}"));

        Assert.True(await IndexedAsync(app, $"ploaie{unique}"));
    }

    // Whether the word is in the database's own index: the FTS5 table on SQLite; on PostgreSQL the trigram index exists.
    private static Task<bool> IndexedAsync(TestApp app, string word) =>
        app.QueryAsync(async db => app.Provider == Provider.Sqlite
            ? await db.Database.SqlQuery<int>($"SELECT count(*) AS \"Value\" FROM \"OrganisationSearch\"({"\"" + word + "\""})").SingleAsync() == 1
            : await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM pg_indexes WHERE indexname = 'IX_Organisations_SearchText_Trgm'").SingleAsync() == 1);

    private static async Task<JsonElement> ListAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private static async Task<Guid[]> IdsAsync(HttpClient client, string query) =>
        [.. (await ListAsync(client, "/api/v1/organisations?" + query)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];

    // Letters only, so that a search for digits in the names below cannot match the unique part.
    private static string Unique() => string.Concat(Guid.NewGuid().ToString("N")[..8].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));
}
