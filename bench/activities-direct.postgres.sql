-- The activities inventory's main queries written by hand, timed with EXPLAIN ANALYZE (bench/activities.sh prints
-- the "-- " lines and the execution times). Each is run twice; the first warms the cache.
\echo -- list, country MD, page 1 (the order of ActivitySearch)
EXPLAIN ANALYZE SELECT a."Id", a."Title" FROM "Activities" a
WHERE a."ReviewState" = 'Published' AND a."RetiredAt" IS NULL
  AND EXISTS (SELECT 1 FROM "ActivityFacets" f WHERE f."ActivityId" = a."Id" AND f."Key" = 'c:MD')
ORDER BY a."StartDate" IS NULL, a."StartDate" DESC, a."Id" LIMIT 21;
\echo -- list, country MD, page 1 (again)
EXPLAIN ANALYZE SELECT a."Id", a."Title" FROM "Activities" a
WHERE a."ReviewState" = 'Published' AND a."RetiredAt" IS NULL
  AND EXISTS (SELECT 1 FROM "ActivityFacets" f WHERE f."ActivityId" = a."Id" AND f."Key" = 'c:MD')
ORDER BY a."StartDate" IS NULL, a."StartDate" DESC, a."Id" LIMIT 21;
\echo -- gap matrix, any period: activities and budgets per cell and currency
EXPLAIN ANALYZE SELECT f."Key", a."BudgetCurrency", count(*), sum(a."Budget") FROM "Activities" a
JOIN "ActivityFacets" f ON f."ActivityId" = a."Id" AND f."Key" LIKE 'x:%'
WHERE a."ReviewState" = 'Published' AND a."RetiredAt" IS NULL AND a."Status" <> 'Cancelled'
GROUP BY f."Key", a."BudgetCurrency";
\echo -- gap matrix, any period (again)
EXPLAIN ANALYZE SELECT f."Key", a."BudgetCurrency", count(*), sum(a."Budget") FROM "Activities" a
JOIN "ActivityFacets" f ON f."ActivityId" = a."Id" AND f."Key" LIKE 'x:%'
WHERE a."ReviewState" = 'Published' AND a."RetiredAt" IS NULL AND a."Status" <> 'Cancelled'
GROUP BY f."Key", a."BudgetCurrency";
\echo -- duplicate pre-filter: cells MD × Prevention and MD × ProtectionAndAssistance, overlapping 2024-2025, newest 2,000
EXPLAIN ANALYZE SELECT a."Id" FROM "Activities" a
WHERE a."RetiredAt" IS NULL AND a."MergedIntoId" IS NULL
  AND EXISTS (SELECT 1 FROM "ActivityFacets" f WHERE f."ActivityId" = a."Id" AND f."Key" IN ('x:MD:Prevention', 'x:MD:ProtectionAndAssistance'))
  AND (a."StartDate" IS NULL OR (a."StartDate" <= '2025-12-31' AND (a."EndDate" IS NULL OR a."EndDate" >= '2024-01-01')))
ORDER BY a."StartDate" DESC LIMIT 2000;
\echo -- duplicate cells as DuplicateFinder reads them (ADR 0022): MD with Prevention or ProtectionAndAssistance by array overlap, overlapping 2024-2025, every one
EXPLAIN ANALYZE SELECT a."Id", a."Title" FROM "Activities" a
WHERE a."RetiredAt" IS NULL AND a."MergedIntoId" IS NULL
  AND a."Countries" && ARRAY['MD'] AND a."ThematicAreas" && ARRAY['Prevention', 'ProtectionAndAssistance']
  AND (a."StartDate" IS NULL OR (a."StartDate" <= '2025-12-31' AND (a."EndDate" IS NULL OR a."EndDate" >= '2024-01-01')));
\echo -- list, a word in a country and the capped count, first 1,001 ids (ActivitySearch with free text, ADR 0022)
EXPLAIN ANALYZE SELECT a."Id" FROM "Activities" a
WHERE a."SearchText" LIKE '%shelter%' AND a."Countries" @> ARRAY['RS'] AND a."ReviewState" = 'Published' AND a."RetiredAt" IS NULL
ORDER BY a."StartDate" IS NULL, a."StartDate" DESC, a."Id" LIMIT 1001;
