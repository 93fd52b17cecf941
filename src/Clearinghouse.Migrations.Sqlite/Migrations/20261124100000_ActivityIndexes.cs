using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearinghouse.Migrations.Sqlite.Migrations
{
    /// <summary>The activities inventory's indexes for large inventories (BENCHMARKS.md, "Activities inventory"), outside the EF model.</summary>
    public partial class ActivityIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The public list in its own order (ActivitySearch: newest start first, no start date last, then id), so that
            // a page is read from the top of the index instead of sorting every published activity. An expression index:
            // EF Core's model cannot describe it.
            migrationBuilder.Sql(
                """
                CREATE INDEX IF NOT EXISTS "IX_Activities_PublicListOrder" ON "Activities" ("StartDate" IS NULL, "StartDate" DESC, "Id")
                    WHERE "ReviewState" = 'Published' AND "RetiredAt" IS NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Activities_PublicListOrder";""");
        }
    }
}
