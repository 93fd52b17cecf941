-- The SQL the list API sends (as EF Core logs it, parameters written in) for two kinds of request, to time directly:
--   psql -X "host=127.0.0.1 port=PORT user=postgres dbname=clearinghouse_bench" -f bench/direct-sql.postgres.sql
-- EXPLAIN ANALYZE runs each statement and reports the time spent in the server; the first run warms the cache.
\timing on
\echo '-- all, page 1: the page, then the count'
EXPLAIN (ANALYZE, COSTS OFF, SUMMARY ON) SELECT o."Id", o."Acronym", o."Address", o."CountriesActive", o."CountryCode", o."Description", o."Name", o."OriginalLanguage", o."PublicEmail", o."PublicPhone", o."RetiredAt", o."Slug", o."TargetGroups", o."ThematicAreas", o."Translations", o."Type", o."Version", o."Website" FROM "Organisations" AS o WHERE o."RetiredAt" IS NULL ORDER BY o."Name", o."Id" LIMIT 20 OFFSET 0;
EXPLAIN (ANALYZE, COSTS OFF, SUMMARY ON) SELECT o."Id", o."Acronym", o."Address", o."CountriesActive", o."CountryCode", o."Description", o."Name", o."OriginalLanguage", o."PublicEmail", o."PublicPhone", o."RetiredAt", o."Slug", o."TargetGroups", o."ThematicAreas", o."Translations", o."Type", o."Version", o."Website" FROM "Organisations" AS o WHERE o."RetiredAt" IS NULL ORDER BY o."Name", o."Id" LIMIT 20 OFFSET 0;
EXPLAIN (ANALYZE, COSTS OFF, SUMMARY ON) SELECT count(*)::int FROM "Organisations" AS o WHERE o."RetiredAt" IS NULL;
EXPLAIN (ANALYZE, COSTS OFF, SUMMARY ON) SELECT count(*)::int FROM "Organisations" AS o WHERE o."RetiredAt" IS NULL;
\echo '-- q=centre: the page, then the count'
EXPLAIN (ANALYZE, COSTS OFF, SUMMARY ON) SELECT o."Id", o."Acronym", o."Address", o."CountriesActive", o."CountryCode", o."Description", o."Name", o."OriginalLanguage", o."PublicEmail", o."PublicPhone", o."RetiredAt", o."Slug", o."TargetGroups", o."ThematicAreas", o."Translations", o."Type", o."Version", o."Website" FROM "Organisations" AS o WHERE o."RetiredAt" IS NULL AND o."SearchText" LIKE '%centre%' ESCAPE '\' ORDER BY o."Name", o."Id" LIMIT 20 OFFSET 0;
EXPLAIN (ANALYZE, COSTS OFF, SUMMARY ON) SELECT o."Id", o."Acronym", o."Address", o."CountriesActive", o."CountryCode", o."Description", o."Name", o."OriginalLanguage", o."PublicEmail", o."PublicPhone", o."RetiredAt", o."Slug", o."TargetGroups", o."ThematicAreas", o."Translations", o."Type", o."Version", o."Website" FROM "Organisations" AS o WHERE o."RetiredAt" IS NULL AND o."SearchText" LIKE '%centre%' ESCAPE '\' ORDER BY o."Name", o."Id" LIMIT 20 OFFSET 0;
EXPLAIN (ANALYZE, COSTS OFF, SUMMARY ON) SELECT count(*)::int FROM "Organisations" AS o WHERE o."RetiredAt" IS NULL AND o."SearchText" LIKE '%centre%' ESCAPE '\';
EXPLAIN (ANALYZE, COSTS OFF, SUMMARY ON) SELECT count(*)::int FROM "Organisations" AS o WHERE o."RetiredAt" IS NULL AND o."SearchText" LIKE '%centre%' ESCAPE '\';
