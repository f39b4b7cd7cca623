using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Otklik.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Reports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "IncidentFacts",
                columns: table => new
                {
                    IncidentId = table.Column<long>(type: "INTEGER", nullable: false),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DetectedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    BodyId = table.Column<int>(type: "INTEGER", nullable: true),
                    TopicId = table.Column<int>(type: "INTEGER", nullable: true),
                    TopicGroupId = table.Column<int>(type: "INTEGER", nullable: true),
                    DistrictId = table.Column<int>(type: "INTEGER", nullable: true),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Excluded = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Significant = table.Column<bool>(type: "INTEGER", nullable: false),
                    Routed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Answered = table.Column<bool>(type: "INTEGER", nullable: false),
                    Interim = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReactionMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    Drafts = table.Column<int>(type: "INTEGER", nullable: false),
                    SendBacks = table.Column<int>(type: "INTEGER", nullable: false),
                    Returns = table.Column<int>(type: "INTEGER", nullable: false),
                    Reopened = table.Column<bool>(type: "INTEGER", nullable: false),
                    Findings = table.Column<int>(type: "INTEGER", nullable: false),
                    Breaches = table.Column<int>(type: "INTEGER", nullable: false),
                    RouteEnded = table.Column<int>(type: "INTEGER", nullable: false),
                    RouteLate = table.Column<int>(type: "INTEGER", nullable: false),
                    ReturnEnded = table.Column<int>(type: "INTEGER", nullable: false),
                    ReturnLate = table.Column<int>(type: "INTEGER", nullable: false),
                    AnswerEnded = table.Column<int>(type: "INTEGER", nullable: false),
                    AnswerLate = table.Column<int>(type: "INTEGER", nullable: false),
                    DraftEnded = table.Column<int>(type: "INTEGER", nullable: false),
                    DraftLate = table.Column<int>(type: "INTEGER", nullable: false),
                    ApproveEnded = table.Column<int>(type: "INTEGER", nullable: false),
                    ApproveLate = table.Column<int>(type: "INTEGER", nullable: false),
                    ReviseEnded = table.Column<int>(type: "INTEGER", nullable: false),
                    ReviseLate = table.Column<int>(type: "INTEGER", nullable: false),
                    PublishEnded = table.Column<int>(type: "INTEGER", nullable: false),
                    PublishLate = table.Column<int>(type: "INTEGER", nullable: false),
                    FinalEnded = table.Column<int>(type: "INTEGER", nullable: false),
                    FinalLate = table.Column<int>(type: "INTEGER", nullable: false),
                    CoInputEnded = table.Column<int>(type: "INTEGER", nullable: false),
                    CoInputLate = table.Column<int>(type: "INTEGER", nullable: false),
                    CoApproveEnded = table.Column<int>(type: "INTEGER", nullable: false),
                    CoApproveLate = table.Column<int>(type: "INTEGER", nullable: false),
                    PortalEnded = table.Column<int>(type: "INTEGER", nullable: false),
                    PortalLate = table.Column<int>(type: "INTEGER", nullable: false),
                    ComputedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentFacts", x => x.IncidentId);
                    table.ForeignKey(
                        name: "FK_IncidentFacts_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Leaders",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Position = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    UserId = table.Column<int>(type: "INTEGER", nullable: true),
                    IsGovernor = table.Column<bool>(type: "INTEGER", nullable: false),
                    Signs = table.Column<bool>(type: "INTEGER", nullable: false),
                    Receives = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Leaders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Leaders_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "NotificationPreferences",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Email = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationPreferences", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NotificationPreferences_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ClaimKey = table.Column<string>(type: "TEXT", maxLength: 160, nullable: false),
                    IncidentId = table.Column<long>(type: "INTEGER", nullable: true),
                    ReportId = table.Column<long>(type: "INTEGER", nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReadAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Notifications_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OutgoingMails",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    To = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    ReportId = table.Column<long>(type: "INTEGER", nullable: true),
                    NotificationId = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    ClaimedUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutgoingMails", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReportCursors",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportCursors", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "Oversights",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LeaderId = table.Column<int>(type: "INTEGER", nullable: false),
                    BodyId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Oversights", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Oversights_Bodies_BodyId",
                        column: x => x.BodyId,
                        principalTable: "Bodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Oversights_Leaders_LeaderId",
                        column: x => x.LeaderId,
                        principalTable: "Leaders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReportDocuments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Step = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Clause = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    ClaimKey = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    PeriodFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodTo = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LeaderId = table.Column<int>(type: "INTEGER", nullable: true),
                    NoticeId = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<int>(type: "INTEGER", nullable: true),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    BreachedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SentById = table.Column<int>(type: "INTEGER", nullable: true),
                    SentTo = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReportDocuments_Leaders_LeaderId",
                        column: x => x.LeaderId,
                        principalTable: "Leaders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "ReportFiles",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReportId = table.Column<long>(type: "INTEGER", nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportFiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReportFiles_ReportDocuments_ReportId",
                        column: x => x.ReportId,
                        principalTable: "ReportDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IncidentFacts_RegionId_Day_BodyId_TopicGroupId_DistrictId",
                table: "IncidentFacts",
                columns: new[] { "RegionId", "Day", "BodyId", "TopicGroupId", "DistrictId" });

            migrationBuilder.CreateIndex(
                name: "IX_Leaders_RegionId",
                table: "Leaders",
                column: "RegionId");

            migrationBuilder.CreateIndex(
                name: "IX_Leaders_UserId",
                table: "Leaders",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_NotificationPreferences_UserId_Kind",
                table: "NotificationPreferences",
                columns: new[] { "UserId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_ClaimKey",
                table: "Notifications",
                column: "ClaimKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_UserId_ReadAt_Id",
                table: "Notifications",
                columns: new[] { "UserId", "ReadAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_OutgoingMails_SentAt_Id",
                table: "OutgoingMails",
                columns: new[] { "SentAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Oversights_BodyId",
                table: "Oversights",
                column: "BodyId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Oversights_LeaderId",
                table: "Oversights",
                column: "LeaderId");

            migrationBuilder.CreateIndex(
                name: "IX_ReportDocuments_LeaderId",
                table: "ReportDocuments",
                column: "LeaderId");

            migrationBuilder.CreateIndex(
                name: "IX_ReportDocuments_RegionId_ClaimKey",
                table: "ReportDocuments",
                columns: new[] { "RegionId", "ClaimKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReportDocuments_RegionId_Kind_CreatedAt",
                table: "ReportDocuments",
                columns: new[] { "RegionId", "Kind", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ReportFiles_ReportId",
                table: "ReportFiles",
                column: "ReportId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IncidentFacts");

            migrationBuilder.DropTable(
                name: "NotificationPreferences");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "OutgoingMails");

            migrationBuilder.DropTable(
                name: "Oversights");

            migrationBuilder.DropTable(
                name: "ReportCursors");

            migrationBuilder.DropTable(
                name: "ReportFiles");

            migrationBuilder.DropTable(
                name: "ReportDocuments");

            migrationBuilder.DropTable(
                name: "Leaders");
        }
    }
}
