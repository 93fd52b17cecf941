-- Indexes proposed for the directory list on PostgreSQL (see BENCHMARKS.md). NOT part of the schema yet: a migration
-- has to add them. bench/run.sh applies this file by hand to measure them:
--   PROVIDERS=postgres POSTGRES_SETUP_SQL=bench/proposed-indexes.postgres.sql bench/run.sh
-- The query code in src/Clearinghouse/Directory/DirectorySearch.cs already writes its filters in the form each index
-- can answer.

-- 1. The list without filters: its order (Name, Id) and its total (all non-retired organisations) come from this one
--    small index (index-only scan) instead of reading the whole table.
CREATE INDEX "IX_Organisations_Name_Id_Listed" ON "Organisations" ("Name", "Id") WHERE "RetiredAt" IS NULL;

-- 2. q: "SearchText" LIKE '%term%' can use a trigram index. pg_trgm ships with PostgreSQL and is a trusted extension
--    (PostgreSQL 13+): the database owner may create it, no superuser needed.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "IX_Organisations_SearchText_Trgm" ON "Organisations" USING gin ("SearchText" gin_trgm_ops);

-- 3. country: DirectorySearch matches ARRAY['MD'] <@ "CountriesActive" on PostgreSQL, which this index answers
--    (together with the existing IX_Organisations_CountryCode for "CountryCode" = 'MD').
CREATE INDEX "IX_Organisations_CountriesActive" ON "Organisations" USING gin ("CountriesActive");

-- Not a schema change: what autovacuum does soon after the indexes exist (statistics, and the visibility map that
-- index-only scans need). Here so that the measurement does not depend on when autovacuum runs.
VACUUM ANALYZE "Organisations";
