using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearinghouse.Migrations.Postgres.Migrations
{
    /// <summary>The duplicate finder's index for a million activities (BENCHMARKS.md, "Activities inventory"), outside the EF model.</summary>
    public partial class ActivityDuplicateIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // DuplicateFinder reads the id and title of every activity in the new one's country × area cells whose period
            // overlaps: thousands of activities found through the facet index. With the dates, review state and title in
            // this index each is an index-only look-up instead of a visit to its row in the table. An INCLUDE index, partial
            // to activities neither retired nor merged: EF Core's model cannot describe it.
            migrationBuilder.Sql(
                """
                CREATE INDEX IF NOT EXISTS "IX_Activities_DuplicateProbe" ON "Activities" ("Id") INCLUDE ("StartDate", "EndDate", "ReviewState", "Title")
                    WHERE "RetiredAt" IS NULL AND "MergedIntoId" IS NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Activities_DuplicateProbe";""");
        }
    }
}
