using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearinghouse.Migrations.Postgres.Migrations
{
    /// <summary>
    /// The library's search rows (ADR 0023): what a search filters, sorts and counts facets by — retired, access level,
    /// title key, type, language, year, date, themes, countries, audiences, publisher — copied into library_search from
    /// the edition and its work (LibraryIndex.UpdateAsync keeps them), with indexes on the title key, in date order, by
    /// type in date order and on the lists; and the head's word pairs (head_pairs, with a GIN index) that let a phrase
    /// search look up the documents holding its words side by side. Raw SQL: library_search is outside the EF model (ADR 0008). Rows not yet filled are restricted.
    /// </summary>
    public partial class LibrarySearchRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The row's values are LibraryIndex.RowValues. The head vector is kept in the row (storage MAIN) instead of
            // being moved out to the TOAST table with the whole text's: a search reads it for every row it tests (four
            // page reads a row instead of a fraction of one). "head || ''" writes each existing head anew, in the row.
            migrationBuilder.Sql(
                """
                CREATE OR REPLACE FUNCTION library_pairs(v tsvector) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                    WITH t AS (SELECT u.lexeme, p FROM unnest(v) AS u(lexeme, positions, weights), unnest(u.positions) AS p)
                    SELECT coalesce(array_to_tsvector(array_agg(DISTINCT a.lexeme || ' ' || b.lexeme)), ''::tsvector)
                    FROM t a JOIN t b ON b.p = a.p + 1
                $$;
                CREATE OR REPLACE FUNCTION library_phrase_pairs(phrases text[]) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                    WITH per_phrase(q) AS (
                        SELECT (SELECT CASE WHEN bool_and(c.q IS NOT NULL) THEN '(' || string_agg('(' || c.q || ')', ' | ') || ')' END
                                FROM (SELECT (SELECT string_agg(quote_literal(l), ' & ') FROM unnest(tsvector_to_array(library_pairs(to_tsvector(config, ph)))) AS l) AS q
                                      FROM unnest(ARRAY['english', 'russian', 'simple']::regconfig[]) AS config) c)
                        FROM unnest(phrases) AS ph)
                    SELECT string_agg(q, ' & ')::tsquery FROM per_phrase WHERE q IS NOT NULL
                $$;
                ALTER TABLE library_search
                    ADD COLUMN IF NOT EXISTS retired boolean NOT NULL DEFAULT false,
                    ADD COLUMN IF NOT EXISTS access_level text NOT NULL DEFAULT 'Restricted',
                    ADD COLUMN IF NOT EXISTS title_key text NOT NULL DEFAULT '',
                    ADD COLUMN IF NOT EXISTS type text NOT NULL DEFAULT 'Other',
                    ADD COLUMN IF NOT EXISTS language text NOT NULL DEFAULT '',
                    ADD COLUMN IF NOT EXISTS year integer,
                    ADD COLUMN IF NOT EXISTS published date,
                    ADD COLUMN IF NOT EXISTS themes text[] NOT NULL DEFAULT '{}',
                    ADD COLUMN IF NOT EXISTS countries text[] NOT NULL DEFAULT '{}',
                    ADD COLUMN IF NOT EXISTS audiences text[] NOT NULL DEFAULT '{}',
                    ADD COLUMN IF NOT EXISTS publisher_id uuid,
                    ADD COLUMN IF NOT EXISTS head_pairs tsvector NOT NULL DEFAULT ''::tsvector;
                ALTER TABLE library_search ALTER COLUMN head SET STORAGE MAIN;
                UPDATE library_search s
                SET head = s.head || ''::tsvector, head_pairs = library_pairs(s.head),
                    retired = (e."RetiredAt" IS NOT NULL OR w."RetiredAt" IS NOT NULL), access_level = w."AccessLevel", title_key = e."TitleKey",
                    type = w."Type", language = e."Language", year = w."PublicationYear", published = w."PublicationDate",
                    themes = w."Themes", countries = w."Countries", audiences = w."Audiences", publisher_id = w."PublisherId"
                FROM "LibraryEditions" e JOIN "LibraryWorks" w ON w."Id" = e."WorkId"
                WHERE e."Id" = s.edition_id;
                CREATE INDEX IF NOT EXISTS library_search_title_key ON library_search (title_key);
                CREATE INDEX IF NOT EXISTS library_search_date ON library_search (year DESC NULLS LAST, published DESC NULLS LAST, edition_id DESC);
                CREATE INDEX IF NOT EXISTS library_search_type_date ON library_search (type, year DESC NULLS LAST, published DESC NULLS LAST, edition_id DESC);
                CREATE INDEX IF NOT EXISTS library_search_lists ON library_search USING GIN (countries, themes, audiences);
                CREATE INDEX IF NOT EXISTS library_search_head_pairs ON library_search USING GIN (head_pairs);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                DROP INDEX IF EXISTS library_search_head_pairs;
                DROP INDEX IF EXISTS library_search_lists;
                DROP INDEX IF EXISTS library_search_type_date;
                DROP INDEX IF EXISTS library_search_date;
                ALTER TABLE library_search ALTER COLUMN head SET STORAGE EXTENDED;
                DROP INDEX IF EXISTS library_search_title_key;
                ALTER TABLE library_search DROP COLUMN IF EXISTS retired, DROP COLUMN IF EXISTS access_level, DROP COLUMN IF EXISTS title_key,
                    DROP COLUMN IF EXISTS type, DROP COLUMN IF EXISTS language, DROP COLUMN IF EXISTS year, DROP COLUMN IF EXISTS published,
                    DROP COLUMN IF EXISTS themes, DROP COLUMN IF EXISTS countries, DROP COLUMN IF EXISTS audiences, DROP COLUMN IF EXISTS publisher_id,
                    DROP COLUMN IF EXISTS head_pairs;
                DROP FUNCTION IF EXISTS library_phrase_pairs(text[]);
                DROP FUNCTION IF EXISTS library_pairs(tsvector);
                """);
        }
    }
}
