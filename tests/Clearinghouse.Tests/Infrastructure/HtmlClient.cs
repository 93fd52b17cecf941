using System.Net;

namespace Clearinghouse.Tests.Infrastructure;

internal static class HtmlClient
{
    /// <summary>The page's HTML with character references decoded, so assertions see the text a reader sees.</summary>
    public static async Task<string> GetHtmlAsync(this HttpClient client, string url) =>
        WebUtility.HtmlDecode(await client.GetStringAsync(url));
}
