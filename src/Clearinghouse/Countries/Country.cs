namespace Clearinghouse.Countries;

/// <summary>
/// A country or territory, keyed by its ISO 3166-1 alpha-2 code. Territories that the region's
/// documents discuss on their own (Kosovo, user-assigned code XK) are listed without a position on status.
/// </summary>
internal sealed class Country
{
    public required string Code { get; set; }

    public required string Alpha3 { get; set; }

    public string? NumericCode { get; set; }

    public required string NameEn { get; set; }

    public required string NameRu { get; set; }

    public OsceStatus OsceStatus { get; set; }

    public required string Region { get; set; }

    public string Name(string language) => language == "ru" ? NameRu : NameEn;
}

internal enum OsceStatus
{
    None,
    ParticipatingState,
    PartnerForCooperation,
}
