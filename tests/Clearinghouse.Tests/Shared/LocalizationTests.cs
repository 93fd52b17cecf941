using System.Text.RegularExpressions;
using System.Xml.Linq;
using Clearinghouse.Tests.Infrastructure;

namespace Clearinghouse.Tests.Shared;

public sealed partial class LocalizationTests(Apps apps) : IClassFixture<Apps>
{
    [Fact]
    public void Every_text_shown_in_the_web_pages_has_a_Russian_translation()
    {
        var root = RepositoryRoot();
        var web = Path.Combine(root, "src", "Clearinghouse.Web");
        var sources = System.IO.Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Concat(System.IO.Directory.EnumerateFiles(Path.Combine(root, "src", "Clearinghouse"), "*.cs", SearchOption.AllDirectories))
            .Where(f => (f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in sources)
        {
            var text = File.ReadAllText(file);
            used.UnionWith(LocalizerCall().Matches(text).Select(m => Regex.Unescape(m.Groups[1].Value)));
            if (text.Contains("localization key", StringComparison.Ordinal))
            {
                used.UnionWith(LabelText().Matches(text).Select(m => m.Groups[1].Value));
            }

            if (Path.GetFileName(file) == "CountryProfiles.cs")
            {
                used.UnionWith(SectionHeading().Matches(text).Select(m => m.Groups[1].Value));
            }
        }

        var resx = XDocument.Load(Path.Combine(web, "Resources", "Shared", "SharedResource.ru.resx"));
        var translated = resx.Root!.Elements("data")
            .Where(d => !string.IsNullOrWhiteSpace(d.Element("value")?.Value))
            .Select(d => d.Attribute("name")!.Value)
            .ToHashSet(StringComparer.Ordinal);

        var missing = used.Where(k => !translated.Contains(k)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "Texts without a Russian translation (run scripts/translations.py missing): " + string.Join(" | ", missing));
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Russian_readers_get_the_shell_and_names_in_Russian_with_a_visible_fallback(Provider provider)
    {
        var app = await apps.For(provider);
        var translated = await app.CreateOrganisationAsync("Harbour Outreach Network", o =>
            o.Translations = [new Common.Translation { Language = "ru", Name = "Сеть помощи «Гавань»", Description = "Помощь на улице." }]);
        var untranslated = await app.CreateOrganisationAsync("Lighthouse Legal Aid");
        var browser = app.CreateBrowser();

        var switched = await browser.GetAsync($"/set-language?culture=ru&returnUrl=/directory/{translated.Slug}");
        var translatedPage = await browser.GetHtmlAsync($"/directory/{translated.Slug}");
        var untranslatedPage = await browser.GetHtmlAsync($"/directory/{untranslated.Slug}");

        Assert.Equal(System.Net.HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal($"/directory/{translated.Slug}", switched.Headers.Location?.OriginalString);
        Assert.Contains("<html lang=\"ru\"", translatedPage, StringComparison.Ordinal);
        Assert.Contains("Каталог", translatedPage, StringComparison.Ordinal);
        Assert.Contains("Сеть помощи «Гавань»", translatedPage, StringComparison.Ordinal);
        Assert.Contains("Lighthouse Legal Aid", untranslatedPage, StringComparison.Ordinal);
        Assert.Contains("Перевода пока нет; показано на языке оригинала.", untranslatedPage, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Language_switch_refuses_to_redirect_to_another_site(Provider provider)
    {
        var app = await apps.For(provider);

        var response = await app.CreateBrowser().GetAsync("/set-language?culture=ru&returnUrl=//evil.example.org/");

        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Clearinghouse.slnx")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Run the tests from inside the repository.");
    }

    [GeneratedRegex(@"\b[Tt]\[""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LocalizerCall();

    [GeneratedRegex(@"(?:=>|\] =) ""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelText();

    [GeneratedRegex(@"\(""\w+"", ""([^""]+)""")]
    private static partial Regex SectionHeading();
}
