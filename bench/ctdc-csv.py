#!/usr/bin/env python3
"""Writes an invented record-level CSV in the layout of the CTDC global synthetic dataset, for bench/statistics.sh.

  bench/ctdc-csv.py ROWS FILE [SEED]

The columns are the CTDC ones (yearOfRegistration, Datasource, gender, ageBroad, majorityStatus, ... citizenship,
CountryOfExploitation, the meansOfControl*, is*Exploit and typeOfLabour* flags, recruiterRelation*); -99 marks an
unknown value as in the CTDC file. Every value is invented from the seed: no person exists.
"""
import random
import sys

MEANS = ["DebtBondage", "TakesEarnings", "RestrictsFinancialAccess", "Threats", "PsychologicalAbuse", "PhysicalAbuse",
         "SexualAbuse", "FalsePromises", "PsychoactiveSubstances", "RestrictsMovement", "RestrictsMedicalCare",
         "ExcessiveWorkingHours", "UsesChildren", "ThreatOfLawEnforcement", "WithholdsNecessities", "WithholdsDocuments",
         "Other", "NotSpecified"]
FORMS = ["isForcedLabour", "isSexualExploit", "isOtherExploit", "isSexAndLabour", "isForcedMarriage", "isForcedMilitary",
         "isOrganRemoval", "isSlaveryAndPractices"]
LABOUR = ["Agriculture", "Aquafarming", "Begging", "Construction", "DomesticWork", "Hospitality", "Illicit", "Manufacturing",
          "MiningOrDrilling", "Peddling", "Transportation", "Other", "NotSpecified"]
RECRUITER = ["IntimatePartner", "Friend", "Family", "Other", "Unknown"]
AGES = ["0--8", "9--17", "18--20", "21--23", "24--26", "27--29", "30--38", "39--47", "48+", "-99"]
ORIGINS = ["MD", "UA", "RO", "AL", "XK", "RS", "BA", "MK", "BG", "KZ", "UZ", "TJ", "KG", "GE", "AM", "MN", "PH", "ID", "VN", "NG"]
DESTINATIONS = ["DE", "IT", "TR", "GR", "PL", "RS", "XK", "AT", "FR", "GB", "RU", "KZ", "ES", "NL", "US", "AE"]


def main():
    rows, path = int(sys.argv[1]), sys.argv[2]
    rnd = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 11)
    header = (["yearOfRegistration", "Datasource", "gender", "ageBroad", "majorityStatus", "majorityStatusAtExploit", "majorityEntry",
               "citizenship", "CountryOfExploitation"] + ["meansOfControl" + m for m in MEANS] + FORMS
              + ["typeOfLabour" + t for t in LABOUR] + ["typeOfSexProstitution", "typeOfSexPornography", "typeOfSexRemoteInteractiveServices",
                                                        "typeOfSexPrivateSexualServices"]
              + ["recruiterRelation" + r for r in RECRUITER])
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(",".join(header) + "\n")
        for _ in range(rows):
            female = rnd.random() < 0.7
            age = AGES[min(len(AGES) - 1, int(rnd.random() * rnd.random() * len(AGES)))]
            minor = "Minor" if age in ("0--8", "9--17") else ("-99" if age == "-99" else "Adult")
            citizenship = ORIGINS[int(rnd.random() * rnd.random() * len(ORIGINS))]
            country = citizenship if rnd.random() < 0.25 else DESTINATIONS[rnd.randrange(len(DESTINATIONS))]
            sexual = 1 if rnd.random() < (0.6 if female else 0.15) else 0
            labour = 1 if not sexual or rnd.random() < 0.05 else 0
            flags = [labour, sexual, 0, 1 if sexual and labour else 0, 1 if rnd.random() < 0.01 else 0, 0, 0, 0]
            row = ([str(2002 + rnd.randrange(22)), "Case Management", "Female" if female else ("Male" if rnd.random() < 0.98 else "-99"), age, minor,
                    minor, "-99", citizenship, country]
                   + [str(int(rnd.random() < 0.15)) for _ in MEANS] + [str(f) for f in flags]
                   + [str(int(labour and rnd.random() < 0.12)) for _ in LABOUR] + [str(int(sexual and rnd.random() < 0.3)) for _ in range(4)]
                   + [str(int(rnd.random() < 0.2)) for _ in RECRUITER])
            out.write(",".join(row) + "\n")


if __name__ == "__main__":
    main()
