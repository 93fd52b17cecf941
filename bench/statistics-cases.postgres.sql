-- Invented cases for the statistics benchmark (bench/statistics.sh): :cases rows, identified evenly over 2020–2025,
-- with the shares of sex, age, form of exploitation and countries skewed the way real registers are (so some
-- cells are small and suppression has work to do). Deterministic: setseed fixes random() for the session.
-- Run with: psql -v cases=1000000 -f bench/statistics-cases.postgres.sql
SELECT setseed(0.42);
SET max_parallel_workers_per_gather = 0;  -- one backend, so the seeded random() sequence is the same every run

WITH orgs AS (SELECT array_agg("Id" ORDER BY "Id") AS ids FROM "Organisations"),
     gen AS (SELECT g, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6 FROM generate_series(1, :cases) g)
INSERT INTO "Cases" ("Id", "CaseNumber", "OwnerOrganisationId", "Gender", "AgeAtIdentification", "AgeGroup", "Citizenship",
    "CountryOfExploitation", "Scope", "FormsOfExploitation", "LabourSector", "MethodsOfControl", "IdentificationChannel",
    "IdentifyingOrganisationId", "IdentifiedOn", "IdentificationStatus", "IsChild", "HasDisability", "IsPregnant", "RiskLevel",
    "WitnessProtection", "State", "CreatedAt", "UpdatedAt", "Version")
SELECT gen_random_uuid(),
       'B-' || lpad(g::text, 10, '0'),
       orgs.ids[1 + (g % array_length(orgs.ids, 1))],
       CASE WHEN r1 < 0.66 THEN 'Feminine' WHEN r1 < 0.97 THEN 'Masculine' WHEN r1 < 0.9995 THEN 'NonSpecifiedUnknown' ELSE 'TransgenderFeminine' END,
       NULL,
       (ARRAY['Age0To11', 'Age12To17', 'Age18To24', 'Age25To34', 'Age35To49', 'Age50Plus', 'Unknown'])[1 + floor(r2 * r2 * 7)::int],
       ARRAY[(ARRAY['MD', 'UA', 'RO', 'AL', 'XK', 'RS', 'BA', 'MK', 'BG', 'KZ', 'UZ', 'TJ', 'KG', 'GE', 'AM', 'MN'])[1 + floor(r3 * r3 * 16)::int]],
       (ARRAY['DE', 'IT', 'TR', 'GR', 'PL', 'RS', 'XK', 'AT', 'FR', 'GB', 'RU', 'KZ', 'ES', 'NL', 'CH', 'IS'])[1 + floor(r4 * r4 * 16)::int],
       CASE WHEN r5 < 0.3 THEN 'Internal' WHEN r5 < 0.98 THEN 'CrossBorder' ELSE 'Unknown' END,
       CASE WHEN r6 < 0.45 THEN ARRAY['SexualExploitation'] WHEN r6 < 0.80 THEN ARRAY['ForcedLabour'] WHEN r6 < 0.88 THEN ARRAY['ForcedBegging']
            WHEN r6 < 0.94 THEN ARRAY['ForcedCriminality'] WHEN r6 < 0.97 THEN ARRAY['SexualExploitation', 'ForcedLabour']
            WHEN r6 < 0.99 THEN ARRAY['ForcedMarriage'] WHEN r6 < 0.99998 THEN ARRAY['Servitude'] ELSE ARRAY['OrganRemoval'] END,
       NULL,
       ARRAY[]::text[],
       (ARRAY['PoliceOperation', 'Hotline', 'NgoOutreach', 'LabourInspection', 'SelfReferral', 'Other'])[1 + (g % 6)],
       orgs.ids[1 + ((g / 7) % array_length(orgs.ids, 1))],
       DATE '2020-01-01' + (g % 2192)::int,
       CASE WHEN g % 10 = 0 THEN 'Presumed' WHEN g % 97 = 0 THEN 'NotATraffickingCase' ELSE 'FormallyIdentified' END,
       r2 * r2 * 7 < 2, false, false, 'NotAssessed', false, 'Open',
       TIMESTAMPTZ '2026-01-01 00:00:00+00', TIMESTAMPTZ '2026-01-01 00:00:00+00', 0
FROM gen, orgs;

ANALYZE "Cases";
SELECT count(*) AS cases FROM "Cases";
