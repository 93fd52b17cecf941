-- The list counts on PostgreSQL before and after bench/proposed-indexes.postgres.sql, and the one filter those indexes
-- do not reach yet (area & targetGroup), measured by hand (see BENCHMARKS.md). Run from the repository root on a
-- generated benchmark database:
--   psql -X "host=127.0.0.1 port=PORT user=postgres dbname=clearinghouse_bench" -f bench/postgres-candidates.sql
-- It creates the proposed indexes (and two more GIN indexes) and drops nothing: use a throw-away database.
\timing on
SET max_parallel_workers_per_gather = 0;  -- one core per query, as under concurrent load
\echo '== today'
\echo '-- all'
SELECT count(*)::int FROM "Organisations" AS o WHERE o."RetiredAt" IS NULL;
SELECT count(*)::int FROM "Organisations" AS o WHERE o."RetiredAt" IS NULL;
\echo '-- q=centre'
SELECT count(*)::int FROM "Organisations" AS o WHERE o."RetiredAt" IS NULL AND o."SearchText" LIKE '%centre%' ESCAPE '\';
SELECT count(*)::int FROM "Organisations" AS o WHERE o."RetiredAt" IS NULL AND o."SearchText" LIKE '%centre%' ESCAPE '\';
\echo '-- q=marigold'
SELECT count(*)::int FROM "Organisations" AS o WHERE o."RetiredAt" IS NULL AND o."SearchText" LIKE '%marigold%' ESCAPE '\';
SELECT count(*)::int FROM "Organisations" AS o WHERE o."RetiredAt" IS NULL AND o."SearchText" LIKE '%marigold%' ESCAPE '\';
\echo '-- country=MD'
SELECT count(*)::int FROM "Organisations" AS o WHERE o."RetiredAt" IS NULL AND (o."CountryCode" = 'MD' OR ARRAY['MD']::text[] <@ o."CountriesActive");
SELECT count(*)::int FROM "Organisations" AS o WHERE o."RetiredAt" IS NULL AND (o."CountryCode" = 'MD' OR ARRAY['MD']::text[] <@ o."CountriesActive");
\echo '-- area & targetGroup, as EF Core writes it today'
SELECT count(*)::int FROM "Organisations" AS o WHERE o."RetiredAt" IS NULL AND 'ProtectionAndAssistance' = ANY (o."ThematicAreas") AND 'Children' = ANY (o."TargetGroups");
SELECT count(*)::int FROM "Organisations" AS o WHERE o."RetiredAt" IS NULL AND 'ProtectionAndAssistance' = ANY (o."ThematicAreas") AND 'Children' = ANY (o."TargetGroups");

\echo '== with bench/proposed-indexes.postgres.sql'
\i bench/proposed-indexes.postgres.sql
\echo '-- all'
SELECT count(*)::int FROM "Organisations" AS o WHERE o."RetiredAt" IS NULL;
SELECT count(*)::int FROM "Organisations" AS o WHERE o."RetiredAt" IS NULL;
\echo '-- q=centre'
SELECT count(*)::int FROM "Organisations" AS o WHERE o."RetiredAt" IS NULL AND o."SearchText" LIKE '%centre%' ESCAPE '\';
SELECT count(*)::int FROM "Organisations" AS o WHERE o."RetiredAt" IS NULL AND o."SearchText" LIKE '%centre%' ESCAPE '\';
\echo '-- q=marigold'
SELECT count(*)::int FROM "Organisations" AS o WHERE o."RetiredAt" IS NULL AND o."SearchText" LIKE '%marigold%' ESCAPE '\';
SELECT count(*)::int FROM "Organisations" AS o WHERE o."RetiredAt" IS NULL AND o."SearchText" LIKE '%marigold%' ESCAPE '\';
\echo '-- country=MD'
SELECT count(*)::int FROM "Organisations" AS o WHERE o."RetiredAt" IS NULL AND (o."CountryCode" = 'MD' OR ARRAY['MD']::text[] <@ o."CountriesActive");
SELECT count(*)::int FROM "Organisations" AS o WHERE o."RetiredAt" IS NULL AND (o."CountryCode" = 'MD' OR ARRAY['MD']::text[] <@ o."CountriesActive");

\echo '== area & targetGroup: GIN indexes on both arrays, and the containment form EF Core cannot write for enum arrays yet'
CREATE INDEX "IX_Organisations_ThematicAreas" ON "Organisations" USING gin ("ThematicAreas");
CREATE INDEX "IX_Organisations_TargetGroups" ON "Organisations" USING gin ("TargetGroups");
VACUUM ANALYZE "Organisations";
SELECT count(*)::int FROM "Organisations" AS o WHERE o."RetiredAt" IS NULL AND o."ThematicAreas" @> ARRAY['ProtectionAndAssistance']::text[] AND o."TargetGroups" @> ARRAY['Children']::text[];
SELECT count(*)::int FROM "Organisations" AS o WHERE o."RetiredAt" IS NULL AND o."ThematicAreas" @> ARRAY['ProtectionAndAssistance']::text[] AND o."TargetGroups" @> ARRAY['Children']::text[];
\echo '== sizes'
SELECT indexrelname, pg_size_pretty(pg_relation_size(indexrelid)) FROM pg_stat_user_indexes WHERE relname = 'Organisations' ORDER BY 1;
SELECT pg_size_pretty(pg_relation_size('"Organisations"')) AS "table";
