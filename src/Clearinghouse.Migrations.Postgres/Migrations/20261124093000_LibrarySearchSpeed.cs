using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearinghouse.Migrations.Postgres.Migrations
{
    /// <summary>
    /// The library's search "head": a small tsvector of the title, metadata and opening text of each language
    /// version, with a GIN index, so that a search ranks and pre-selects candidates without reading the whole
    /// text's tsvector (ADR 0016). Raw SQL: library_search is outside the EF model (ADR 0008).
    /// </summary>
    public partial class LibrarySearchSpeed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The same expression as LibraryIndex.UpdateAsync (LibraryIndex.HeadCharacters = 4000).
            migrationBuilder.Sql(
                """
                ALTER TABLE library_search ADD COLUMN IF NOT EXISTS head tsvector NOT NULL DEFAULT ''::tsvector;
                UPDATE library_search s
                SET head = setweight(to_tsvector(s.config, e."Title"), 'A')
                        || setweight(to_tsvector(s.config, s.meta), 'B')
                        || setweight(to_tsvector(s.config, left(s.body, 4000)), 'C')
                FROM "LibraryEditions" e
                WHERE e."Id" = s.edition_id;
                CREATE INDEX IF NOT EXISTS library_search_head ON library_search USING GIN (head);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS library_search_head; ALTER TABLE library_search DROP COLUMN IF EXISTS head;");
        }
    }
}
