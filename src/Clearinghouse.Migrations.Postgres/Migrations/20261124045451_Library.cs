using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearinghouse.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Library : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LibraryWorks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Slug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Themes = table.Column<string[]>(type: "text[]", nullable: false),
                    Countries = table.Column<List<string>>(type: "text[]", nullable: false),
                    Audiences = table.Column<string[]>(type: "text[]", nullable: false),
                    PublisherId = table.Column<Guid>(type: "uuid", nullable: true),
                    PublisherName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    AuthorPersonIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    Authors = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    PublicationDate = table.Column<DateOnly>(type: "date", nullable: true),
                    PublicationYear = table.Column<int>(type: "integer", nullable: true),
                    AccessLevel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RelatedMeetingIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    RelatedActivityIds = table.Column<List<string>>(type: "text[]", nullable: false),
                    Provenance = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    VerificationStatus = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    InForceAsOf = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RetiredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LibraryWorks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LibraryWorks_Organisations_PublisherId",
                        column: x => x.PublisherId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LibraryEditions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkId = table.Column<Guid>(type: "uuid", nullable: false),
                    Language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    TitleKey = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    IsOriginal = table.Column<bool>(type: "boolean", nullable: false),
                    IsOfficialTranslation = table.Column<bool>(type: "boolean", nullable: false),
                    ExternalUrl = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RetiredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LibraryEditions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LibraryEditions_LibraryWorks_WorkId",
                        column: x => x.WorkId,
                        principalTable: "LibraryWorks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LibraryFiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EditionId = table.Column<Guid>(type: "uuid", nullable: false),
                    VersionNumber = table.Column<int>(type: "integer", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    OriginalFileName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    ExtractionStatus = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ExtractionNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ExtractedText = table.Column<string>(type: "text", nullable: true),
                    PageCount = table.Column<int>(type: "integer", nullable: true),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UploadedBy = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LibraryFiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LibraryFiles_LibraryEditions_EditionId",
                        column: x => x.EditionId,
                        principalTable: "LibraryEditions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LibraryEditions_TitleKey",
                table: "LibraryEditions",
                column: "TitleKey");

            migrationBuilder.CreateIndex(
                name: "IX_LibraryEditions_WorkId_Language",
                table: "LibraryEditions",
                columns: new[] { "WorkId", "Language" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LibraryFiles_EditionId_VersionNumber",
                table: "LibraryFiles",
                columns: new[] { "EditionId", "VersionNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LibraryFiles_Sha256",
                table: "LibraryFiles",
                column: "Sha256",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LibraryWorks_AccessLevel_Type",
                table: "LibraryWorks",
                columns: new[] { "AccessLevel", "Type" });

            migrationBuilder.CreateIndex(
                name: "IX_LibraryWorks_CreatedAt",
                table: "LibraryWorks",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_LibraryWorks_PublisherId",
                table: "LibraryWorks",
                column: "PublisherId");

            migrationBuilder.CreateIndex(
                name: "IX_LibraryWorks_Slug",
                table: "LibraryWorks",
                column: "Slug",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LibraryFiles");

            migrationBuilder.DropTable(
                name: "LibraryEditions");

            migrationBuilder.DropTable(
                name: "LibraryWorks");
        }
    }
}
