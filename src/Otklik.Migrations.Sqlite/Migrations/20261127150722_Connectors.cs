using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Otklik.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Connectors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReplyTo",
                table: "Messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SourceId",
                table: "Messages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MessageTriage",
                columns: table => new
                {
                    MessageId = table.Column<long>(type: "INTEGER", nullable: false),
                    TriagedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ResponseScore = table.Column<double>(type: "REAL", nullable: true),
                    Threshold = table.Column<double>(type: "REAL", nullable: true),
                    SuggestedTopicId = table.Column<int>(type: "INTEGER", nullable: true),
                    SuggestedLocationId = table.Column<int>(type: "INTEGER", nullable: true),
                    Importance = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Flags = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Exclusion = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessageTriage", x => x.MessageId);
                    table.ForeignKey(
                        name: "FK_MessageTriage_Messages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "Messages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OfficialAccounts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: false),
                    BodyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    ProtectedToken = table.Column<string>(type: "TEXT", nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CheckedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OfficialAccounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OfficialAccounts_Bodies_BodyId",
                        column: x => x.BodyId,
                        principalTable: "Bodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "WatchedSources",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Parameters = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ResponseThreshold = table.Column<double>(type: "REAL", nullable: true),
                    Cursor = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastPollAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastSuccessAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    LastErrorAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    NewestItemAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LeaseUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LeaseOwner = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    CountsDay = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedToday = table.Column<int>(type: "INTEGER", nullable: false),
                    DuplicateToday = table.Column<int>(type: "INTEGER", nullable: false),
                    RejectedToday = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WatchedSources", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Notices_IncidentId",
                table: "Notices",
                column: "IncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_SourceId",
                table: "Messages",
                column: "SourceId");

            migrationBuilder.CreateIndex(
                name: "IX_OfficialAccounts_BodyId",
                table: "OfficialAccounts",
                column: "BodyId");

            migrationBuilder.CreateIndex(
                name: "IX_OfficialAccounts_Channel_ExternalId",
                table: "OfficialAccounts",
                columns: new[] { "Channel", "ExternalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OfficialAccounts_RegionId_State",
                table: "OfficialAccounts",
                columns: new[] { "RegionId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_WatchedSources_RegionId_State",
                table: "WatchedSources",
                columns: new[] { "RegionId", "State" });

            migrationBuilder.AddForeignKey(
                name: "FK_Messages_WatchedSources_SourceId",
                table: "Messages",
                column: "SourceId",
                principalTable: "WatchedSources",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_Notices_Incidents_IncidentId",
                table: "Notices",
                column: "IncidentId",
                principalTable: "Incidents",
                principalColumn: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Messages_WatchedSources_SourceId",
                table: "Messages");

            migrationBuilder.DropForeignKey(
                name: "FK_Notices_Incidents_IncidentId",
                table: "Notices");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "MessageTriage");

            migrationBuilder.DropTable(
                name: "OfficialAccounts");

            migrationBuilder.DropTable(
                name: "WatchedSources");

            migrationBuilder.DropIndex(
                name: "IX_Notices_IncidentId",
                table: "Notices");

            migrationBuilder.DropIndex(
                name: "IX_Messages_SourceId",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "ReplyTo",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "SourceId",
                table: "Messages");
        }
    }
}
