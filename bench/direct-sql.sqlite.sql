-- The SQL the list API sends (as EF Core logs it, parameters written in) for two kinds of request, to time directly:
--   sqlite3 directory.db < bench/direct-sql.sqlite.sql
-- Each statement runs three times; the first run warms the cache. The rows go to /dev/null, the timings to the screen.
-- The count stops at 1,001 rows (ADR 0007). For q=centre the app first asks the FTS5 table how many rows match (up to
-- 1,001); with more than 1,000 the page walks the name index with LIKE, and the count streams from the FTS5 table.
.timer on
.print '-- all, page 1: the page, then the count'
.output /dev/null
SELECT "o"."Id", "o"."Acronym", "o"."Address", "o"."CountriesActive", "o"."CountryCode", "o"."Description", "o"."Name", "o"."OriginalLanguage", "o"."PublicEmail", "o"."PublicPhone", "o"."RetiredAt", "o"."Slug", "o"."TargetGroups", "o"."ThematicAreas", "o"."Translations", "o"."Type", "o"."Version", "o"."Website" FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL ORDER BY "o"."Name", "o"."Id" LIMIT 20 OFFSET 0;
SELECT "o"."Id", "o"."Acronym", "o"."Address", "o"."CountriesActive", "o"."CountryCode", "o"."Description", "o"."Name", "o"."OriginalLanguage", "o"."PublicEmail", "o"."PublicPhone", "o"."RetiredAt", "o"."Slug", "o"."TargetGroups", "o"."ThematicAreas", "o"."Translations", "o"."Type", "o"."Version", "o"."Website" FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL ORDER BY "o"."Name", "o"."Id" LIMIT 20 OFFSET 0;
SELECT "o"."Id", "o"."Acronym", "o"."Address", "o"."CountriesActive", "o"."CountryCode", "o"."Description", "o"."Name", "o"."OriginalLanguage", "o"."PublicEmail", "o"."PublicPhone", "o"."RetiredAt", "o"."Slug", "o"."TargetGroups", "o"."ThematicAreas", "o"."Translations", "o"."Type", "o"."Version", "o"."Website" FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL ORDER BY "o"."Name", "o"."Id" LIMIT 20 OFFSET 0;
.output stdout
SELECT COUNT(*) FROM (SELECT 1 FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL LIMIT 1001);
SELECT COUNT(*) FROM (SELECT 1 FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL LIMIT 1001);
SELECT COUNT(*) FROM (SELECT 1 FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL LIMIT 1001);
.print '-- q=centre: the FTS5 probe, the page, then the count'
SELECT count(*) AS "Value" FROM (SELECT 1 FROM "OrganisationSearch"('"centre"') LIMIT 1001);
SELECT count(*) AS "Value" FROM (SELECT 1 FROM "OrganisationSearch"('"centre"') LIMIT 1001);
SELECT count(*) AS "Value" FROM (SELECT 1 FROM "OrganisationSearch"('"centre"') LIMIT 1001);
.output /dev/null
SELECT "o"."Id", "o"."Acronym", "o"."Address", "o"."CountriesActive", "o"."CountryCode", "o"."Description", "o"."Name", "o"."OriginalLanguage", "o"."PublicEmail", "o"."PublicPhone", "o"."RetiredAt", "o"."Slug", "o"."TargetGroups", "o"."ThematicAreas", "o"."Translations", "o"."Type", "o"."Version", "o"."Website" FROM (SELECT o.* FROM "Organisations" AS o WHERE o."SearchText" LIKE '%centre%' ESCAPE '\') AS "o" WHERE "o"."RetiredAt" IS NULL ORDER BY "o"."Name", "o"."Id" LIMIT 20 OFFSET 0;
SELECT "o"."Id", "o"."Acronym", "o"."Address", "o"."CountriesActive", "o"."CountryCode", "o"."Description", "o"."Name", "o"."OriginalLanguage", "o"."PublicEmail", "o"."PublicPhone", "o"."RetiredAt", "o"."Slug", "o"."TargetGroups", "o"."ThematicAreas", "o"."Translations", "o"."Type", "o"."Version", "o"."Website" FROM (SELECT o.* FROM "Organisations" AS o WHERE o."SearchText" LIKE '%centre%' ESCAPE '\') AS "o" WHERE "o"."RetiredAt" IS NULL ORDER BY "o"."Name", "o"."Id" LIMIT 20 OFFSET 0;
SELECT "o"."Id", "o"."Acronym", "o"."Address", "o"."CountriesActive", "o"."CountryCode", "o"."Description", "o"."Name", "o"."OriginalLanguage", "o"."PublicEmail", "o"."PublicPhone", "o"."RetiredAt", "o"."Slug", "o"."TargetGroups", "o"."ThematicAreas", "o"."Translations", "o"."Type", "o"."Version", "o"."Website" FROM (SELECT o.* FROM "Organisations" AS o WHERE o."SearchText" LIKE '%centre%' ESCAPE '\') AS "o" WHERE "o"."RetiredAt" IS NULL ORDER BY "o"."Name", "o"."Id" LIMIT 20 OFFSET 0;
.output stdout
SELECT COUNT(*) FROM (SELECT 1 FROM (SELECT o.* FROM "OrganisationSearch"('"centre"') AS f CROSS JOIN "Organisations" AS o ON o.rowid = f.rowid WHERE o."SearchText" LIKE '%centre%' ESCAPE '\') AS "c" WHERE "c"."RetiredAt" IS NULL LIMIT 1001);
SELECT COUNT(*) FROM (SELECT 1 FROM (SELECT o.* FROM "OrganisationSearch"('"centre"') AS f CROSS JOIN "Organisations" AS o ON o.rowid = f.rowid WHERE o."SearchText" LIKE '%centre%' ESCAPE '\') AS "c" WHERE "c"."RetiredAt" IS NULL LIMIT 1001);
SELECT COUNT(*) FROM (SELECT 1 FROM (SELECT o.* FROM "OrganisationSearch"('"centre"') AS f CROSS JOIN "Organisations" AS o ON o.rowid = f.rowid WHERE o."SearchText" LIKE '%centre%' ESCAPE '\') AS "c" WHERE "c"."RetiredAt" IS NULL LIMIT 1001);
