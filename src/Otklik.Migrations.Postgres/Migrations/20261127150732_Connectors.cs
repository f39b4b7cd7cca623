using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Otklik.Migrations.Postgres.Migrations
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
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SourceId",
                table: "Messages",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MessageTriage",
                columns: table => new
                {
                    MessageId = table.Column<long>(type: "bigint", nullable: false),
                    TriagedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ResponseScore = table.Column<double>(type: "double precision", nullable: true),
                    Threshold = table.Column<double>(type: "double precision", nullable: true),
                    SuggestedTopicId = table.Column<int>(type: "integer", nullable: true),
                    SuggestedLocationId = table.Column<int>(type: "integer", nullable: true),
                    Importance = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Flags = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Exclusion = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RegionId = table.Column<int>(type: "integer", nullable: false),
                    BodyId = table.Column<int>(type: "integer", nullable: false),
                    Channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ExternalId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Url = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    ProtectedToken = table.Column<string>(type: "text", nullable: true),
                    State = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CheckedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RegionId = table.Column<int>(type: "integer", nullable: false),
                    Channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Parameters = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    State = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ResponseThreshold = table.Column<double>(type: "double precision", nullable: true),
                    Cursor = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastPollAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastSuccessAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    LastErrorAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    NewestItemAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LeaseUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LeaseOwner = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    CountsDay = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedToday = table.Column<int>(type: "integer", nullable: false),
                    DuplicateToday = table.Column<int>(type: "integer", nullable: false),
                    RejectedToday = table.Column<int>(type: "integer", nullable: false)
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
