using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearinghouse.Migrations.Sqlite.Migrations
{
    /// <summary>The library's full-text index (SQLite FTS5), kept outside the EF model; see ADR 0008.</summary>
    public partial class LibrarySearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The library's full-text index: an FTS5 table outside the EF model (LibraryIndex writes and reads it).
            // IF NOT EXISTS: databases created before this migration got the table at start-up.
            migrationBuilder.Sql(
                "CREATE VIRTUAL TABLE IF NOT EXISTS library_fts USING fts5(edition_id UNINDEXED, title, meta, body, tokenize = 'porter unicode61 remove_diacritics 2');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS library_fts;");
        }
    }
}
