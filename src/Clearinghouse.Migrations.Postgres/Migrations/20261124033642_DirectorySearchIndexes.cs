using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearinghouse.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DirectorySearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_CountriesActive",
                table: "Organisations",
                column: "CountriesActive")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_Name_Id_Listed",
                table: "Organisations",
                columns: new[] { "Name", "Id" },
                filter: "\"RetiredAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_SearchText_Trgm",
                table: "Organisations",
                column: "SearchText")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_TargetGroups",
                table: "Organisations",
                column: "TargetGroups")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_ThematicAreas",
                table: "Organisations",
                column: "ThematicAreas")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Organisations_CountriesActive",
                table: "Organisations");

            migrationBuilder.DropIndex(
                name: "IX_Organisations_Name_Id_Listed",
                table: "Organisations");

            migrationBuilder.DropIndex(
                name: "IX_Organisations_SearchText_Trgm",
                table: "Organisations");

            migrationBuilder.DropIndex(
                name: "IX_Organisations_TargetGroups",
                table: "Organisations");

            migrationBuilder.DropIndex(
                name: "IX_Organisations_ThematicAreas",
                table: "Organisations");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
