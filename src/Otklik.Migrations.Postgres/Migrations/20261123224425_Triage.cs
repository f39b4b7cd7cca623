using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Otklik.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Triage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Notices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RegionId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IncidentId = table.Column<long>(type: "bigint", nullable: true),
                    TopicId = table.Column<int>(type: "integer", nullable: true),
                    LocationId = table.Column<int>(type: "integer", nullable: true),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    Baseline = table.Column<double>(type: "double precision", nullable: false),
                    Details = table.Column<string>(type: "text", nullable: true),
                    DedupeKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AcknowledgedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedById = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Triage",
                columns: table => new
                {
                    IncidentId = table.Column<long>(type: "bigint", nullable: false),
                    TriagedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Exclusion = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    TopicLabel = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SuggestedTopicId = table.Column<int>(type: "integer", nullable: true),
                    TopicConfidence = table.Column<double>(type: "double precision", nullable: true),
                    SuggestedLocationId = table.Column<int>(type: "integer", nullable: true),
                    SuggestedBodyId = table.Column<int>(type: "integer", nullable: true),
                    RouteConfidence = table.Column<double>(type: "double precision", nullable: true),
                    AutoRouted = table.Column<bool>(type: "boolean", nullable: false),
                    RepeatOfId = table.Column<long>(type: "bigint", nullable: true),
                    RepeatSimilarity = table.Column<double>(type: "double precision", nullable: true),
                    Importance = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    SociallySignificant = table.Column<bool>(type: "boolean", nullable: false),
                    Flags = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Details = table.Column<string>(type: "text", nullable: true),
                    ConfirmedTopicId = table.Column<int>(type: "integer", nullable: true),
                    ConfirmedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Triage", x => x.IncidentId);
                    table.ForeignKey(
                        name: "FK_Triage_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Notices_DedupeKey",
                table: "Notices",
                column: "DedupeKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notices_RegionId_AcknowledgedAt_CreatedAt",
                table: "Notices",
                columns: new[] { "RegionId", "AcknowledgedAt", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Triage_ConfirmedAt",
                table: "Triage",
                column: "ConfirmedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Notices");

            migrationBuilder.DropTable(
                name: "Triage");
        }
    }
}
