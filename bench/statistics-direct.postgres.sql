-- The GROUP BY that Crosstabs.CaseSql sends for "persons identified, form of exploitation × sex (counted as sex × form, the order the publisher uses), 2020..2025" on
-- PostgreSQL, written out, so bench/statistics.sh can time the plain query beside the application's whole path.
SELECT q.d0, q.d1, COUNT(*) AS n FROM (
  SELECT c."Gender" AS d0,
         CASE cardinality(c."FormsOfExploitation") WHEN 0 THEN NULL WHEN 1 THEN c."FormsOfExploitation"[1] ELSE 'Multiple' END AS d1
  FROM "Cases" c
  WHERE c."IdentificationStatus" <> 'NotATraffickingCase' AND c."IdentifiedOn" >= DATE '2020-01-01' AND c."IdentifiedOn" <= DATE '2025-12-31'
) q GROUP BY q.d0, q.d1;
