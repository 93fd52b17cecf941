using System;
using Cells = Clearinghouse.Activities.Duplicates.DuplicateCells;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearinghouse.Migrations.Postgres.Migrations
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
                    Key = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    ActivityId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: true),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: true),
                    IsPublished = table.Column<bool>(type: "boolean", nullable: false),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
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
                columns: new[] { "Key", "StartDate" })
                .Annotation("Npgsql:IndexInclude", new[] { "EndDate", "IsPublished", "ActivityId", "Title" });

            // The cells are kept by triggers (ADR 0024); the activities already stored get theirs now.
            migrationBuilder.Sql(Cells.PostgresTrigger);

            // Every edit of an activity replaces its rows: vacuumed after 2 % of the table changed (not the default 20 %),
            // so that dead index entries do not pile up and the visibility map lets the finder read from the index alone.
            migrationBuilder.Sql("""
                ALTER TABLE "ActivityDuplicateCells" SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02);
                """);
            migrationBuilder.Sql(Cells.PostgresRebuild);

            // What the finder read before (ADR 0021, ADR 0022): unused now, and every write paid for them.
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS "IX_Activities_DuplicateProbe";
                DROP INDEX IF EXISTS "IX_Activities_RegionalAreas";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Cells.PostgresDropTrigger);
            migrationBuilder.Sql("""
                CREATE INDEX IF NOT EXISTS "IX_Activities_DuplicateProbe" ON "Activities" ("Id") INCLUDE ("StartDate", "EndDate", "ReviewState", "Title")
                    WHERE "RetiredAt" IS NULL AND "MergedIntoId" IS NULL;
                CREATE INDEX IF NOT EXISTS "IX_Activities_RegionalAreas" ON "Activities" USING gin ("ThematicAreas")
                    WHERE "IsRegional" AND "RetiredAt" IS NULL AND "MergedIntoId" IS NULL;
                """);

            migrationBuilder.DropTable(
                name: "ActivityDuplicateCells");

            migrationBuilder.DropIndex(
                name: "IX_ActivityParticipants_NameOnly",
                table: "ActivityParticipants");
        }
    }
}
