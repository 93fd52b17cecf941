using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearinghouse.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CaseIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_CaseTeamMembers_OrganisationId_AddedAt",
                table: "CaseTeamMembers",
                columns: new[] { "OrganisationId", "AddedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CaseTeamMembers_OrganisationId_AddedAt",
                table: "CaseTeamMembers");
        }
    }
}
