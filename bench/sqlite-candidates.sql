-- What a fast directory list would take on SQLite, measured by hand (see BENCHMARKS.md). NOT part of the schema, and
-- NOT usable by the current query code: SQLite would need the query changes described in BENCHMARKS.md as well.
-- Run it on a COPY of a generated benchmark database (it adds tables and an index):
--   cp directory.db /tmp/candidates.db && sqlite3 /tmp/candidates.db < bench/sqlite-candidates.sql
-- Each query runs twice: the first run warms the cache; read the second "Run Time" line (user + sys = CPU).
.timer on

.print '== today: the counts the list API runs (the page queries are cheap when the Name index finds 20 rows early)'
.print '-- all'
SELECT COUNT(*) FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL;
SELECT COUNT(*) FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL;
.print '-- q=centre'
SELECT COUNT(*) FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL AND "o"."SearchText" LIKE '%centre%' ESCAPE '\';
SELECT COUNT(*) FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL AND "o"."SearchText" LIKE '%centre%' ESCAPE '\';
.print '-- q=marigold'
SELECT COUNT(*) FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL AND "o"."SearchText" LIKE '%marigold%' ESCAPE '\';
SELECT COUNT(*) FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL AND "o"."SearchText" LIKE '%marigold%' ESCAPE '\';
.print '-- country=MD'
SELECT COUNT(*) FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL AND ("o"."CountryCode" = 'MD' OR 'MD' IN (SELECT "c"."value" FROM json_each("o"."CountriesActive") AS "c"));
SELECT COUNT(*) FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL AND ("o"."CountryCode" = 'MD' OR 'MD' IN (SELECT "c"."value" FROM json_each("o"."CountriesActive") AS "c"));
.print '-- type=Ngo&country=AL (the planner walks IX_Organisations_Type_CountryCode: half the table, row by row)'
SELECT COUNT(*) FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL AND ("o"."CountryCode" = 'AL' OR 'AL' IN (SELECT "c"."value" FROM json_each("o"."CountriesActive") AS "c")) AND "o"."Type" = 'Ngo';
SELECT COUNT(*) FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL AND ("o"."CountryCode" = 'AL' OR 'AL' IN (SELECT "c"."value" FROM json_each("o"."CountriesActive") AS "c")) AND "o"."Type" = 'Ngo';
.print '-- area & targetGroup'
SELECT COUNT(*) FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL AND 'ProtectionAndAssistance' IN (SELECT "t"."value" FROM json_each("o"."ThematicAreas") AS "t") AND 'Children' IN (SELECT "t0"."value" FROM json_each("o"."TargetGroups") AS "t0");
SELECT COUNT(*) FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL AND 'ProtectionAndAssistance' IN (SELECT "t"."value" FROM json_each("o"."ThematicAreas") AS "t") AND 'Children' IN (SELECT "t0"."value" FROM json_each("o"."TargetGroups") AS "t0");

.print '== candidate 1: a covering partial index of the listed organisations with every list filter but the text'
CREATE INDEX "IX_Organisations_Listing" ON "Organisations" ("Name", "Id", "Type", "CountryCode", "CountriesActive", "ThematicAreas", "TargetGroups") WHERE "RetiredAt" IS NULL;
.print '-- all'
SELECT COUNT(*) FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL;
SELECT COUNT(*) FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL;
.print '-- country=MD, matched in the JSON text instead of json_each'
SELECT COUNT(*) FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL AND ("o"."CountryCode" = 'MD' OR instr("o"."CountriesActive", '"MD"') > 0);
SELECT COUNT(*) FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL AND ("o"."CountryCode" = 'MD' OR instr("o"."CountriesActive", '"MD"') > 0);
.print '-- country=MD, json_each as today (the index alone does not help: parsing JSON is the cost)'
SELECT COUNT(*) FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL AND ("o"."CountryCode" = 'MD' OR 'MD' IN (SELECT "c"."value" FROM json_each("o"."CountriesActive") AS "c"));
SELECT COUNT(*) FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL AND ("o"."CountryCode" = 'MD' OR 'MD' IN (SELECT "c"."value" FROM json_each("o"."CountriesActive") AS "c"));
.print '-- type=Ngo&country=AL, instr'
SELECT COUNT(*) FROM "Organisations" AS "o" INDEXED BY "IX_Organisations_Listing" WHERE "o"."RetiredAt" IS NULL AND ("o"."CountryCode" = 'AL' OR instr("o"."CountriesActive", '"AL"') > 0) AND "o"."Type" = 'Ngo';
SELECT COUNT(*) FROM "Organisations" AS "o" INDEXED BY "IX_Organisations_Listing" WHERE "o"."RetiredAt" IS NULL AND ("o"."CountryCode" = 'AL' OR instr("o"."CountriesActive", '"AL"') > 0) AND "o"."Type" = 'Ngo';
.print '-- area & targetGroup, instr'
SELECT COUNT(*) FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL AND instr("o"."ThematicAreas", '"ProtectionAndAssistance"') > 0 AND instr("o"."TargetGroups", '"Children"') > 0;
SELECT COUNT(*) FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL AND instr("o"."ThematicAreas", '"ProtectionAndAssistance"') > 0 AND instr("o"."TargetGroups", '"Children"') > 0;
.print '-- page 1 of type=Ngo&country=AL, instr (walks the index in name order, stops after 20)'
SELECT COUNT(*) FROM (SELECT "o"."Id" FROM "Organisations" AS "o" INDEXED BY "IX_Organisations_Listing" WHERE "o"."RetiredAt" IS NULL AND ("o"."CountryCode" = 'AL' OR instr("o"."CountriesActive", '"AL"') > 0) AND "o"."Type" = 'Ngo' ORDER BY "o"."Name", "o"."Id" LIMIT 20);
SELECT COUNT(*) FROM (SELECT "o"."Id" FROM "Organisations" AS "o" INDEXED BY "IX_Organisations_Listing" WHERE "o"."RetiredAt" IS NULL AND ("o"."CountryCode" = 'AL' OR instr("o"."CountriesActive", '"AL"') > 0) AND "o"."Type" = 'Ngo' ORDER BY "o"."Name", "o"."Id" LIMIT 20);
.print '-- but: q=centre now walks this index and looks up every row (worse than today) unless the query keeps it off'
SELECT COUNT(*) FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL AND "o"."SearchText" LIKE '%centre%' ESCAPE '\';
SELECT COUNT(*) FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL AND "o"."SearchText" LIKE '%centre%' ESCAPE '\';

.print '== candidate 2: an FTS5 trigram table for q, keyed by the organisation Id (the table has no stable integer'
.print '   rowid: VACUUM may renumber it, so an external-content table on rowid is not safe). Kept in step by triggers'
.print '   on insert/update of Organisations in the real migration; filled once here.'
CREATE VIRTUAL TABLE "OrganisationSearch" USING fts5("SearchText", "OrganisationId" UNINDEXED, tokenize = 'trigram');
INSERT INTO "OrganisationSearch" ("SearchText", "OrganisationId") SELECT "SearchText", "Id" FROM "Organisations";
.print '-- q=centre'
SELECT COUNT(*) FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL AND "o"."Id" IN (SELECT "OrganisationId" FROM "OrganisationSearch" WHERE "OrganisationSearch" MATCH '"centre"');
SELECT COUNT(*) FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL AND "o"."Id" IN (SELECT "OrganisationId" FROM "OrganisationSearch" WHERE "OrganisationSearch" MATCH '"centre"');
.print '-- q=child protection'
SELECT COUNT(*) FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL AND "o"."Id" IN (SELECT "OrganisationId" FROM "OrganisationSearch" WHERE "OrganisationSearch" MATCH '"child" AND "protection"');
SELECT COUNT(*) FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL AND "o"."Id" IN (SELECT "OrganisationId" FROM "OrganisationSearch" WHERE "OrganisationSearch" MATCH '"child" AND "protection"');
.print '-- q=marigold'
SELECT COUNT(*) FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL AND "o"."Id" IN (SELECT "OrganisationId" FROM "OrganisationSearch" WHERE "OrganisationSearch" MATCH '"marigold"');
SELECT COUNT(*) FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL AND "o"."Id" IN (SELECT "OrganisationId" FROM "OrganisationSearch" WHERE "OrganisationSearch" MATCH '"marigold"');
.print '-- q=надежда'
SELECT COUNT(*) FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL AND "o"."Id" IN (SELECT "OrganisationId" FROM "OrganisationSearch" WHERE "OrganisationSearch" MATCH '"надежда"');
SELECT COUNT(*) FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL AND "o"."Id" IN (SELECT "OrganisationId" FROM "OrganisationSearch" WHERE "OrganisationSearch" MATCH '"надежда"');
.print '-- page 1 of q=centre'
SELECT COUNT(*) FROM (SELECT "o"."Id" FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL AND "o"."Id" IN (SELECT "OrganisationId" FROM "OrganisationSearch" WHERE "OrganisationSearch" MATCH '"centre"') ORDER BY "o"."Name", "o"."Id" LIMIT 20);
SELECT COUNT(*) FROM (SELECT "o"."Id" FROM "Organisations" AS "o" WHERE "o"."RetiredAt" IS NULL AND "o"."Id" IN (SELECT "OrganisationId" FROM "OrganisationSearch" WHERE "OrganisationSearch" MATCH '"centre"') ORDER BY "o"."Name", "o"."Id" LIMIT 20);

.print '== sizes (MiB)'
SELECT "name", round(sum("pgsize") / 1048576.0, 1) FROM "dbstat" WHERE "name" IN ('Organisations', 'IX_Organisations_Listing') OR "name" LIKE 'OrganisationSearch%' GROUP BY "name";
