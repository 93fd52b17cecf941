using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearinghouse.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// The library's search rows (ADR 0023): one row per edition whose rowid is its library_fts row's, with what a search
    /// filters, sorts and counts facets by — retired, access level, title key, type, language, year, date, themes,
    /// countries, audiences, publisher — copied from the edition and its work (LibraryIndex.UpdateAsync keeps them), and
    /// an index in date order; and library_fts_head, the FTS5 table of each edition's title, metadata and first 4,000
    /// characters (LibraryIndex.HeadCharacters) under the same rowid, from which snippets are cut. Raw SQL: the full-text tables are outside the EF model (ADR 0008).
    /// </summary>
    public partial class LibrarySearchRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The columns are LibraryIndex.RowColumns and RowValues; the head's text is LibraryIndex.SqliteInsertSql's.
            migrationBuilder.Sql(
                """
                CREATE TABLE IF NOT EXISTS library_search_rows (
                    fts_rowid INTEGER PRIMARY KEY,
                    edition_id TEXT NOT NULL UNIQUE,
                    retired INTEGER NOT NULL DEFAULT 0,
                    access_level TEXT NOT NULL DEFAULT 'Restricted',
                    title_key TEXT NOT NULL DEFAULT '',
                    type TEXT NOT NULL DEFAULT 'Other',
                    language TEXT NOT NULL DEFAULT '',
                    year INTEGER,
                    published TEXT,
                    themes TEXT NOT NULL DEFAULT '[]',
                    countries TEXT NOT NULL DEFAULT '[]',
                    audiences TEXT NOT NULL DEFAULT '[]',
                    publisher_id TEXT);
                INSERT OR REPLACE INTO library_search_rows (rowid, edition_id, retired, access_level, title_key, type, language, year, published, themes, countries, audiences, publisher_id)
                SELECT f.rowid, e."Id", (e."RetiredAt" IS NOT NULL OR w."RetiredAt" IS NOT NULL), w."AccessLevel", e."TitleKey", w."Type", e."Language",
                       w."PublicationYear", w."PublicationDate", w."Themes", w."Countries", w."Audiences", w."PublisherId"
                FROM library_fts f JOIN "LibraryEditions" e ON e."Id" = f.edition_id JOIN "LibraryWorks" w ON w."Id" = e."WorkId";
                CREATE INDEX IF NOT EXISTS library_search_rows_date ON library_search_rows (year DESC, published DESC, edition_id DESC);
                CREATE VIRTUAL TABLE IF NOT EXISTS library_fts_head USING fts5(title, meta, head, tokenize = 'porter unicode61 remove_diacritics 2');
                INSERT INTO library_fts_head (rowid, title, meta, head)
                SELECT f.rowid, f.title, f.meta, substr(f.body, 1, 4000) FROM library_fts f JOIN library_search_rows r ON r.rowid = f.rowid;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS library_fts_head; DROP TABLE IF EXISTS library_search_rows;");
        }
    }
}
