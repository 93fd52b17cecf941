using System.Net;
using Clearinghouse.Accounts;
using Clearinghouse.Directory;
using Clearinghouse.Tests.Infrastructure;

namespace Clearinghouse.Tests.Directory;

public sealed class DirectoryPagesTests(Apps apps) : IClassFixture<Apps>
{
    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Home_page_shows_the_demo_directory(Provider provider)
    {
        var app = await apps.For(provider);
        var html = await app.CreateBrowser().GetHtmlAsync("/");

        Assert.Contains("Who does what where", html, StringComparison.Ordinal);
        Assert.Contains("Office for Democratic Institutions and Human Rights", html + await app.CreateBrowser().GetHtmlAsync("/directory?q=odihr"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Directory_search_combines_free_text_country_and_type(Provider provider)
    {
        var app = await apps.For(provider);
        var wanted = await app.CreateOrganisationAsync("Zorilor Shelter Network", o => { o.CountryCode = "MD"; o.Type = OrganisationType.Ngo; });
        await app.CreateOrganisationAsync("Zorilor Shelter Ministry", o => { o.CountryCode = "MD"; o.Type = OrganisationType.GovernmentBody; });
        await app.CreateOrganisationAsync("Zorilor Shelter Albania", o => { o.CountryCode = "AL"; o.Type = OrganisationType.Ngo; });

        var html = await app.CreateBrowser().GetHtmlAsync("/directory?q=zorilor+shelter&country=MD&type=Ngo");

        Assert.Contains(wanted.Name, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Zorilor Shelter Ministry", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Zorilor Shelter Albania", html, StringComparison.Ordinal);
        Assert.Contains("1 organisation<", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_page_number_in_the_address_opens_that_page_of_results(Provider provider)
    {
        // Razor Pages keeps its own route value called "page"; the list must read the one in the query string.
        var app = await apps.For(provider);
        for (var i = 1; i <= 25; i++)
        {
            await app.CreateOrganisationAsync($"Pagination Vesnianka {i:00}");
        }

        var first = await app.CreateBrowser().GetHtmlAsync("/directory?q=vesnianka");
        var second = await app.CreateBrowser().GetHtmlAsync("/directory?q=vesnianka&page=2");

        Assert.Contains("Page 1 of 2", first, StringComparison.Ordinal);
        Assert.Contains("Pagination Vesnianka 01", first, StringComparison.Ordinal);
        Assert.Contains("Page 2 of 2", second, StringComparison.Ordinal);
        Assert.Contains("Pagination Vesnianka 25", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Pagination Vesnianka 01", second, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Anonymous_user_never_sees_restricted_contacts_but_partners_do(Provider provider)
    {
        var app = await apps.For(provider);
        var organisation = await app.CreateOrganisationAsync();
        var person = await app.CreatePersonAsync(organisation.Id);

        var anonymous = await app.CreateBrowser().GetHtmlAsync($"/directory/{organisation.Slug}");
        var reader = await app.SignInAsync(Roles.Reader);
        var tokensPage = await reader.GetAsync("/accounts/tokens");
        Assert.Equal(HttpStatusCode.OK, tokensPage.StatusCode);
        var partner = await reader.GetHtmlAsync($"/directory/{organisation.Slug}");

        Assert.Contains(person.FamilyName, anonymous, StringComparison.Ordinal);
        Assert.Contains(person.PublicEmail!, anonymous, StringComparison.Ordinal);
        Assert.DoesNotContain(person.DirectPhone!, anonymous, StringComparison.Ordinal);
        Assert.DoesNotContain(person.PersonalEmail!, anonymous, StringComparison.Ordinal);
        Assert.Contains(person.DirectPhone!, partner, StringComparison.Ordinal);
        Assert.Contains(person.PersonalEmail!, partner, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Retired_organisations_disappear_for_the_public_and_answer_404(Provider provider)
    {
        var app = await apps.For(provider);
        var organisation = await app.CreateOrganisationAsync(configure: o => o.RetiredAt = DateTimeOffset.UtcNow);

        var response = await app.CreateBrowser().GetAsync($"/directory/{organisation.Slug}");
        var list = await app.CreateBrowser().GetHtmlAsync($"/directory?q={Uri.EscapeDataString(organisation.Name)}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain($"/directory/{organisation.Slug}", list, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Country_page_shows_national_coordinator_working_group_and_organisations(Provider provider)
    {
        var app = await apps.For(provider);

        var html = await app.CreateBrowser().GetHtmlAsync("/countries/MD");

        Assert.Contains("Moldova", html, StringComparison.Ordinal);
        Assert.Contains("id=\"coordinators\"", html, StringComparison.Ordinal);
        Assert.Contains("National co-ordination bodies", html, StringComparison.Ordinal);
        Assert.Contains("Non-governmental organisations", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Unknown_pages_answer_a_friendly_404_without_internals(Provider provider)
    {
        var app = await apps.For(provider);

        var response = await app.CreateBrowser().GetAsync("/directory/no-such-organisation");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
    }
}
