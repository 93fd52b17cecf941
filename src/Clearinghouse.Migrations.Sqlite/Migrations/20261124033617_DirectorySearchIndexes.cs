using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearinghouse.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DirectorySearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The directory's indexes on SQLite (OrganisationIndex in Data/, ADR 0007), outside the EF model:
            // - OrganisationSearch: FTS5 over Organisations.SearchText with the trigram tokenizer (substring search), an
            //   external-content table that stores only the index and reads the text from Organisations by rowid;
            // - OrganisationFacets: FTS5 over each organisation's type, countries, areas and target groups as words
            //   ("typengo countrymd areaprevention groupchildren"), contentless;
            // both kept in step by the triggers below. A later migration that rebuilds the Organisations table (EF does
            // so for column changes SQLite cannot ALTER) drops these triggers and may renumber rowids: it must create the
            // triggers again and end with the two 'rebuild'/re-fill statements of this migration.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "OrganisationSearch" USING fts5("SearchText", content='Organisations', content_rowid='rowid', tokenize='trigram');
                """);
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "OrganisationFacets" USING fts5("Facets", content='', tokenize='unicode61', detail='none');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Organisations_Index_Insert" AFTER INSERT ON "Organisations" BEGIN
                    INSERT INTO "OrganisationSearch"(rowid, "SearchText") VALUES (new.rowid, new."SearchText");
                    INSERT INTO "OrganisationFacets"(rowid, "Facets") VALUES (new.rowid, 'type' || new."Type" || ifnull(' country' || new."CountryCode", '')
                    || ifnull((SELECT ' ' || group_concat('country' || value, ' ') FROM json_each(new."CountriesActive")), '')
                    || ifnull((SELECT ' ' || group_concat('area' || value, ' ') FROM json_each(new."ThematicAreas")), '')
                    || ifnull((SELECT ' ' || group_concat('group' || value, ' ') FROM json_each(new."TargetGroups")), ''));
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Organisations_Index_Delete" AFTER DELETE ON "Organisations" BEGIN
                    INSERT INTO "OrganisationSearch"("OrganisationSearch", rowid, "SearchText") VALUES ('delete', old.rowid, old."SearchText");
                    INSERT INTO "OrganisationFacets"("OrganisationFacets", rowid, "Facets") VALUES ('delete', old.rowid, 'type' || old."Type" || ifnull(' country' || old."CountryCode", '')
                    || ifnull((SELECT ' ' || group_concat('country' || value, ' ') FROM json_each(old."CountriesActive")), '')
                    || ifnull((SELECT ' ' || group_concat('area' || value, ' ') FROM json_each(old."ThematicAreas")), '')
                    || ifnull((SELECT ' ' || group_concat('group' || value, ' ') FROM json_each(old."TargetGroups")), ''));
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Organisations_Index_UpdateText" AFTER UPDATE OF "SearchText" ON "Organisations" BEGIN
                    INSERT INTO "OrganisationSearch"("OrganisationSearch", rowid, "SearchText") VALUES ('delete', old.rowid, old."SearchText");
                    INSERT INTO "OrganisationSearch"(rowid, "SearchText") VALUES (new.rowid, new."SearchText");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Organisations_Index_UpdateFacets" AFTER UPDATE OF "Type", "CountryCode", "CountriesActive", "ThematicAreas", "TargetGroups" ON "Organisations" BEGIN
                    INSERT INTO "OrganisationFacets"("OrganisationFacets", rowid, "Facets") VALUES ('delete', old.rowid, 'type' || old."Type" || ifnull(' country' || old."CountryCode", '')
                    || ifnull((SELECT ' ' || group_concat('country' || value, ' ') FROM json_each(old."CountriesActive")), '')
                    || ifnull((SELECT ' ' || group_concat('area' || value, ' ') FROM json_each(old."ThematicAreas")), '')
                    || ifnull((SELECT ' ' || group_concat('group' || value, ' ') FROM json_each(old."TargetGroups")), ''));
                    INSERT INTO "OrganisationFacets"(rowid, "Facets") VALUES (new.rowid, 'type' || new."Type" || ifnull(' country' || new."CountryCode", '')
                    || ifnull((SELECT ' ' || group_concat('country' || value, ' ') FROM json_each(new."CountriesActive")), '')
                    || ifnull((SELECT ' ' || group_concat('area' || value, ' ') FROM json_each(new."ThematicAreas")), '')
                    || ifnull((SELECT ' ' || group_concat('group' || value, ' ') FROM json_each(new."TargetGroups")), ''));
                END;
                """);
            migrationBuilder.Sql("""
                INSERT INTO "OrganisationSearch"("OrganisationSearch") VALUES ('rebuild');
                """);
            migrationBuilder.Sql("""
                INSERT INTO "OrganisationFacets"(rowid, "Facets") SELECT o.rowid, 'type' || o."Type" || ifnull(' country' || o."CountryCode", '')
                    || ifnull((SELECT ' ' || group_concat('country' || value, ' ') FROM json_each(o."CountriesActive")), '')
                    || ifnull((SELECT ' ' || group_concat('area' || value, ' ') FROM json_each(o."ThematicAreas")), '')
                    || ifnull((SELECT ' ' || group_concat('group' || value, ' ') FROM json_each(o."TargetGroups")), '') FROM "Organisations" AS o;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "Organisations_Index_UpdateFacets";""");
            migrationBuilder.Sql("""DROP TRIGGER "Organisations_Index_UpdateText";""");
            migrationBuilder.Sql("""DROP TRIGGER "Organisations_Index_Delete";""");
            migrationBuilder.Sql("""DROP TRIGGER "Organisations_Index_Insert";""");
            migrationBuilder.Sql("""DROP TABLE "OrganisationFacets";""");
            migrationBuilder.Sql("""DROP TABLE "OrganisationSearch";""");
        }
    }
}
