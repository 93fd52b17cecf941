-- The case benchmark's queries directly in SQL (bench/cases.sh runs this after the load; EXPLAIN ANALYZE, warm).
-- The same statements EF Core sends for the case page's audit write, the task dashboard and the duplicate check,
-- for the first benchmark worker (worker-0000-00@bench.example) and its organisation.
SELECT "Id" AS worker, "OrganisationId" AS org FROM "AspNetUsers" WHERE "Email" = 'worker-0000-00@bench.example' \gset
SELECT "Hash" AS hash FROM "CaseIdentifierHashes" WHERE "Kind" = 'NameAndBirthDate' ORDER BY "Id" LIMIT 1 OFFSET 12345 \gset

\echo '-- audit: the chain head the next entry links to (CaseAudit.SaveAsync)'
EXPLAIN ANALYZE SELECT "Sequence", "Hash" FROM "CaseAudit" ORDER BY "Sequence" DESC LIMIT 1;

\echo '-- dashboard: the worker''s open SOP steps due within 14 days, on open cases of the team (CaseTasks.ForMeAsync)'
EXPLAIN ANALYZE SELECT s."CaseId", c."CaseNumber", s."Kind", s."DueOn"
FROM "SopSteps" AS s JOIN "Cases" AS c ON s."CaseId" = c."Id"
WHERE s."ResponsibleUserId" = :'worker' AND s."DoneAt" IS NULL AND s."DueOn" <= current_date + 14
  AND c."State" = 'Open' AND EXISTS (SELECT 1 FROM "CaseTeamMembers" AS t WHERE c."Id" = t."CaseId" AND t."OrganisationId" = :'org')
ORDER BY s."DueOn" LIMIT 200;

\echo '-- dashboard: referrals waiting for the organisation''s answer'
EXPLAIN ANALYZE SELECT count(*) FROM "Referrals" WHERE "ProviderOrganisationId" = :'org' AND "Status" = 'Sent';

\echo '-- dashboard page: the organisation''s latest 100 cases (/cases)'
EXPLAIN ANALYZE SELECT c."Id", c."CaseNumber", c."State", c."IdentificationStatus" FROM "Cases" AS c
WHERE EXISTS (SELECT 1 FROM "CaseTeamMembers" AS t WHERE c."Id" = t."CaseId" AND t."OrganisationId" = :'org')
ORDER BY c."CreatedAt" DESC LIMIT 100;

\echo '-- duplicate check: cases with a matching keyed hash, not on the caller''s team (CaseRegistry.FindDuplicatesAsync)'
EXPLAIN ANALYZE SELECT DISTINCT c."Id", c."OwnerOrganisationId"
FROM "CaseIdentifierHashes" AS h JOIN "Cases" AS c ON h."CaseId" = c."Id"
WHERE h."Hash" = ANY (ARRAY[:'hash', 'ffff', 'eeee']::text[])
  AND NOT EXISTS (SELECT 1 FROM "CaseTeamMembers" AS t WHERE t."CaseId" = c."Id" AND t."OrganisationId" = :'org')
LIMIT 20;
