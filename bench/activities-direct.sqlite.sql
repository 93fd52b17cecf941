-- The activities inventory's main queries written by hand, timed with .timer (bench/activities.sh prints the labels
-- and the run times). Each is run twice; the first warms the cache.
.timer on
.print "-- list, country MD, page 1 (the order of ActivitySearch)"
SELECT a."Id", a."Title" FROM "Activities" a
WHERE a."ReviewState" = 'Published' AND a."RetiredAt" IS NULL
  AND EXISTS (SELECT 1 FROM "ActivityFacets" f WHERE f."ActivityId" = a."Id" AND f."Key" = 'c:MD')
ORDER BY a."StartDate" IS NULL, a."StartDate" DESC, a."Id" LIMIT 21;
.print "-- list, country MD, page 1 (again)"
SELECT a."Id", a."Title" FROM "Activities" a
WHERE a."ReviewState" = 'Published' AND a."RetiredAt" IS NULL
  AND EXISTS (SELECT 1 FROM "ActivityFacets" f WHERE f."ActivityId" = a."Id" AND f."Key" = 'c:MD')
ORDER BY a."StartDate" IS NULL, a."StartDate" DESC, a."Id" LIMIT 21;
.print "-- gap matrix, any period: activities and budgets per cell and currency"
SELECT f."Key", a."BudgetCurrency", count(*), sum(CAST(a."Budget" AS REAL)) FROM "Activities" a
JOIN "ActivityFacets" f ON f."ActivityId" = a."Id" AND f."Key" LIKE 'x:%'
WHERE a."ReviewState" = 'Published' AND a."RetiredAt" IS NULL AND a."Status" <> 'Cancelled'
GROUP BY f."Key", a."BudgetCurrency";
.print "-- gap matrix, any period (again)"
SELECT f."Key", a."BudgetCurrency", count(*), sum(CAST(a."Budget" AS REAL)) FROM "Activities" a
JOIN "ActivityFacets" f ON f."ActivityId" = a."Id" AND f."Key" LIKE 'x:%'
WHERE a."ReviewState" = 'Published' AND a."RetiredAt" IS NULL AND a."Status" <> 'Cancelled'
GROUP BY f."Key", a."BudgetCurrency";
.print "-- duplicate pre-filter: cells MD × Prevention and MD × ProtectionAndAssistance, overlapping 2024-2025, newest 2,000"
SELECT a."Id" FROM "Activities" a
WHERE a."RetiredAt" IS NULL AND a."MergedIntoId" IS NULL
  AND EXISTS (SELECT 1 FROM "ActivityFacets" f WHERE f."ActivityId" = a."Id" AND f."Key" IN ('x:MD:Prevention', 'x:MD:ProtectionAndAssistance'))
  AND (a."StartDate" IS NULL OR (a."StartDate" <= '2025-12-31' AND (a."EndDate" IS NULL OR a."EndDate" >= '2024-01-01')))
ORDER BY a."StartDate" DESC LIMIT 2000;
