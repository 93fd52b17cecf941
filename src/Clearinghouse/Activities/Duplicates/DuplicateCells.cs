namespace Clearinghouse.Activities.Duplicates;

/// <summary>
/// One activity in one of the duplicate finder's cells (ADR 0024): <c>x:CC:Area</c> for each of its countries × thematic
/// areas, and <c>r:Area</c> for each area of regional work. Only activities in the inventory (not retired, not merged)
/// have rows. The rows carry what the finder's first pass reads (period, whether published, title), so that a cell is
/// one range of one index. The database keeps them (<see cref="DuplicateCells"/>); the application only reads them.
/// </summary>
internal sealed class ActivityDuplicateCell
{
    public required string Key { get; set; }

    public Guid ActivityId { get; set; }

    public DateOnly? StartDate { get; set; }

    public DateOnly? EndDate { get; set; }

    public bool IsPublished { get; set; }

    public required string Title { get; set; }
}

/// <summary>
/// The SQL that keeps <see cref="ActivityDuplicateCell"/> rows in step with the activities: a trigger on each provider
/// (after an activity is added, or its title, period, countries, areas, regional flag, review state, retirement or merge
/// changes, its rows are written again), so that every way of writing an activity — the editor, imports, merges, bulk
/// updates — keeps them right in the same transaction; and a rebuild for data written with triggers off (the benchmark's
/// bulk loader).
/// </summary>
internal static class DuplicateCells
{
    public const string CellPrefix = ActivityFacet.Cell;

    public const string RegionalPrefix = "r:";

    public const string Table = "ActivityDuplicateCells";

    /// <summary>The cell keys of an activity in countries <paramref name="countries"/> (or regional) working on <paramref name="areas"/>.</summary>
    public static List<string> KeysOf(IReadOnlyCollection<string> countries, IReadOnlyCollection<string> areas, bool regional) =>
        [.. countries.SelectMany(c => areas.Select(a => $"{CellPrefix}{c}:{a}")).Concat(regional ? areas.Select(a => RegionalPrefix + a) : []).Distinct(StringComparer.Ordinal)];

    // ---- PostgreSQL ----

    private const string PostgresRows = """
        SELECT DISTINCT 'x:' || c || ':' || t, a."Id", a."StartDate", a."EndDate", a."ReviewState" = 'Published', a."Title"
        FROM unnest(a."Countries") AS c, unnest(a."ThematicAreas") AS t
        UNION
        SELECT DISTINCT 'r:' || t, a."Id", a."StartDate", a."EndDate", a."ReviewState" = 'Published', a."Title"
        FROM unnest(a."ThematicAreas") AS t WHERE a."IsRegional"
        """;

    private const string Columns = "(\"Key\", \"ActivityId\", \"StartDate\", \"EndDate\", \"IsPublished\", \"Title\")";

    public const string PostgresTrigger = $$"""
        CREATE OR REPLACE FUNCTION activity_duplicate_cells() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE' THEN
                DELETE FROM "ActivityDuplicateCells" WHERE "ActivityId" = OLD."Id";
            END IF;
            IF NEW."RetiredAt" IS NULL AND NEW."MergedIntoId" IS NULL THEN
                INSERT INTO "ActivityDuplicateCells" {{Columns}}
                SELECT r.* FROM (SELECT NEW.*) AS a, LATERAL ({{PostgresRows}}) AS r;
            END IF;
            RETURN NULL;
        END $$;
        CREATE TRIGGER activity_duplicate_cells_insert AFTER INSERT ON "Activities"
            FOR EACH ROW EXECUTE FUNCTION activity_duplicate_cells();
        CREATE TRIGGER activity_duplicate_cells_update
            AFTER UPDATE OF "Title", "StartDate", "EndDate", "Countries", "ThematicAreas", "IsRegional", "ReviewState", "RetiredAt", "MergedIntoId" ON "Activities"
            FOR EACH ROW EXECUTE FUNCTION activity_duplicate_cells();
        """;

    public const string PostgresDropTrigger = """
        DROP TRIGGER IF EXISTS activity_duplicate_cells_update ON "Activities";
        DROP TRIGGER IF EXISTS activity_duplicate_cells_insert ON "Activities";
        DROP FUNCTION IF EXISTS activity_duplicate_cells();
        """;

    public const string PostgresRebuild = $"""
        DELETE FROM "ActivityDuplicateCells";
        INSERT INTO "ActivityDuplicateCells" {Columns}
        SELECT r.* FROM "Activities" AS a, LATERAL ({PostgresRows}) AS r
        WHERE a."RetiredAt" IS NULL AND a."MergedIntoId" IS NULL;
        ANALYZE "ActivityDuplicateCells";
        """;

    // ---- SQLite (the lists are JSON arrays) ----

    /// <summary>The rows of the activity <paramref name="a"/> (<c>NEW</c> in a trigger; an alias of Activities in <paramref name="from"/> otherwise).</summary>
    private static string SqliteRows(string a, string from) => $"""
        SELECT 'x:' || c.value || ':' || t.value, {a}.Id, {a}.StartDate, {a}.EndDate, {a}.ReviewState = 'Published', {a}.Title
        FROM {from}json_each({a}.Countries) AS c, json_each({a}.ThematicAreas) AS t
        WHERE {a}.RetiredAt IS NULL AND {a}.MergedIntoId IS NULL
        UNION
        SELECT 'r:' || t.value, {a}.Id, {a}.StartDate, {a}.EndDate, {a}.ReviewState = 'Published', {a}.Title
        FROM {from}json_each({a}.ThematicAreas) AS t
        WHERE {a}.IsRegional AND {a}.RetiredAt IS NULL AND {a}.MergedIntoId IS NULL
        """;

    public static readonly string SqliteTrigger = $"""
        CREATE TRIGGER activity_duplicate_cells_insert AFTER INSERT ON Activities
        BEGIN
            INSERT INTO ActivityDuplicateCells {Columns}
            {SqliteRows("NEW", string.Empty)};
        END;
        CREATE TRIGGER activity_duplicate_cells_update
            AFTER UPDATE OF Title, StartDate, EndDate, Countries, ThematicAreas, IsRegional, ReviewState, RetiredAt, MergedIntoId ON Activities
        BEGIN
            DELETE FROM ActivityDuplicateCells WHERE ActivityId = OLD.Id;
            INSERT INTO ActivityDuplicateCells {Columns}
            {SqliteRows("NEW", string.Empty)};
        END;
        """;

    public const string SqliteDropTrigger = """
        DROP TRIGGER IF EXISTS activity_duplicate_cells_update;
        DROP TRIGGER IF EXISTS activity_duplicate_cells_insert;
        """;

    public static readonly string SqliteRebuild = $"""
        DELETE FROM ActivityDuplicateCells;
        INSERT INTO ActivityDuplicateCells {Columns}
        {SqliteRows("a", "Activities AS a, ")};
        """;
}
