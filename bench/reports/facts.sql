-- The reports' load: :n incidents (default 1,000,000) over the two years 1 Dec 2024 – 30 Nov 2026 with their
-- report facts, spread over the seeded region's bodies, topics and districts. The dashboard and the monthly report
-- read only "IncidentFacts" (kept from the history by RefreshFacts), so the facts are generated directly with
-- plausible shares: 12% excluded, 5% still new, 80% answered, 8% interim, 3% reopened, ~7% of steps late.
-- Rows are written in order of detection, as RefreshFacts writes them when incidents arrive, so a month's facts lie
-- together on disk as they do in production (with random order, a month's 42,000 rows touch 22,000 of the table's
-- 27,000 pages; docs/benchmarks.md gives both figures).
-- Run: psql -v n=1000000 -f bench/reports/facts.sql
\set ON_ERROR_STOP 1
\if :{?n}
\else
\set n 1000000
\endif
SET synchronous_commit = off;

CREATE UNLOGGED TABLE bench_gen AS
SELECT 10000000 + g AS id,
       timestamptz '2024-12-01 00:00:00+03' + random() * interval '730 days' AS at,
       random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6
FROM generate_series(1, :n) AS g;

CREATE UNLOGGED TABLE bench_dims AS
SELECT (SELECT min("Id") FROM "Regions") AS region,
       (SELECT array_agg("Id" ORDER BY "Id") FROM "Bodies") AS bodies,
       (SELECT array_agg("Id" ORDER BY "Id") FROM "Topics") AS topics,
       (SELECT array_agg(coalesce("ParentId", "Id") ORDER BY "Id") FROM "Topics") AS groups,
       (SELECT array_agg("Id" ORDER BY "Id") FROM "Locations" WHERE "Kind" = 'District') AS districts;

CREATE UNLOGGED TABLE bench_rows AS
SELECT g.id, g.at, d.region,
       CASE WHEN g.r1 < 0.12 THEN 'Excluded' WHEN g.r1 < 0.17 THEN 'New' WHEN g.r1 < 0.20 THEN 'Routed' ELSE 'Closed' END AS state,
       CASE WHEN g.r1 < 0.12 THEN (ARRAY['Spam', 'OutOfScope', 'Obscene', 'Insult'])[1 + floor(g.r6 * 4)::int] END AS excluded,
       CASE WHEN g.r1 >= 0.17 THEN d.bodies[1 + floor(g.r2 * cardinality(d.bodies))::int] END AS body,
       1 + floor(g.r3 * cardinality(d.topics))::int AS topic_index,
       CASE WHEN g.r5 >= 0.1 THEN d.districts[1 + floor(g.r4 * cardinality(d.districts))::int] END AS district,
       (ARRAY['vk', 'vk', 'vk', 'ok', 'telegram', 'telegram', 'portal', 'media', 'blog', 'other'])[1 + floor(g.r6 * 10)::int] AS channel,
       g.r1, g.r2, g.r3, g.r4, g.r5, g.r6, d.topics, d.groups
FROM bench_gen g CROSS JOIN bench_dims d;

INSERT INTO "Incidents" ("Id", "RegionId", "State", "Version", "DetectedAt", "UpdatedAt", "TopicId", "LocationId", "Importance",
                         "SociallySignificant", "ExclusionReason", "MainBodyId")
OVERRIDING SYSTEM VALUE
SELECT id, region, state, 1, at, at, topics[topic_index], district, 'Normal', r5 > 0.995, excluded, body
FROM bench_rows
ORDER BY at;

INSERT INTO "IncidentFacts" ("IncidentId", "RegionId", "Day", "DetectedAt", "BodyId", "TopicId", "TopicGroupId", "DistrictId", "Channel",
    "State", "Excluded", "Significant", "Routed", "Answered", "Interim", "ReactionMinutes", "Drafts", "SendBacks", "Returns", "Reopened",
    "Findings", "Breaches", "RouteEnded", "RouteLate", "ReturnEnded", "ReturnLate", "AnswerEnded", "AnswerLate", "DraftEnded", "DraftLate",
    "ApproveEnded", "ApproveLate", "ReviseEnded", "ReviseLate", "PublishEnded", "PublishLate", "FinalEnded", "FinalLate", "CoInputEnded",
    "CoInputLate", "CoApproveEnded", "CoApproveLate", "PortalEnded", "PortalLate", "ComputedAt")
SELECT id, region, (at AT TIME ZONE 'Europe/Moscow')::date, at, body, topics[topic_index], groups[topic_index], district, channel,
       state, excluded, r5 > 0.995,
       body IS NOT NULL,                                              -- routed
       state = 'Closed',                                              -- answered
       state = 'Closed' AND r6 < 0.08,                                -- interim
       CASE WHEN state = 'Closed' THEN 20 + floor(r2 * r3 * 1800)::int END,
       CASE WHEN state = 'Closed' THEN 1 + (r4 < 0.15)::int ELSE 0 END,
       (state = 'Closed' AND r4 < 0.15)::int,                         -- send-backs
       (body IS NOT NULL AND r3 < 0.04)::int,                         -- returns
       state = 'Closed' AND r6 > 0.97,                                -- reopened
       (state = 'Closed' AND r2 < 0.02)::int,                         -- formal-answer findings
       (r2 * r4 < 0.07)::int + (body IS NOT NULL AND r3 * r5 < 0.02)::int,
       (state <> 'New' AND state <> 'Excluded')::int, (body IS NOT NULL AND r3 * r5 < 0.02)::int,
       (body IS NOT NULL AND r3 < 0.04)::int, 0,
       (state = 'Closed')::int, (state = 'Closed' AND r2 * r4 < 0.07)::int,
       (state = 'Closed')::int, (state = 'Closed' AND r2 * r6 < 0.05)::int,
       (state = 'Closed')::int, (state = 'Closed' AND r6 * r4 < 0.03)::int,
       (state = 'Closed' AND r4 < 0.15)::int, 0,
       (state = 'Closed')::int, (state = 'Closed' AND r1 * r3 < 0.02)::int,
       (state = 'Closed' AND r6 < 0.08)::int, (state = 'Closed' AND r6 < 0.08 AND r2 < 0.1)::int,
       (body IS NOT NULL AND r5 < 0.1)::int, (body IS NOT NULL AND r5 < 0.1 AND r4 < 0.1)::int,
       0, 0,
       (channel = 'portal' AND state = 'Closed')::int, (channel = 'portal' AND state = 'Closed' AND r3 < 0.05)::int,
       now()
FROM bench_rows
ORDER BY at;

DROP TABLE bench_gen, bench_dims, bench_rows;
SELECT setval(pg_get_serial_sequence('"Incidents"', 'Id'), (SELECT max("Id") FROM "Incidents"));
VACUUM ANALYZE "Incidents";
VACUUM ANALYZE "IncidentFacts";
