using System.Globalization;
using System.Threading.RateLimiting;
using Clearinghouse.Accounts;
using Clearinghouse.Data;
using Clearinghouse.Web.Accounts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scalar.AspNetCore;

namespace Clearinghouse.Web.Shared;

/// <summary>Everything every page and endpoint shares: pages, languages, errors, security headers, limits, OpenAPI, health.</summary>
internal static class WebShell
{
    public const string SignInRateLimit = "sign-in";
    public const string ApiRateLimit = "api";
    public static readonly CultureInfo[] Cultures = [new("en"), new("ru")];

    public static IServiceCollection AddWebShell(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.AddOptions<WebOptions>().Bind(configuration.GetSection(WebOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        var web = configuration.GetSection(WebOptions.Section).Get<WebOptions>() ?? new WebOptions();

        // Write Cyrillic and other scripts as characters, not as character references (smaller pages).
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/";
                // Any partner may open the edit pages; each page then checks the record (focal points edit their own organisation).
                o.Conventions.AuthorizeFolder("/Directory/Edit", Policies.Partner);
                o.Conventions.AuthorizeFolder("/Admin", Policies.Administrator);
                o.Conventions.AuthorizePage("/Accounts/Tokens");
                // One job page for every background import, under the upload page that started it (ImportJobs).
                o.Conventions.AddPageRoute("/Shared/ImportStatus", "activities/import/{id}");
                o.Conventions.AddPageRoute("/Shared/ImportStatus", "statistics/import/{id}");
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("en");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });

        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddProblemDetails();
        // A body or parameter that cannot be read throws, so that KnownExceptionHandler can name the field in a ProblemDetails.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<KnownExceptionHandler>();
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Clearinghouse API";
            document.Info.Description = "The directory of anti-trafficking actors and its code lists. Send an API token as 'Authorization: Bearer <token>' to write.";
            return Task.CompletedTask;
        }));
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = web.SignInAttemptsPerMinute, Window = TimeSpan.FromMinutes(1) }));
            o.AddPolicy(ApiRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Request.Headers.Authorization.ToString() is { Length: > 0 } token ? token : context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = web.ApiRequestsPerMinute, Window = TimeSpan.FromMinutes(1) }));
            o.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await TypedResults.Problem(
                    title: "Too many requests",
                    detail: "Too many requests in a short time. Wait a minute and try again.",
                    statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context.HttpContext);
            };
        });

        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        if (web.TrustForwardedHeaders)
        {
            // Behind a TLS-terminating reverse proxy: take the client address and scheme from X-Forwarded-*,
            // so HSTS, secure cookies and rate limits see the real request.
            services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto);
        }

        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);

        var keys = Path.IsPathRooted(web.KeysPath) ? web.KeysPath : Path.Combine(environment.ContentRootPath, web.KeysPath);
        services.AddDataProtection().SetApplicationName("Clearinghouse").PersistKeysToFileSystem(new DirectoryInfo(keys));
        return services;
    }

    public static WebApplication UseWebShell(this WebApplication app)
    {
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebOptions>>().Value.TrustForwardedHeaders)
        {
            app.UseForwardedHeaders();
        }

        app.UseWhen(context => IsApi(context.Request), api => api.UseExceptionHandler());
        app.UseWhen(context => !IsApi(context.Request), pages => pages.UseExceptionHandler("/Error"));
        app.UseWhen(context => IsApi(context.Request), api => api.UseStatusCodePages());
        app.UseWhen(context => !IsApi(context.Request), pages => pages.UseStatusCodePagesWithReExecute("/Error", "?code={0}"));
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseMiddleware<SecurityHeaders>();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.Use((context, next) =>
        {
            context.RequestServices.GetRequiredService<CurrentUser>().SetFrom(context.User);
            return next(context);
        });
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapWebShell(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        app.MapHealthChecks("/health").DisableHttpMetrics();
        app.MapOpenApi();
        app.MapScalarApiReference("/api/docs", o => o.WithTitle("Clearinghouse API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        app.MapGet("/set-language", (string culture, string? returnUrl, HttpContext http) =>
            {
                var chosen = Cultures.FirstOrDefault(c => c.Name == culture)?.Name ?? "en";
                http.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                    new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps });
                return TypedResults.LocalRedirect(returnUrl is { Length: > 0 } && Uri.IsWellFormedUriString(returnUrl, UriKind.Relative) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/");
            })
            .ExcludeFromDescription()
            .AllowAnonymous();
        return app;
    }

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The "Web" configuration section.</summary>
internal sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>Folder for the data-protection keys that sign cookies and tokens; keep it outside the repository and back it up.</summary>
    public string KeysPath { get; set; } = "data/keys";

    /// <summary>Set when the app runs behind a reverse proxy that terminates TLS and sends X-Forwarded-For/-Proto (only the proxy may reach the app).</summary>
    public bool TrustForwardedHeaders { get; set; }

    [System.ComponentModel.DataAnnotations.Range(1, 10_000)]
    public int SignInAttemptsPerMinute { get; set; } = 10;

    [System.ComponentModel.DataAnnotations.Range(1, 1_000_000)]
    public int ApiRequestsPerMinute { get; set; } = 600;
}

internal sealed class DatabaseHealthCheck(AppDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database cannot be reached.");
}

/// <summary>Marker type for the shared string resources (Resources/SharedResource.ru.resx).</summary>
public sealed class SharedResource;
