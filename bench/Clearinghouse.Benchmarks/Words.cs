namespace Clearinghouse.Benchmarks;

/// <summary>
/// Word lists for invented organisations. Lists are ordered by how often a word is picked (most common first, see
/// OrganisationFactory), so a query can choose a common word ("centre") or a rare one ("lantern").
/// Every name made from them is invented; any likeness to a real body is chance.
/// </summary>
internal static class Words
{
    public static readonly string[] NgoKinds =
    [
        "Centre", "Association", "Foundation", "Network", "Initiative", "Alliance", "Coalition", "Society", "Union",
        "Forum", "Shelter", "Council", "League", "Institute", "Trust", "Partnership", "Collective", "House",
        "Movement", "Platform",
    ];

    public static readonly string[] Virtues =
    [
        "Hope", "New Life", "Open Door", "Safe Haven", "Horizons", "Freedom", "Dignity", "Bridge", "Light", "Future",
        "Harmony", "Solidarity", "Sunrise", "Compass", "Anchor", "Springboard", "Open Hands", "Second Chance",
        "Good Shepherd", "Blue Heart", "Together", "Wings", "Rainbow", "Home", "Pathways", "Crossroads", "Oasis",
        "Shield", "Beacon", "Keystone", "Harbour", "Meadow", "Willow", "Evergreen", "Kestrel", "Juniper", "Lantern",
        "Quince", "Zephyr", "Marigold",
    ];

    public static readonly string[] Topics =
    [
        "Women's Rights", "Child Protection", "Human Rights", "Migrant Workers", "Victims of Trafficking",
        "Social Inclusion", "Gender Equality", "Legal Aid", "Labour Rights", "Roma Integration", "Civic Education",
        "Family Support", "Youth Development", "Refugee Assistance", "Rule of Law", "Health and Rehabilitation",
        "Community Policing", "Safe Migration", "Survivor Reintegration", "Anti-Corruption", "Minority Rights",
        "Disability Rights", "Street Children", "Domestic Workers", "Seasonal Workers",
    ];

    public static readonly string[] Ministries =
    [
        "Interior", "Internal Affairs", "Justice", "Labour and Social Policy", "Social Protection", "Health",
        "Foreign Affairs", "Education", "Family and Youth", "Economy", "Human Rights and Minorities",
    ];

    public static readonly string[] StateBodies =
    [
        "National Agency", "State Commission", "National Office", "Directorate", "Inspectorate", "National Council",
        "State Agency", "National Commission", "Ombudsperson's Office", "Secretariat",
    ];

    public static readonly string[] PoliceUnits =
    [
        "Border Police", "State Police", "Criminal Police", "Prosecutor's Office", "Financial Police",
        "Migration Police", "Customs Service", "Labour Inspectorate",
    ];

    public static readonly string[] InternationalBodies =
    [
        "International Migration Council", "Regional Labour Rights Office", "European Child Rights Programme",
        "Transnational Justice Office", "International Shelter Network", "Regional Cooperation Council",
        "Global Fund for Survivors", "International Centre for Migration Studies",
    ];

    public static readonly string[] Departments =
    [
        "Human Dimension", "Democratisation", "Rule of Law", "Security Cooperation", "Gender", "Economic and Environmental",
        "Anti-Trafficking", "Police Development",
    ];

    public static readonly string[] RussianKinds =
    [
        "Центр", "Ассоциация", "Фонд", "Общественная организация", "Сеть", "Союз", "Приют", "Инициатива",
    ];

    public static readonly string[] RussianVirtues =
    [
        "Надежда", "Новая жизнь", "Открытые двери", "Свобода", "Достоинство", "Мост", "Будущее", "Гармония",
        "Солидарность", "Рассвет", "Компас", "Якорь", "Крылья", "Радуга", "Маяк", "Родник",
    ];

    public static readonly string[] RussianTopics =
    [
        "правам женщин", "защите детей", "правам человека", "трудовой миграции", "помощи пострадавшим",
        "социальной интеграции", "гендерному равенству", "правовой помощи", "правам мигрантов", "реинтеграции",
    ];

    public static readonly string[] RussianStateBodies =
    [
        "Министерство внутренних дел", "Министерство юстиции", "Министерство труда и социальной защиты",
        "Национальное агентство", "Государственная инспекция труда", "Генеральная прокуратура", "Пограничная служба",
    ];

    public static readonly string[] Services =
    [
        "shelter", "legal aid", "psychological counselling", "medical care", "vocational training", "case management",
        "a hotline", "outreach", "safe accommodation", "interpretation", "family tracing", "school support",
        "job placement", "microgrants", "peer support",
    ];

    public static readonly string[] Groups =
    [
        "women", "children", "migrants", "young people", "survivors", "refugees", "returnees", "Roma families",
        "domestic workers", "seasonal workers", "unaccompanied minors", "people with disabilities", "students",
    ];

    public static readonly string[] Partners =
    [
        "the police", "labour inspectors", "prosecutors", "social services", "schools", "local authorities",
        "embassies", "trade unions", "employers", "health workers", "journalists", "border guards",
    ];

    public static readonly string[] Activities =
    [
        "identification of victims", "referral", "prevention campaigns", "monitoring of recruitment agencies",
        "research on labour exploitation", "training of frontline staff", "legislative review", "data collection",
        "court monitoring", "victim compensation", "return and reintegration", "awareness raising",
    ];

    public static readonly string[] Places =
    [
        "the capital", "rural districts", "border regions", "the northern provinces", "the coastal towns",
        "mountain villages", "industrial cities", "the south", "three regions", "the whole country",
    ];

    public static readonly string[] RussianDescriptions =
    [
        "Организация оказывает правовую и психологическую помощь пострадавшим от торговли людьми, проводит тренинги для полиции и социальных работников и ведёт горячую линию.",
        "Центр работает с женщинами и детьми из групп риска, предоставляет временное убежище, медицинскую помощь и помогает с профессиональным обучением и трудоустройством.",
        "Государственный орган координирует национальный механизм перенаправления, собирает статистику и готовит ежегодный доклад о противодействии торговле людьми.",
        "Сеть объединяет местные организации, проводит информационные кампании в школах и сельских районах и сотрудничает с пограничной службой и инспекцией труда.",
        "Фонд поддерживает программы реинтеграции, выдаёт небольшие гранты и помогает вернувшимся мигрантам найти работу и жильё.",
    ];

    public static readonly string[] GivenNames =
    [
        "Ana", "Elena", "Maria", "Irina", "Olga", "Nino", "Aida", "Sofia", "Leyla", "Marta", "Jana", "Petra", "Vesna",
        "Dina", "Lela", "Amra", "Ivan", "Andrei", "Luka", "Marko", "Arben", "Giorgi", "Timur", "Pavel", "Tomas",
        "Emir", "Nikola", "Daniel", "Artur", "Erik",
    ];

    public static readonly string[] FamilyNames =
    [
        "Novak", "Petrov", "Horvat", "Popescu", "Kovač", "Ivanova", "Shehu", "Beridze", "Aliyeva", "Nowak",
        "Marin", "Stojanov", "Rusu", "Kalnina", "Tamm", "Berg", "Demir", "Hoxha", "Kuznetsova", "Lazarević",
        "Sokolova", "Gashi", "Mamedov", "Varga", "Dvořák",
    ];

    public static readonly string[] RussianGivenNames = ["Анна", "Елена", "Ирина", "Ольга", "Наталья", "Иван", "Андрей", "Сергей", "Дмитрий", "Алексей"];

    public static readonly string[] RussianFamilyNames = ["Иванова", "Петрова", "Смирнова", "Кузнецов", "Попов", "Соколов", "Лебедева", "Козлов", "Новикова", "Морозов"];

    public static readonly string[] JobTitles =
    [
        "Director", "Programme Manager", "Project Coordinator", "Legal Adviser", "Social Worker", "Head of Unit",
        "Senior Inspector", "Case Manager", "Communications Officer", "Researcher", "Chairperson", "Psychologist",
    ];

    public static readonly HashSet<string> SmallWords = new(StringComparer.Ordinal) { "of", "for", "and", "the", "in", "to", "on", "по", "и" };
}
