using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearinghouse.Migrations.Postgres.Migrations
{
    /// <summary>The library's full-text index (PostgreSQL tsvector + GIN), kept outside the EF model; see ADR 0008.</summary>
    public partial class LibrarySearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The library's full-text index: a tsvector per language version with a GIN index, outside the EF model
            // (LibraryIndex writes and reads it). IF NOT EXISTS: databases created before this migration got it at start-up.
            migrationBuilder.Sql(
                """
                CREATE TABLE IF NOT EXISTS library_search (
                    edition_id uuid PRIMARY KEY REFERENCES "LibraryEditions" ("Id"),
                    config regconfig NOT NULL,
                    meta text NOT NULL,
                    body text NOT NULL,
                    document tsvector NOT NULL);
                CREATE INDEX IF NOT EXISTS library_search_document ON library_search USING GIN (document);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS library_search;");
        }
    }
}
