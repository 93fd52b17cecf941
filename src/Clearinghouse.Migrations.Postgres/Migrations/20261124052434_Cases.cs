using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Clearinghouse.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Cases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CaseAudit",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    Actor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    Action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Detail = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    PreviousHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseAudit", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "CaseNotifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReadAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseNotifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    OwnerOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Gender = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    AgeAtIdentification = table.Column<int>(type: "integer", nullable: true),
                    AgeGroup = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Citizenship = table.Column<List<string>>(type: "text[]", nullable: false),
                    CountryOfExploitation = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    Scope = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FormsOfExploitation = table.Column<string[]>(type: "text[]", nullable: false),
                    LabourSector = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    MethodsOfControl = table.Column<string[]>(type: "text[]", nullable: false),
                    IdentificationChannel = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    IdentifyingOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    IdentifiedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    IdentificationStatus = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    IsChild = table.Column<bool>(type: "boolean", nullable: false),
                    HasDisability = table.Column<bool>(type: "boolean", nullable: false),
                    IsPregnant = table.Column<bool>(type: "boolean", nullable: false),
                    RiskLevel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    WitnessProtection = table.Column<bool>(type: "boolean", nullable: false),
                    GuardianAppointedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    BestInterestAssessmentOn = table.Column<DateOnly>(type: "date", nullable: true),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ClosedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AnonymisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PersonalData = table.Column<byte[]>(type: "bytea", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Cases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Cases_Countries_CountryOfExploitation",
                        column: x => x.CountryOfExploitation,
                        principalTable: "Countries",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Cases_Organisations_IdentifyingOrganisationId",
                        column: x => x.IdentifyingOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Cases_Organisations_OwnerOrganisationId",
                        column: x => x.OwnerOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BreakGlassGrants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    GrantedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BreakGlassGrants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BreakGlassGrants_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CaseConferences",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Participants = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    Decisions = table.Column<byte[]>(type: "bytea", nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseConferences", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseConferences_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CaseExportApprovals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ApprovedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ApprovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UsedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseExportApprovals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseExportApprovals_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CaseIdentifierHashes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseIdentifierHashes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseIdentifierHashes_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseLinkRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FromCaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    ToCaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ToOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseLinkRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseLinkRequests_Cases_FromCaseId",
                        column: x => x.FromCaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CaseLinkRequests_Cases_ToCaseId",
                        column: x => x.ToCaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CaseTeamMembers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseTeamMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseTeamMembers_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CaseTeamMembers_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Consents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Scope = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    GivenOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Organisations = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    Categories = table.Column<string[]>(type: "text[]", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Consents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Consents_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Referrals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProviderOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Service = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SentByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    RespondedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DeclineReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    DeliveredFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    DeliveredTo = table.Column<DateOnly>(type: "date", nullable: true),
                    SharedCategories = table.Column<string[]>(type: "text[]", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Referrals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Referrals_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Referrals_Organisations_ProviderOrganisationId",
                        column: x => x.ProviderOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SopSteps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ResponsibleUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    DoneAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SopSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SopSteps_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConferenceActions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ConferenceId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Description = table.Column<byte[]>(type: "bytea", nullable: true),
                    OwnerUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DoneAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConferenceActions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConferenceActions_CaseConferences_ConferenceId",
                        column: x => x.ConferenceId,
                        principalTable: "CaseConferences",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ConferenceActions_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BreakGlassGrants_CaseId_UserId_ExpiresAt",
                table: "BreakGlassGrants",
                columns: new[] { "CaseId", "UserId", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseAudit_CaseId_Sequence",
                table: "CaseAudit",
                columns: new[] { "CaseId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseConferences_CaseId",
                table: "CaseConferences",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseExportApprovals_CaseId",
                table: "CaseExportApprovals",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseIdentifierHashes_CaseId",
                table: "CaseIdentifierHashes",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseIdentifierHashes_Hash",
                table: "CaseIdentifierHashes",
                column: "Hash");

            migrationBuilder.CreateIndex(
                name: "IX_CaseLinkRequests_FromCaseId",
                table: "CaseLinkRequests",
                column: "FromCaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseLinkRequests_ToCaseId",
                table: "CaseLinkRequests",
                column: "ToCaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseLinkRequests_ToOrganisationId_Status",
                table: "CaseLinkRequests",
                columns: new[] { "ToOrganisationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseNotifications_OrganisationId_ReadAt",
                table: "CaseNotifications",
                columns: new[] { "OrganisationId", "ReadAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_CaseNumber",
                table: "Cases",
                column: "CaseNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Cases_CountryOfExploitation",
                table: "Cases",
                column: "CountryOfExploitation");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_IdentifyingOrganisationId",
                table: "Cases",
                column: "IdentifyingOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_OwnerOrganisationId",
                table: "Cases",
                column: "OwnerOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_State_ClosedOn",
                table: "Cases",
                columns: new[] { "State", "ClosedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseTeamMembers_CaseId_OrganisationId_UserId",
                table: "CaseTeamMembers",
                columns: new[] { "CaseId", "OrganisationId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseTeamMembers_OrganisationId_CaseId",
                table: "CaseTeamMembers",
                columns: new[] { "OrganisationId", "CaseId" });

            migrationBuilder.CreateIndex(
                name: "IX_ConferenceActions_CaseId",
                table: "ConferenceActions",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_ConferenceActions_ConferenceId",
                table: "ConferenceActions",
                column: "ConferenceId");

            migrationBuilder.CreateIndex(
                name: "IX_ConferenceActions_OwnerUserId_DoneAt_DueOn",
                table: "ConferenceActions",
                columns: new[] { "OwnerUserId", "DoneAt", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Consents_CaseId",
                table: "Consents",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_CaseId",
                table: "Referrals",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_ProviderOrganisationId_Status",
                table: "Referrals",
                columns: new[] { "ProviderOrganisationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_SopSteps_CaseId",
                table: "SopSteps",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_SopSteps_ResponsibleUserId_DoneAt_DueOn",
                table: "SopSteps",
                columns: new[] { "ResponsibleUserId", "DoneAt", "DueOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BreakGlassGrants");

            migrationBuilder.DropTable(
                name: "CaseAudit");

            migrationBuilder.DropTable(
                name: "CaseExportApprovals");

            migrationBuilder.DropTable(
                name: "CaseIdentifierHashes");

            migrationBuilder.DropTable(
                name: "CaseLinkRequests");

            migrationBuilder.DropTable(
                name: "CaseNotifications");

            migrationBuilder.DropTable(
                name: "CaseTeamMembers");

            migrationBuilder.DropTable(
                name: "ConferenceActions");

            migrationBuilder.DropTable(
                name: "Consents");

            migrationBuilder.DropTable(
                name: "Referrals");

            migrationBuilder.DropTable(
                name: "SopSteps");

            migrationBuilder.DropTable(
                name: "CaseConferences");

            migrationBuilder.DropTable(
                name: "Cases");
        }
    }
}
