namespace Clearinghouse.Benchmarks;

/// <summary>
/// Word lists for invented people of the case benchmark. Given names are common ones of the region; family names are
/// built from invented roots and the region's endings, so that about 200,000 name pairs exist: a name recurs in a few
/// cases, as real names do, and the duplicate check meets both single and repeated matches.
/// </summary>
internal static class CaseNames
{
    public static readonly string[] GivenFemale =
    [
        "Ana", "Maria", "Elena", "Irina", "Olga", "Natalia", "Svetlana", "Tatiana", "Oksana", "Larisa", "Doina", "Ioana",
        "Mihaela", "Andreea", "Alina", "Cristina", "Fatime", "Drita", "Blerta", "Arta", "Besa", "Elira", "Mirela", "Jovana",
        "Milica", "Dragana", "Ivana", "Marija", "Snežana", "Vesna", "Gulnara", "Aigerim", "Dilnoza", "Nodira", "Madina",
        "Zarina", "Aizhan", "Nargiza", "Anahit", "Lusine", "Nino", "Tamar", "Eka", "Yulia", "Kateryna", "Halyna", "Daria",
        "Polina", "Sofia", "Viktoria", "Anastasia", "Valentina", "Lyudmila", "Zeynep", "Ayşe", "Emine", "Hana", "Lejla",
        "Amra", "Selma",
    ];

    public static readonly string[] GivenMale =
    [
        "Ion", "Andrei", "Mihai", "Alexandru", "Vasile", "Sergei", "Dmitri", "Oleksandr", "Mykola", "Ivan", "Pavel", "Artem",
        "Bekim", "Arben", "Driton", "Fatmir", "Ilir", "Luan", "Marko", "Nikola", "Stefan", "Miloš", "Dragan", "Goran",
        "Aibek", "Nurlan", "Rustam", "Timur", "Farrukh", "Bakhtiyor", "Azamat", "Erlan", "Arman", "Davit", "Giorgi", "Levan",
        "Tigran", "Hayk", "Emre", "Mehmet", "Kemal", "Adnan", "Emir", "Haris", "Jasmin", "Petar", "Viktor", "Yuriy", "Bohdan",
        "Taras",
    ];

    private static readonly string[] Roots =
    [
        "Mor", "Lun", "Dar", "Ves", "Kor", "Bal", "Tem", "Rus", "Nov", "Grad", "Bel", "Cern", "Sol", "Pol", "Mal", "Dob",
        "Zor", "Krat", "Vin", "Lip", "Bor", "Stan", "Rad", "Mir", "Glin", "Tor", "Hal", "Jas", "Kam", "Lov", "Mar", "Niv",
        "Or", "Pet", "Rov", "Sev", "Tih", "Ul", "Var", "Zel", "Ber", "Dal", "Fil", "Gor", "Ilm", "Jur", "Kol", "Lek", "Mun",
        "Nal", "Osm", "Pav", "Rim", "Sab", "Tur", "Ust", "Vol", "Zag", "Ard", "Bek", "Cel", "Dem", "Erg", "Fer", "Gaz", "Hod",
        "Ism", "Kar", "Lat", "Mes", "Naz", "Ogr", "Pir", "Raf", "Sar", "Tal", "Vel", "Yas", "Zub", "Ak", "Bay", "Dzh", "Khal",
        "Mukh", "Nur", "Sul", "Tash", "Umar", "Yusup", "Zhan", "Abr", "Avet", "Grig", "Hovh", "Kev", "Mkrt", "Sarg", "Ter",
        "Vard", "Beridz", "Gel", "Jap", "Kvar", "Lom", "Mchedl", "Nadar", "Shengel", "Tsiskar",
    ];

    private static readonly string[] Endings =
    [
        "ova", "ov", "enko", "escu", "eanu", "ić", "ović", "aj", "aku", "yan", "idze", "eli", "uk", "chuk", "ski", "ska",
    ];

    public static string Family(Random random) => Roots[random.Next(Roots.Length)] + Endings[random.Next(Endings.Length)];

    public static readonly string[] Cities =
    [
        "Chișinău", "Bălți", "Odesa", "Kharkiv", "Lviv", "Tirana", "Durrës", "Prishtina", "Prizren", "Skopje", "Belgrade",
        "Niš", "Sarajevo", "Tuzla", "Sofia", "Varna", "Bucharest", "Iași", "Almaty", "Shymkent", "Tashkent", "Samarkand",
        "Bishkek", "Osh", "Dushanbe", "Tbilisi", "Batumi", "Yerevan", "Gyumri",
    ];

    public static readonly string[] Streets =
    [
        "Strada Florilor", "Bulevardul Ștefan cel Mare", "Rruga e Kavajës", "Bulevardi Nënë Tereza", "Ulica Kneza Miloša",
        "Vulytsia Shevchenka", "Prospekt Abaya", "Rustaveli Avenue", "Mashtots Avenue", "Ulitsa Lenina", "Ulica Titova",
    ];

    /// <summary>Invented sentences for the narrative; every narrative starts with FICTITIOUS.</summary>
    public static readonly string[] Narrative =
    [
        "Recruited through an online advertisement promising work abroad.",
        "Documents were taken on arrival and never returned.",
        "Worked long hours without pay to repay a debt that kept growing.",
        "Was moved between several cities and not allowed to contact family.",
        "A relative arranged the journey and handed the person over to others.",
        "Was threatened that the family at home would be harmed.",
        "Escaped and asked a stranger for help at a bus station.",
        "Identified during a labour inspection at a construction site.",
        "Called the hotline after seeing a leaflet in a shop.",
        "Was found during a police operation at a roadside bar.",
        "Outreach workers met the person at a market and offered help.",
        "Wages were withheld for months with the promise of payment later.",
        "Was forced to beg in the city centre and hand over all the money.",
        "Was made to carry packages across the border under threat.",
        "Lives now in a shelter and receives psychological support.",
        "Wishes to return home and needs help with travel documents.",
        "Agreed to give a statement to the police with a lawyer present.",
        "Needs medical care for an untreated injury.",
    ];
}
