using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearinghouse.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReferralService : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ServiceId",
                table: "Referrals",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_ServiceId",
                table: "Referrals",
                column: "ServiceId");

            migrationBuilder.AddForeignKey(
                name: "FK_Referrals_Services_ServiceId",
                table: "Referrals",
                column: "ServiceId",
                principalTable: "Services",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Referrals_Services_ServiceId",
                table: "Referrals");

            migrationBuilder.DropIndex(
                name: "IX_Referrals_ServiceId",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "ServiceId",
                table: "Referrals");
        }
    }
}
