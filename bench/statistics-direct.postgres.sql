-- The GROUP BY that Crosstabs.CaseSql sends for "persons identified, form of exploitation × sex (counted as sex × form, the order the publisher uses), 2020..2025" on
-- PostgreSQL, written out, so bench/statistics.sh can time the plain query beside the application's whole path.
SELECT q.a AS "A", q.b AS "B", COUNT(*) AS "N" FROM (
  SELECT c."Gender" AS a,
         CASE cardinality(c."FormsOfExploitation") WHEN 0 THEN NULL WHEN 1 THEN c."FormsOfExploitation"[1] ELSE 'Multiple' END AS b
  FROM "Cases" c JOIN "Organisations" o ON o."Id" = c."IdentifyingOrganisationId"
  WHERE c."IdentificationStatus" <> 'NotATraffickingCase' AND c."IdentifiedOn" >= DATE '2020-01-01' AND c."IdentifiedOn" <= DATE '2025-12-31'
) q GROUP BY q.a, q.b;
