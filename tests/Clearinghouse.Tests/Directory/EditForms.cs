using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Clearinghouse.Tests.Directory;

/// <summary>Small helpers for the editing tests: forms with repeated fields (checkboxes) and JSON requests.</summary>
internal static partial class EditForms
{
    /// <summary>Posts a form like a browser, with the antiforgery token of the form page; fields may repeat.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, IEnumerable<(string Name, string Value)> fields, string? formPage = null)
    {
        var page = await client.GetStringAsync(formPage ?? url);
        var token = AntiforgeryToken().Match(page);
        Assert.True(token.Success, $"No antiforgery token on {formPage ?? url}.");
        var all = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)));
        return await client.PostAsync(url, new FormUrlEncodedContent(all));
    }

    public static Task<HttpResponseMessage> SendJsonAsync(HttpClient client, HttpMethod method, string url, string json) =>
        client.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    public static Task<HttpResponseMessage> SendJsonAsync(HttpClient client, HttpMethod method, string url, object body) =>
        SendJsonAsync(client, method, url, JsonSerializer.Serialize(body, JsonSerializerOptions.Web));

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>Where a redirect points, without the host.</summary>
    public static string Location(this HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
