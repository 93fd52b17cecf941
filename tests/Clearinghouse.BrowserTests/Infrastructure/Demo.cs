namespace Clearinghouse.BrowserTests.Infrastructure;

/// <summary>Records of the demo directory (src/Clearinghouse/Data/Demo/directory.json) that the tests look at.</summary>
internal static class Demo
{
    /// <summary>An OSCE field operation with three focal points (two with partners-only contacts) and two bodies.</summary>
    public static class MissionInKosovo
    {
        public const string Slug = "osce-mission-kosovo";
        public const string Name = "OSCE Mission in Kosovo (OMiK)";
        public const string RussianName = "Миссия ОБСЕ в Косово (OMiK)";
        public const string FocalPoint = "Katarina Lindholm";
        public const string FocalPointDirectPhone = "+999 555 0119";
        public const string FocalPointPersonalEmail = "k.lindholm@example.net";
        public static readonly string[] People = [FocalPoint, "Valdete Krasniqi", "Nenad Ilić"];
        public static readonly string[] Bodies = ["Shelter Co-ordination Group (Pristina shelter)", "Inter-agency Legal Working Group on Trafficking in Persons (Kosovo)"];
    }

    /// <summary>The NGOs based in or working in Moldova.</summary>
    public static readonly string[] MoldovaNgos =
        ["International Catholic Migration Commission", "La Strada International", "La Strada Moldova", "Save the Children International Alliance"];

    public const string NgoLabel = "Non-governmental organisation";
}
