using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearinghouse.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class StatisticsIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Cases_Statistics",
                table: "Cases",
                column: "IdentifiedOn")
                .Annotation("Npgsql:IndexInclude", new[] { "Id", "IdentificationStatus", "Gender", "AgeGroup", "IsChild", "FormsOfExploitation", "LabourSector", "Citizenship", "CountryOfExploitation", "Scope", "IdentificationChannel", "IdentifyingOrganisationId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_Statistics",
                table: "Cases");
        }
    }
}
