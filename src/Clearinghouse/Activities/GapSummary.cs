using System.Globalization;
using System.Text;
using Clearinghouse.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Clearinghouse.Activities;

/// <summary>
/// One stored row of the gap matrix summary: for a scope ("any" period, or "ongoing" on the stored day), a facet key
/// ("x:MD:Prevention" a cell, "c:MD" a country's total) and a budget currency ("" for none), how many public
/// activities count there, how many of them state a budget, and the budgets' sum in cents.
/// </summary>
internal sealed class GapSummaryRow
{
    public required string Scope { get; set; }

    public required string Key { get; set; }

    public required string Currency { get; set; }

    public int Count { get; set; }

    public int Budgets { get; set; }

    public long Cents { get; set; }
}

/// <summary>One group of the matrix: activities in a facet key with one budget currency (null: none stated).</summary>
internal sealed record GapContribution(string Key, string? Currency, int Count, int Budgets, double Sum);

/// <summary>
/// The gap matrix for "any period" and "ongoing on day D", kept up to date in the same transaction as every activity
/// write (ADR 0019), so that the page reads a few thousand rows instead of grouping millions of facet rows. On save,
/// the saved activities' old contribution (read from the database before the write) goes out and their new one
/// (read after it) comes in, as atomic upserts; a rebuild recomputes a scope from every activity. Which scopes are
/// built, and for which day the ongoing one is, is kept in <see cref="AppSetting"/> rows; a scope that is not built
/// (or an ongoing one for another day) is computed live by <see cref="GapMatrix"/>.
/// </summary>
internal static class GapSummary
{
    public const string AnyScope = "any";
    public const string OngoingScope = "ongoing";

    /// <summary>Set (to "built") once the "any period" rows hold every public activity.</summary>
    public const string AnySetting = "activities.gap-summary.any";

    /// <summary>The day (yyyy-MM-dd) the "ongoing" rows are for.</summary>
    public const string OngoingSetting = "activities.gap-summary.ongoing";

    /// <summary>
    /// PostgreSQL advisory lock: saves hold it shared, a rebuild exclusively, so a rebuild never misses or doubles a
    /// save that commits while it runs. (SQLite has one writer at a time, and transactions begin IMMEDIATE.)
    /// </summary>
    private const long LockKey = 0x6761705f73756d; // "gap_sum"

    public static void Configure(ModelBuilder builder) =>
        builder.Entity<GapSummaryRow>(e =>
        {
            e.ToTable("GapSummary");
            e.HasKey(r => new { r.Scope, r.Key, r.Currency });
            e.Property(r => r.Scope).HasMaxLength(10);
            e.Property(r => r.Key).HasMaxLength(80);
            e.Property(r => r.Currency).HasMaxLength(3);
        });

    /// <summary>The facet keys the matrix counts, grouped per key and budget currency (one pass over the facet rows).</summary>
    public static IQueryable<GapContribution> Contributions(IQueryable<Activity> activities, string cellPrefix, string countryPrefix) =>
        activities.SelectMany(
                a => a.Facets.Where(f => EF.Functions.Like(f.Key, cellPrefix + "%") || EF.Functions.Like(f.Key, countryPrefix + "%")),
                (a, f) => new { f.Key, a.Budget, a.BudgetCurrency })
            .GroupBy(c => new { c.Key, c.BudgetCurrency })
            // SQLite cannot sum decimals: sum as double (exact to the cent far beyond any budget) and round back.
            .Select(g => new GapContribution(g.Key.Key, g.Key.BudgetCurrency, g.Count(), g.Count(c => c.Budget != null), g.Sum(c => c.Budget == null ? 0 : (double)c.Budget.Value)));

    /// <summary>The activities a scope counts: public, uncancelled, and for "ongoing" those ongoing on <paramref name="day"/>.</summary>
    public static IQueryable<Activity> Counted(AppDbContext db, DateOnly? day)
    {
        var activities = ActivityAccess.Public(db.Activities.AsNoTracking()).Where(a => a.Status != ActivityStatus.Cancelled);
        return day is { } d ? activities.Overlapping(d, d, d) : activities;
    }

    /// <summary>The stored rows for a query, or null when that scope is not built (or is for another day).</summary>
    /// <remarks>The ongoing rows count activities without dates by their status as seen on their day, so they answer only for today.</remarks>
    public static async Task<List<GapContribution>?> TryReadAsync(AppDbContext db, GapQuery query, DateOnly today, string cellPrefix, string countryPrefix, CancellationToken cancellationToken)
    {
        var scope = query.Period switch
        {
            GapPeriod.Any => AnyScope,
            GapPeriod.OngoingOn when query.On == today => OngoingScope,
            _ => null,
        };
        if (scope is null)
        {
            return null;
        }

        var state = await StateAsync(db, cancellationToken);
        if (scope == AnyScope ? !state.Any : state.OngoingOn != today)
        {
            return null;
        }

        var rows = await db.Set<GapSummaryRow>().AsNoTracking()
            .Where(r => r.Scope == scope && r.Count > 0 && (r.Key.StartsWith(cellPrefix) || r.Key.StartsWith(countryPrefix)))
            .ToListAsync(cancellationToken);
        // Read in the same statement as the state would be ideal; a rebuild between the two reads only ever replaces
        // the rows with equal or newer ones, so the result is never older than the state said.
        return rows.Select(r => new GapContribution(r.Key, r.Currency.Length == 0 ? null : r.Currency, r.Count, r.Budgets, r.Cents / 100.0)).ToList();
    }

    /// <summary>Which scopes are built: "any period", and the day of the "ongoing" one.</summary>
    public static async Task<(bool Any, DateOnly? OngoingOn)> StateAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var settings = await db.AppSettings.AsNoTracking().Where(s => s.Key == AnySetting || s.Key == OngoingSetting)
            .ToDictionaryAsync(s => s.Key, s => s.Value, StringComparer.Ordinal, cancellationToken);
        var any = settings.ContainsKey(AnySetting);
        DateOnly? on = settings.TryGetValue(OngoingSetting, out var text)
            && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
        return (any, on);
    }

    /// <summary>
    /// Saves the context's changes and moves the saved activities' contributions in the built scopes, all in one
    /// transaction (the caller's, or one of its own). <paramref name="stored"/> are those of <paramref name="ids"/> that
    /// are already in the database (not being added): only they can contribute before the save.
    /// </summary>
    public static async Task<int> SaveWithDeltasAsync(AppDbContext db, IReadOnlyCollection<Guid> ids, IReadOnlyCollection<Guid> stored, Func<Task<int>> save, CancellationToken cancellationToken)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            await LockAsync(db, exclusive: false, cancellationToken);
            var scopes = await ScopesAsync(db, cancellationToken);
            var deltas = new Dictionary<(string Scope, string Key, string Currency), (int Count, int Budgets, long Cents)>();
            if (stored.Count > 0)
            {
                foreach (var (scope, on) in scopes)
                {
                    Move(deltas, scope, await OfAsync(db, stored, on, cancellationToken), -1);
                }
            }

            var saved = await save();
            foreach (var (scope, on) in scopes)
            {
                Move(deltas, scope, await OfAsync(db, ids, on, cancellationToken), 1);
            }

            await AddAsync(db, deltas, cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }

            return saved;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Saves new activities whose contributions <see cref="AddNewAsync"/> adds later in the same transaction (the caller's):
    /// the save holds the lock a rebuild waits for, as <see cref="SaveWithDeltasAsync"/> does, until that transaction ends.
    /// </summary>
    public static async Task<int> SaveNewDeferredAsync(AppDbContext db, Func<Task<int>> save, CancellationToken cancellationToken)
    {
        await LockAsync(db, exclusive: false, cancellationToken);
        return await save();
    }

    /// <summary>Adds the contributions of activities saved by <see cref="SaveNewDeferredAsync"/> (they contributed nothing before), in one grouped read per scope and chunk and one upsert.</summary>
    public static async Task AddNewAsync(AppDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        await LockAsync(db, exclusive: false, cancellationToken);
        var scopes = await ScopesAsync(db, cancellationToken);
        var deltas = new Dictionary<(string Scope, string Key, string Currency), (int Count, int Budgets, long Cents)>();
        foreach (var chunk in ids.Chunk(5000))
        {
            foreach (var (scope, on) in scopes)
            {
                Move(deltas, scope, await OfAsync(db, chunk, on, cancellationToken), 1);
            }
        }

        await AddAsync(db, deltas, cancellationToken);
    }

    /// <summary>The built scopes, each with its day ("ongoing") or none ("any").</summary>
    private static async Task<List<(string Scope, DateOnly? Day)>> ScopesAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var state = await StateAsync(db, cancellationToken);
        var scopes = new List<(string Scope, DateOnly? Day)>();
        if (state.Any)
        {
            scopes.Add((AnyScope, null));
        }

        if (state.OngoingOn is { } day)
        {
            scopes.Add((OngoingScope, day));
        }

        return scopes;
    }

    private static void Move(Dictionary<(string Scope, string Key, string Currency), (int Count, int Budgets, long Cents)> deltas, string scope, List<GapContribution> contributions, int sign)
    {
        foreach (var c in contributions)
        {
            var key = (scope, c.Key, c.Currency ?? string.Empty);
            var (count, budgets, cents) = deltas.GetValueOrDefault(key);
            deltas[key] = (count + (sign * c.Count), budgets + (sign * c.Budgets), cents + (sign * ToCents(c.Sum)));
        }
    }

    private static Task AddAsync(AppDbContext db, Dictionary<(string Scope, string Key, string Currency), (int Count, int Budgets, long Cents)> deltas, CancellationToken cancellationToken) =>
        AddAsync(db, deltas.Where(d => d.Value != default).Select(d => (d.Key.Scope, d.Key.Key, d.Key.Currency, d.Value.Count, d.Value.Budgets, d.Value.Cents)), cancellationToken);

    /// <summary>
    /// Recomputes the "any period" scope (when <paramref name="any"/>) and the "ongoing" scope for
    /// <paramref name="ongoingOn"/> (when given) from every activity, unless another rebuild already did.
    /// </summary>
    public static async Task RebuildAsync(AppDbContext db, bool any, DateOnly? ongoingOn, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockAsync(db, exclusive: true, cancellationToken);
        var state = await StateAsync(db, cancellationToken);
        if (any && !state.Any)
        {
            await RebuildScopeAsync(db, AnyScope, null, cancellationToken);
            await SetAsync(db, AnySetting, "built", cancellationToken);
        }

        if (ongoingOn is { } day && state.OngoingOn != day)
        {
            await RebuildScopeAsync(db, OngoingScope, day, cancellationToken);
            await SetAsync(db, OngoingSetting, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Forgets that the summary is built (for data written around the application, e.g. by COPY): the next start rebuilds it.</summary>
    public static Task<int> ForgetAsync(AppDbContext db, CancellationToken cancellationToken) =>
        db.AppSettings.Where(s => s.Key == AnySetting || s.Key == OngoingSetting).ExecuteDeleteAsync(cancellationToken);

    private static async Task RebuildScopeAsync(AppDbContext db, string scope, DateOnly? day, CancellationToken cancellationToken)
    {
        await db.Set<GapSummaryRow>().Where(r => r.Scope == scope).ExecuteDeleteAsync(cancellationToken);
        var rows = await Contributions(Counted(db, day), ActivityFacet.Cell, ActivityFacet.Country).ToListAsync(cancellationToken);
        await AddAsync(db, rows.Select(c => (scope, c.Key, c.Currency ?? string.Empty, c.Count, c.Budgets, ToCents(c.Sum))), cancellationToken);
    }

    private static Task<List<GapContribution>> OfAsync(AppDbContext db, IReadOnlyCollection<Guid> ids, DateOnly? day, CancellationToken cancellationToken) =>
        Contributions(Counted(db, day).Where(a => ids.Contains(a.Id)), ActivityFacet.Cell, ActivityFacet.Country).ToListAsync(cancellationToken);

    /// <summary>Adds to the rows (creating missing ones) in key order, so that concurrent saves lock rows in the same order and never deadlock.</summary>
    private static async Task AddAsync(AppDbContext db, IEnumerable<(string Scope, string Key, string Currency, int Count, int Budgets, long Cents)> rows, CancellationToken cancellationToken)
    {
        var ordered = rows.OrderBy(r => r.Scope, StringComparer.Ordinal).ThenBy(r => r.Key, StringComparer.Ordinal).ThenBy(r => r.Currency, StringComparer.Ordinal).ToList();
        foreach (var chunk in ordered.Chunk(500))
        {
            var sql = new StringBuilder("INSERT INTO \"GapSummary\" (\"Scope\", \"Key\", \"Currency\", \"Count\", \"Budgets\", \"Cents\") VALUES ");
            var parameters = new List<object>();
            foreach (var (scope, key, currency, count, budgets, cents) in chunk)
            {
                var i = parameters.Count;
                sql.Append(i == 0 ? string.Empty : ", ").Append(CultureInfo.InvariantCulture, $"({{{i}}}, {{{i + 1}}}, {{{i + 2}}}, {{{i + 3}}}, {{{i + 4}}}, {{{i + 5}}})");
                parameters.AddRange([scope, key, currency, count, budgets, cents]);
            }

            sql.Append(" ON CONFLICT (\"Scope\", \"Key\", \"Currency\") DO UPDATE SET \"Count\" = \"GapSummary\".\"Count\" + excluded.\"Count\", ")
                .Append("\"Budgets\" = \"GapSummary\".\"Budgets\" + excluded.\"Budgets\", \"Cents\" = \"GapSummary\".\"Cents\" + excluded.\"Cents\"");
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, cancellationToken);
        }
    }

    private static async Task SetAsync(AppDbContext db, string key, string value, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO \"AppSettings\" (\"Key\", \"Value\") VALUES ({key}, {value}) ON CONFLICT (\"Key\") DO UPDATE SET \"Value\" = excluded.\"Value\"",
            cancellationToken);

    private static async Task LockAsync(AppDbContext db, bool exclusive, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await (exclusive
                ? db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken)
                : db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock_shared({LockKey})", cancellationToken));
        }
    }

    private static long ToCents(double sum) => (long)Math.Round(sum * 100, MidpointRounding.AwayFromZero);
}

/// <summary>
/// Keeps the summary's scopes built: at start-up (the "any" scope when missing, e.g. after the migration or data written
/// by COPY; the "ongoing" scope for today) and just after each midnight UTC for the new day.
/// </summary>
internal sealed partial class GapSummaryService(IServiceScopeFactory scopes, TimeProvider clock, ILogger<GapSummaryService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            try
            {
                await EnsureAsync(DateOnly.FromDateTime(now.UtcDateTime), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The page computes live meanwhile; try again in a minute.
                LogFailed(e);
                await Task.Delay(TimeSpan.FromMinutes(1), clock, stoppingToken);
                continue;
            }

            var midnight = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
            await Task.Delay(midnight - now + TimeSpan.FromSeconds(1), clock, stoppingToken);
        }
    }

    /// <summary>Builds what is missing for <paramref name="today"/> (nothing when all is built).</summary>
    public async Task EnsureAsync(DateOnly today, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var state = await GapSummary.StateAsync(db, cancellationToken);
        if (state.Any && state.OngoingOn == today)
        {
            return;
        }

        var started = clock.GetTimestamp();
        await GapSummary.RebuildAsync(db, any: true, today, cancellationToken);
        var milliseconds = clock.GetElapsedTime(started).TotalMilliseconds;
        LogRebuilt(!state.Any, today, milliseconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Gap matrix summary rebuilt (any period: {Any}, ongoing on {Day}) in {Milliseconds} ms")]
    private partial void LogRebuilt(bool any, DateOnly day, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gap matrix summary rebuild failed; the gap pages compute live until it succeeds")]
    private partial void LogFailed(Exception e);
}
