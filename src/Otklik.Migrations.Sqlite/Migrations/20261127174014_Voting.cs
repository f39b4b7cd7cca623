using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Otklik.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Voting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "VoteEvents",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: false),
                    BodyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ScopeLocationId = table.Column<int>(type: "INTEGER", nullable: true),
                    Verification = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Budget = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    MinChoices = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxChoices = table.Column<int>(type: "INTEGER", nullable: false),
                    WinnersCount = table.Column<int>(type: "INTEGER", nullable: true),
                    PerDistrict = table.Column<bool>(type: "INTEGER", nullable: false),
                    MinAge = table.Column<int>(type: "INTEGER", nullable: true),
                    ProposalsFrom = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReviewFrom = table.Column<DateTime>(type: "TEXT", nullable: true),
                    VotingFrom = table.Column<DateTime>(type: "TEXT", nullable: false),
                    VotingTo = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ResultsDue = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RejectionReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedById = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ApprovedById = table.Column<int>(type: "INTEGER", nullable: true),
                    ApprovedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResultsPublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VoteEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VoteEvents_Bodies_BodyId",
                        column: x => x.BodyId,
                        principalTable: "Bodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SurveyQuestion",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Required = table.Column<bool>(type: "INTEGER", nullable: false),
                    ScaleMin = table.Column<int>(type: "INTEGER", nullable: true),
                    ScaleMax = table.Column<int>(type: "INTEGER", nullable: true),
                    ShowIfQuestion = table.Column<int>(type: "INTEGER", nullable: true),
                    ShowIfOption = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyQuestion", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SurveyQuestion_VoteEvents_EventId",
                        column: x => x.EventId,
                        principalTable: "VoteEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VoteBallot",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<int>(type: "INTEGER", nullable: false),
                    Tracker = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    DistrictId = table.Column<int>(type: "INTEGER", nullable: true),
                    CastOn = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VoteBallot", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VoteBallot_VoteEvents_EventId",
                        column: x => x.EventId,
                        principalTable: "VoteEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VoteCode",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<int>(type: "INTEGER", nullable: false),
                    VoterKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CodeHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    UsedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VoteCode", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VoteCode_VoteEvents_EventId",
                        column: x => x.EventId,
                        principalTable: "VoteEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VoteDeadline",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<int>(type: "INTEGER", nullable: false),
                    Step = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Clause = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FirstWarningAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SecondWarningAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    WarningsRaised = table.Column<int>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Cancelled = table.Column<bool>(type: "INTEGER", nullable: false),
                    BreachedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VoteDeadline", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VoteDeadline_VoteEvents_EventId",
                        column: x => x.EventId,
                        principalTable: "VoteEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VoteDistrict",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<int>(type: "INTEGER", nullable: false),
                    LocationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Budget = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VoteDistrict", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VoteDistrict_VoteEvents_EventId",
                        column: x => x.EventId,
                        principalTable: "VoteEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VoteLog",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Voter = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Client = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    UserId = table.Column<int>(type: "INTEGER", nullable: true),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VoteLog", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VoteLog_VoteEvents_EventId",
                        column: x => x.EventId,
                        principalTable: "VoteEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VoteParticipation",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<int>(type: "INTEGER", nullable: false),
                    VoterKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DistrictId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VoteParticipation", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VoteParticipation_VoteEvents_EventId",
                        column: x => x.EventId,
                        principalTable: "VoteEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VoteProject",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Cost = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    PhotoUrl = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Latitude = table.Column<double>(type: "REAL", nullable: true),
                    Longitude = table.Column<double>(type: "REAL", nullable: true),
                    LocationId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VoteProject", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VoteProject_VoteEvents_EventId",
                        column: x => x.EventId,
                        principalTable: "VoteEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VotePublication",
                columns: table => new
                {
                    EventId = table.Column<int>(type: "INTEGER", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ResultsJson = table.Column<string>(type: "TEXT", nullable: false),
                    BallotFile = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Ballots = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VotePublication", x => x.EventId);
                    table.ForeignKey(
                        name: "FK_VotePublication_VoteEvents_EventId",
                        column: x => x.EventId,
                        principalTable: "VoteEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SurveyOption",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    QuestionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyOption", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SurveyOption_SurveyQuestion_QuestionId",
                        column: x => x.QuestionId,
                        principalTable: "SurveyQuestion",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SurveyAnswer",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BallotId = table.Column<long>(type: "INTEGER", nullable: false),
                    QuestionNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    OptionNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    Value = table.Column<int>(type: "INTEGER", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyAnswer", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SurveyAnswer_VoteBallot_BallotId",
                        column: x => x.BallotId,
                        principalTable: "VoteBallot",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VoteChoice",
                columns: table => new
                {
                    BallotId = table.Column<long>(type: "INTEGER", nullable: false),
                    ProjectNumber = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VoteChoice", x => new { x.BallotId, x.ProjectNumber });
                    table.ForeignKey(
                        name: "FK_VoteChoice_VoteBallot_BallotId",
                        column: x => x.BallotId,
                        principalTable: "VoteBallot",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyAnswer_BallotId",
                table: "SurveyAnswer",
                column: "BallotId");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyOption_QuestionId_Number",
                table: "SurveyOption",
                columns: new[] { "QuestionId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SurveyQuestion_EventId_Number",
                table: "SurveyQuestion",
                columns: new[] { "EventId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VoteBallot_EventId_Tracker",
                table: "VoteBallot",
                columns: new[] { "EventId", "Tracker" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VoteCode_EventId_VoterKey_CreatedAt",
                table: "VoteCode",
                columns: new[] { "EventId", "VoterKey", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_VoteDeadline_CompletedAt_Cancelled_DueAt",
                table: "VoteDeadline",
                columns: new[] { "CompletedAt", "Cancelled", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_VoteDeadline_EventId",
                table: "VoteDeadline",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_VoteDistrict_EventId_LocationId",
                table: "VoteDistrict",
                columns: new[] { "EventId", "LocationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VoteEvents_BodyId",
                table: "VoteEvents",
                column: "BodyId");

            migrationBuilder.CreateIndex(
                name: "IX_VoteEvents_RegionId_Status",
                table: "VoteEvents",
                columns: new[] { "RegionId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_VoteEvents_Slug",
                table: "VoteEvents",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VoteLog_EventId_At",
                table: "VoteLog",
                columns: new[] { "EventId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_VoteParticipation_EventId_At",
                table: "VoteParticipation",
                columns: new[] { "EventId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_VoteParticipation_EventId_VoterKey",
                table: "VoteParticipation",
                columns: new[] { "EventId", "VoterKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VoteProject_EventId_Number",
                table: "VoteProject",
                columns: new[] { "EventId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SurveyAnswer");

            migrationBuilder.DropTable(
                name: "SurveyOption");

            migrationBuilder.DropTable(
                name: "VoteChoice");

            migrationBuilder.DropTable(
                name: "VoteCode");

            migrationBuilder.DropTable(
                name: "VoteDeadline");

            migrationBuilder.DropTable(
                name: "VoteDistrict");

            migrationBuilder.DropTable(
                name: "VoteLog");

            migrationBuilder.DropTable(
                name: "VoteParticipation");

            migrationBuilder.DropTable(
                name: "VoteProject");

            migrationBuilder.DropTable(
                name: "VotePublication");

            migrationBuilder.DropTable(
                name: "SurveyQuestion");

            migrationBuilder.DropTable(
                name: "VoteBallot");

            migrationBuilder.DropTable(
                name: "VoteEvents");
        }
    }
}
