using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearinghouse.Migrations.Postgres.Migrations
{
    /// <summary>
    /// One GIN index over the activities' search text (trigrams) and their four lists instead of one for each, and one over
    /// the areas of regional activities (ADR 0022), outside the EF model.
    /// </summary>
    public partial class ActivityTextAndListsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A word with a country (or an area, a target group, a form) is then one index scan whose result is only the
            // activities matching all of them, instead of two bitmaps of tens of thousands of activities each, ANDed.
            // The index answers any one of the columns alone as the two did.
            migrationBuilder.Sql(
                """
                CREATE INDEX IF NOT EXISTS "IX_Activities_TextAndLists" ON "Activities"
                    USING gin ("SearchText" gin_trgm_ops, "Countries", "ThematicAreas", "TargetGroups", "FormsOfExploitation");
                """);
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Activities_Lists";""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Activities_SearchText_Trgm";""");

            // The duplicate finder's read for a regional activity without countries: regional activities sharing an area,
            // a tenth of the inventory, instead of every activity sharing one of its areas (most of it).
            migrationBuilder.Sql(
                """
                CREATE INDEX IF NOT EXISTS "IX_Activities_RegionalAreas" ON "Activities" USING gin ("ThematicAreas")
                    WHERE "IsRegional" AND "RetiredAt" IS NULL AND "MergedIntoId" IS NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                CREATE INDEX IF NOT EXISTS "IX_Activities_Lists" ON "Activities" USING gin ("Countries", "ThematicAreas", "TargetGroups", "FormsOfExploitation");
                """);
            migrationBuilder.Sql(
                """
                CREATE INDEX IF NOT EXISTS "IX_Activities_SearchText_Trgm" ON "Activities" USING gin ("SearchText" gin_trgm_ops);
                """);
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Activities_TextAndLists";""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Activities_RegionalAreas";""");
        }
    }
}
