using System.Globalization;
using System.Reflection;
using Clearinghouse.Directory;

namespace Clearinghouse.Activities.Iati;

/// <summary>
/// The IATI 2.03 code values the import and export use, and how they map to the activity model. Sources are named in
/// SOURCES.md next to this file; the mapping choices are explained in docs/decisions (IATI mapping).
/// </summary>
internal static class IatiCodes
{
    public const string Version = "2.03";

    /// <summary>XML namespace of the few extension attributes the export adds (IATI allows attributes from other namespaces).</summary>
    public const string ExtensionNamespace = "urn:clearinghouse:iati";

    /// <summary>The clearinghouse's own vocabularies (IATI vocabulary 99, "Reporting Organisation"), named by these URIs.</summary>
    public const string VocabularyBase = "urn:clearinghouse:vocabulary:";
    public const string ThematicAreaVocabulary = VocabularyBase + "thematic-area";
    public const string TargetGroupVocabulary = VocabularyBase + "target-group";
    public const string ExploitationVocabulary = VocabularyBase + "form-of-exploitation";
    public const string ScopeVocabulary = VocabularyBase + "scope";

    /// <summary>Tag code (in <see cref="ScopeVocabulary"/>) for activities that address trafficking within one country.</summary>
    public const string InternalTraffickingTag = "InternalTrafficking";

    /// <summary>SectorVocabulary / TagVocabulary 1 (OECD DAC CRS purpose codes, 5-digit) and 99 (Reporting Organisation).</summary>
    public const string DacVocabulary = "1";
    public const string OwnVocabulary = "99";

    /// <summary>ActivityScope: 2 Regional, 3 Multi-national, 4 National.</summary>
    public const string ScopeRegional = "2";
    public const string ScopeMultinational = "3";
    public const string ScopeNational = "4";

    /// <summary>ActivityDateType.</summary>
    public const string PlannedStart = "1";
    public const string ActualStart = "2";
    public const string PlannedEnd = "3";
    public const string ActualEnd = "4";

    /// <summary>TransactionType: 1 Incoming Funds, 2 Outgoing Commitment, 11 Incoming Commitment.</summary>
    public const string IncomingFunds = "1";
    public const string OutgoingCommitment = "2";
    public const string IncomingCommitment = "11";

    /// <summary>BudgetType 1 Original; BudgetStatus 1 Indicative.</summary>
    public const string BudgetOriginal = "1";
    public const string BudgetIndicative = "1";

    /// <summary>RelatedActivityType 5 Third Party: another organisation's report of the same activity.</summary>
    public const string ThirdPartyReport = "5";

    /// <summary>DocumentCategory A12 Activity Web Page.</summary>
    public const string ActivityWebPage = "A12";

    /// <summary>OrganisationType 90 Other: used for the reporting organisation when the configuration names no type.</summary>
    public const string OtherOrganisationType = "90";

    /// <summary>OrganisationRole code of a participant. Partners are implementers in IATI terms (there is no partner role).</summary>
    public static string RoleCode(ParticipantRole role) => role switch
    {
        ParticipantRole.Donor => "1",
        ParticipantRole.Accountable => "2",
        ParticipantRole.Extending => "3",
        _ => "4",
    };

    public static ParticipantRole? Role(string? code) => code?.Trim() switch
    {
        "1" => ParticipantRole.Donor,
        "2" => ParticipantRole.Accountable,
        "3" => ParticipantRole.Extending,
        "4" => ParticipantRole.Implementer,
        _ => null,
    };

    /// <summary>ActivityStatus code: planned 1 (pipeline/identification), ongoing 2 (implementation), completed 4 (closed), cancelled 5.</summary>
    public static string StatusCode(ActivityStatus status) => status switch
    {
        ActivityStatus.Planned => "1",
        ActivityStatus.Ongoing => "2",
        ActivityStatus.Completed => "4",
        _ => "5",
    };

    /// <summary>Reads every ActivityStatus code: 3 (finalisation: the work is done, accounts are being closed) counts as completed, 6 (suspended) as ongoing.</summary>
    public static ActivityStatus? Status(string? code) => code?.Trim() switch
    {
        "1" => ActivityStatus.Planned,
        "2" or "6" => ActivityStatus.Ongoing,
        "3" or "4" => ActivityStatus.Completed,
        "5" => ActivityStatus.Cancelled,
        _ => null,
    };

    /// <summary>OECD DAC purpose code written for each thematic area (areas without one are written only in the clearinghouse's vocabulary).</summary>
    public static IReadOnlyDictionary<ThematicArea, string> DacCodeOfArea => Sectors.Value.Export;

    /// <summary>Thematic area a publisher's DAC purpose code is read as; codes not in the table add no area.</summary>
    public static ThematicArea? AreaOfDacCode(string code) => Sectors.Value.Import.TryGetValue(code.Trim(), out var area) ? area : null;

    private static readonly Lazy<(Dictionary<ThematicArea, string> Export, Dictionary<string, ThematicArea> Import)> Sectors = new(LoadSectors);

    private static (Dictionary<ThematicArea, string>, Dictionary<string, ThematicArea>) LoadSectors()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Clearinghouse.Activities.Iati.dac-sectors.csv")
            ?? throw new InvalidOperationException("The DAC sector table is missing from the assembly.");
        using var reader = new StreamReader(stream);
        using var csv = new CsvHelper.CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var export = new Dictionary<ThematicArea, string>();
        var import = new Dictionary<string, ThematicArea>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var code = csv.GetField("code")!;
            var area = Enum.Parse<ThematicArea>(csv.GetField("thematic_area")!);
            var direction = csv.GetField("direction");
            if (direction is "both" or "export")
            {
                export.TryAdd(area, code);
            }

            if (direction is "both" or "import")
            {
                import.TryAdd(code, area);
            }
        }

        return (export, import);
    }
}
