using System.Net;
using System.Text.RegularExpressions;
using Clearinghouse.Accounts;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Cases;

namespace Clearinghouse.Tests.Cases;

/// <summary>The two-factor set-up page offers the authenticator address as a QR code drawn on the server, with the key as text too.</summary>
public sealed partial class TwoFactorQrCodeTests(Apps apps) : IClassFixture<Apps>
{
    [Theory]
    [MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_set_up_page_shows_a_QR_code_of_the_otpauth_address_and_the_key_as_text(Provider provider)
    {
        var app = await apps.For(provider);
        var team = await app.CreateOrganisationAsync();
        var worker = await app.SignInAsync(Roles.CaseWorker, team.Id);

        var html = await worker.GetStringAsync("/cases/two-factor");

        var uri = WebUtility.HtmlDecode(UriCode().Match(html).Groups[1].Value);
        Assert.StartsWith("otpauth://totp/Clearinghouse:", uri, StringComparison.Ordinal);
        Assert.Contains("issuer=Clearinghouse", uri, StringComparison.Ordinal);
        var key = SharedKey().Match(html).Groups[1].Value;
        Assert.Contains($"secret={key.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant()}", uri, StringComparison.Ordinal);

        var qr = QrBlock().Match(html);
        Assert.True(qr.Success, "The page has no QR code block.");
        Assert.StartsWith("<svg", qr.Groups[1].Value.TrimStart(), StringComparison.Ordinal);
        Assert.Equal(AuthenticatorQrCode.Svg(uri), qr.Groups[1].Value);
        Assert.DoesNotContain("<script", qr.Groups[1].Value, StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex("<code id=\"authenticator-uri\">([^<]*)</code>")]
    private static partial Regex UriCode();

    [GeneratedRegex("<strong id=\"shared-key\" class=\"app-code\">([^<]*)</strong>")]
    private static partial Regex SharedKey();

    [GeneratedRegex("<div class=\"app-qr-code\" id=\"authenticator-qr\"[^>]*>(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex QrBlock();
}
