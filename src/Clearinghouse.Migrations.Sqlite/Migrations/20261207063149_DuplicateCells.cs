using System;
using Cells = Clearinghouse.Activities.Duplicates.DuplicateCells;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearinghouse.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DuplicateCells : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ActivityDuplicateCells",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    ActivityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    IsPublished = table.Column<bool>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivityDuplicateCells", x => new { x.ActivityId, x.Key });
                    table.ForeignKey(
                        name: "FK_ActivityDuplicateCells_Activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ActivityParticipants_NameOnly",
                table: "ActivityParticipants",
                columns: new[] { "ActivityId", "Role", "Name" },
                filter: "\"OrganisationId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ActivityDuplicateCells_Read",
                table: "ActivityDuplicateCells",
                columns: new[] { "Key", "StartDate" });

            // The cells are kept by triggers (ADR 0024); the activities already stored get theirs now.
            migrationBuilder.Sql(Cells.SqliteTrigger);
            migrationBuilder.Sql(Cells.SqliteRebuild);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Cells.SqliteDropTrigger);

            migrationBuilder.DropTable(
                name: "ActivityDuplicateCells");

            migrationBuilder.DropIndex(
                name: "IX_ActivityParticipants_NameOnly",
                table: "ActivityParticipants");
        }
    }
}
