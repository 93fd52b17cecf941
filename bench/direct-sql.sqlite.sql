-- The SQL the list API sends (as EF Core logs it, parameters written in) for two kinds of request, to time directly:
--   sqlite3 directory.db < bench/direct-sql.sqlite.sql
-- Each statement runs three times; the first run warms the cache. The rows go to /dev/null, the timings to the screen.
.timer on
.print '-- all, page 1: the page, then the count'
.output /dev/null
SELECT "o"."Id", "o"."Acronym", "o"."Address", "o"."CountriesActive", "o"."CountryCode", "o"."Description", "o"."Name", "o"."OriginalLanguage", "o"."PublicEmail", "o"."PublicPhone", "o"."RetiredAt", "o"."Slug", "o"."TargetGroups", "o"."ThematicAreas", "o"."Translations", "o"."Type", "o"."Version", "o"."Website" FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL ORDER BY "o"."Name", "o"."Id" LIMIT 20 OFFSET 0;
SELECT "o"."Id", "o"."Acronym", "o"."Address", "o"."CountriesActive", "o"."CountryCode", "o"."Description", "o"."Name", "o"."OriginalLanguage", "o"."PublicEmail", "o"."PublicPhone", "o"."RetiredAt", "o"."Slug", "o"."TargetGroups", "o"."ThematicAreas", "o"."Translations", "o"."Type", "o"."Version", "o"."Website" FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL ORDER BY "o"."Name", "o"."Id" LIMIT 20 OFFSET 0;
SELECT "o"."Id", "o"."Acronym", "o"."Address", "o"."CountriesActive", "o"."CountryCode", "o"."Description", "o"."Name", "o"."OriginalLanguage", "o"."PublicEmail", "o"."PublicPhone", "o"."RetiredAt", "o"."Slug", "o"."TargetGroups", "o"."ThematicAreas", "o"."Translations", "o"."Type", "o"."Version", "o"."Website" FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL ORDER BY "o"."Name", "o"."Id" LIMIT 20 OFFSET 0;
.output stdout
SELECT COUNT(*) FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL;
SELECT COUNT(*) FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL;
SELECT COUNT(*) FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL;
.print '-- q=centre: the page, then the count'
.output /dev/null
SELECT "o"."Id", "o"."Acronym", "o"."Address", "o"."CountriesActive", "o"."CountryCode", "o"."Description", "o"."Name", "o"."OriginalLanguage", "o"."PublicEmail", "o"."PublicPhone", "o"."RetiredAt", "o"."Slug", "o"."TargetGroups", "o"."ThematicAreas", "o"."Translations", "o"."Type", "o"."Version", "o"."Website" FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL AND "o"."SearchText" LIKE '%centre%' ESCAPE '\' ORDER BY "o"."Name", "o"."Id" LIMIT 20 OFFSET 0;
SELECT "o"."Id", "o"."Acronym", "o"."Address", "o"."CountriesActive", "o"."CountryCode", "o"."Description", "o"."Name", "o"."OriginalLanguage", "o"."PublicEmail", "o"."PublicPhone", "o"."RetiredAt", "o"."Slug", "o"."TargetGroups", "o"."ThematicAreas", "o"."Translations", "o"."Type", "o"."Version", "o"."Website" FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL AND "o"."SearchText" LIKE '%centre%' ESCAPE '\' ORDER BY "o"."Name", "o"."Id" LIMIT 20 OFFSET 0;
SELECT "o"."Id", "o"."Acronym", "o"."Address", "o"."CountriesActive", "o"."CountryCode", "o"."Description", "o"."Name", "o"."OriginalLanguage", "o"."PublicEmail", "o"."PublicPhone", "o"."RetiredAt", "o"."Slug", "o"."TargetGroups", "o"."ThematicAreas", "o"."Translations", "o"."Type", "o"."Version", "o"."Website" FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL AND "o"."SearchText" LIKE '%centre%' ESCAPE '\' ORDER BY "o"."Name", "o"."Id" LIMIT 20 OFFSET 0;
.output stdout
SELECT COUNT(*) FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL AND "o"."SearchText" LIKE '%centre%' ESCAPE '\';
SELECT COUNT(*) FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL AND "o"."SearchText" LIKE '%centre%' ESCAPE '\';
SELECT COUNT(*) FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL AND "o"."SearchText" LIKE '%centre%' ESCAPE '\';
