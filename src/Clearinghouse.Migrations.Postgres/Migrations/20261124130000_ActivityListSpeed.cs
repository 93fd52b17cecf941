using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearinghouse.Migrations.Postgres.Migrations
{
    /// <summary>The activities list's indexes for a million activities (ADR 0019, BENCHMARKS.md), outside the EF model.</summary>
    public partial class ActivityListSpeed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Country, area, target group and form filters as array containment ("Countries" @> ARRAY['MD']): one GIN index
            // over the four lists, so that several filters combine inside one bitmap.
            migrationBuilder.Sql(
                """
                CREATE INDEX IF NOT EXISTS "IX_Activities_Lists" ON "Activities" USING gin ("Countries", "ThematicAreas", "TargetGroups", "FormsOfExploitation");
                """);

            // Free text: LIKE '%word%' on the normalised search text, as the directory does.
            migrationBuilder.Sql(
                """
                CREATE INDEX IF NOT EXISTS "IX_Activities_SearchText_Trgm" ON "Activities" USING gin ("SearchText" gin_trgm_ops);
                """);

            // The public list in its order with every column the list filters test except the free text, participants and
            // review state: a page's ids (and a capped count) come from an index-only scan instead of one table row per
            // activity passed over.
            migrationBuilder.Sql(
                """
                CREATE INDEX IF NOT EXISTS "IX_Activities_PublicListCovering" ON "Activities" (("StartDate" IS NULL), "StartDate" DESC, "Id")
                    INCLUDE ("Status", "EndDate", "Countries", "ThematicAreas", "TargetGroups", "FormsOfExploitation")
                    WHERE "ReviewState" = 'Published' AND "RetiredAt" IS NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Activities_PublicListCovering";""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Activities_SearchText_Trgm";""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Activities_Lists";""");
        }
    }
}
