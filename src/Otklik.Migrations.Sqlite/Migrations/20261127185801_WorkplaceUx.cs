using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Otklik.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class WorkplaceUx : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Notices_RegionId_AcknowledgedAt_CreatedAt",
                table: "Notices");

            migrationBuilder.DropColumn(
                name: "AcknowledgedAt",
                table: "Notices");

            migrationBuilder.DropColumn(
                name: "AcknowledgedById",
                table: "Notices");

            migrationBuilder.AddColumn<string>(
                name: "SearchStems",
                table: "Messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "NoticeReads",
                columns: table => new
                {
                    NoticeId = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReadAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NoticeReads", x => new { x.NoticeId, x.UserId });
                    table.ForeignKey(
                        name: "FK_NoticeReads_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_NoticeReads_Notices_NoticeId",
                        column: x => x.NoticeId,
                        principalTable: "Notices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Notices_RegionId_CreatedAt",
                table: "Notices",
                columns: new[] { "RegionId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_NoticeReads_UserId",
                table: "NoticeReads",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NoticeReads");

            migrationBuilder.DropIndex(
                name: "IX_Notices_RegionId_CreatedAt",
                table: "Notices");

            migrationBuilder.DropColumn(
                name: "SearchStems",
                table: "Messages");

            migrationBuilder.AddColumn<DateTime>(
                name: "AcknowledgedAt",
                table: "Notices",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AcknowledgedById",
                table: "Notices",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notices_RegionId_AcknowledgedAt_CreatedAt",
                table: "Notices",
                columns: new[] { "RegionId", "AcknowledgedAt", "CreatedAt" });
        }
    }
}
