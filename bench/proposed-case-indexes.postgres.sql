-- The case benchmark's proposed fix for the task dashboard page (/cases), measured by hand, not yet a migration.
-- The page lists "the organisation's latest 100 cases" as Visible().OrderByDescending(c => c.CreatedAt).Take(100):
-- PostgreSQL reads every case of the organisation's team (6,000 at 1,000,000 cases), fetches each row from "Cases"
-- and sorts them, 0.2 s warm and seconds cold. With this index the 100 newest team memberships come straight from
-- the index and only their 100 cases are fetched (9 ms cold), if the query asks for them that way (see BENCHMARKS.md).
-- Apply with: POSTGRES_SETUP_SQL=bench/proposed-case-indexes.postgres.sql bench/cases.sh
CREATE INDEX IF NOT EXISTS "IX_CaseTeamMembers_OrganisationId_AddedAt" ON "CaseTeamMembers" ("OrganisationId", "AddedAt");

-- The query it serves (first benchmark worker's organisation):
-- SELECT c."Id", c."CaseNumber", c."State", c."IdentificationStatus" FROM "Cases" AS c
-- WHERE c."Id" IN (SELECT t."CaseId" FROM "CaseTeamMembers" t WHERE t."OrganisationId" = :'org'
--                  ORDER BY t."AddedAt" DESC LIMIT 100)
-- ORDER BY c."CreatedAt" DESC LIMIT 100;
