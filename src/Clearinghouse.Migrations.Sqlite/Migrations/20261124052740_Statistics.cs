using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearinghouse.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Statistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StatisticsDatasets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FirstYear = table.Column<int>(type: "INTEGER", nullable: false),
                    LastYear = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecordCount = table.Column<int>(type: "INTEGER", nullable: false),
                    IsFictitious = table.Column<bool>(type: "INTEGER", nullable: false),
                    ImportedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ImportedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SupersededAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatisticsDatasets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StatisticsRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DatasetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Assisted = table.Column<bool>(type: "INTEGER", nullable: false),
                    Sex = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    AgeGroup = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ChildOrAdult = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    FormOfExploitation = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Sector = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Citizenship = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    CountryOfExploitation = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatisticsRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StatisticsRecords_StatisticsDatasets_DatasetId",
                        column: x => x.DatasetId,
                        principalTable: "StatisticsDatasets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StatisticsDatasets_Sha256",
                table: "StatisticsDatasets",
                column: "Sha256",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StatisticsDatasets_Source_FirstYear_LastYear",
                table: "StatisticsDatasets",
                columns: new[] { "Source", "FirstYear", "LastYear" });

            migrationBuilder.CreateIndex(
                name: "IX_StatisticsRecords_DatasetId_Year",
                table: "StatisticsRecords",
                columns: new[] { "DatasetId", "Year" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StatisticsRecords");

            migrationBuilder.DropTable(
                name: "StatisticsDatasets");
        }
    }
}
