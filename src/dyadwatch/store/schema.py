"""The store's schema as numbered migrations: a store records the versions it has applied, and opening
an older one applies the rest in order (dyadwatch.store). A migration is never edited once released;
a change of schema is a new one.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str]] = [
    (1, """
    CREATE TABLE articles (
        id VARCHAR PRIMARY KEY, date DATE, title VARCHAR, source VARCHAR, url VARCHAR,
        origin VARCHAR, text VARCHAR NOT NULL, ingested_at TIMESTAMP DEFAULT current_timestamp);
    CREATE TABLE sentences (
        article_id VARCHAR NOT NULL, sentence_index INTEGER NOT NULL, start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL, text VARCHAR NOT NULL, PRIMARY KEY (article_id, sentence_index));
    CREATE TABLE actor_mentions (
        article_id VARCHAR NOT NULL, sentence_index INTEGER NOT NULL, start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL, text VARCHAR NOT NULL, code VARCHAR, country VARCHAR, sector VARCHAR,
        name VARCHAR, entity VARCHAR, kind VARCHAR, role VARCHAR, coref_start INTEGER, coref_end INTEGER,
        PRIMARY KEY (article_id, start_char, end_char));
    CREATE TABLE events (
        id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, sentence_index INTEGER NOT NULL,
        start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, trigger_start INTEGER, trigger_end INTEGER,
        event_type VARCHAR NOT NULL, mode VARCHAR, cameo VARCHAR, goldstein DOUBLE, quad_class INTEGER,
        source_code VARCHAR, source_country VARCHAR, source_name VARCHAR,
        target_code VARCHAR, target_country VARCHAR, target_name VARCHAR,
        date DATE, date_precision VARCHAR, modality VARCHAR, confidence DOUBLE,
        data JSON NOT NULL);
    CREATE INDEX events_article ON events (article_id);
    """),
    (2, """
    ALTER TABLE events ADD COLUMN origin VARCHAR DEFAULT 'dyadwatch';
    CREATE TABLE person_roles (
        entity VARCHAR NOT NULL, name VARCHAR NOT NULL, role VARCHAR, country VARCHAR, sector VARCHAR,
        article_id VARCHAR NOT NULL, sentence_index INTEGER NOT NULL, date DATE, text VARCHAR NOT NULL,
        PRIMARY KEY (entity, article_id, sentence_index));
    """),
    # 3: relation states and deduplication (issue 6). `observations` holds what each sentence says about
    # a standing relation (dyadwatch.stages.observations); `event_clusters` maps every coded event to the
    # cluster of mentions of one real event (dyadwatch.store.dedup); the dyad views count one event per cluster.
    (3, """
    CREATE TABLE observations (
        article_id VARCHAR NOT NULL, sentence_index INTEGER NOT NULL, relation VARCHAR NOT NULL, holder VARCHAR,
        host VARCHAR, partner VARCHAR, members VARCHAR, date DATE, phase VARCHAR NOT NULL, rule VARCHAR NOT NULL,
        data JSON NOT NULL);
    CREATE INDEX observations_article ON observations (article_id);
    CREATE TABLE event_clusters (event_id VARCHAR PRIMARY KEY, cluster_id VARCHAR NOT NULL);
    CREATE VIEW dyad_events AS
        SELECT e.id, coalesce(e.source_country, CASE WHEN length(e.source_code) > 3 THEN e.source_code END) AS source,
               coalesce(e.target_country, CASE WHEN length(e.target_code) > 3 THEN e.target_code END) AS target,
               e.date, e.event_type, e.quad_class, e.goldstein,
               coalesce(m.mentions, 1) AS mentions
        FROM events e
        LEFT JOIN event_clusters c ON c.event_id = e.id
        LEFT JOIN (SELECT cluster_id, count(*) AS mentions FROM event_clusters GROUP BY cluster_id) m
            ON m.cluster_id = e.id
        WHERE coalesce(c.cluster_id, e.id) = e.id AND e.modality IN ('asserted', 'reported');
    CREATE VIEW dyad_day AS SELECT source, target, date AS period, DYAD_COLUMNS FROM dyad_events GROUP BY ALL;
    CREATE VIEW dyad_week AS
        SELECT source, target, CAST(date_trunc('week', date) AS DATE) AS period, DYAD_COLUMNS FROM dyad_events
        GROUP BY ALL;
    CREATE VIEW dyad_month AS
        SELECT source, target, CAST(date_trunc('month', date) AS DATE) AS period, DYAD_COLUMNS FROM dyad_events
        GROUP BY ALL;
    """.replace("DYAD_COLUMNS", "count(*) AS events, count(*) FILTER (WHERE quad_class = 1) AS quad1, "
                "count(*) FILTER (WHERE quad_class = 2) AS quad2, count(*) FILTER (WHERE quad_class = 3) AS quad3, "
                "count(*) FILTER (WHERE quad_class = 4) AS quad4, sum(goldstein) AS goldstein_sum, "
                "avg(goldstein) AS goldstein_mean, sum(mentions) AS mentions")),
    # 4: distributed ingest and imports (issue 8). `parts` records each Parquet part file loaded by the
    # driver, in the transaction that loads it, so a rerun skips it. `event_records` keeps an imported
    # event's source row as read (GDELT, ICEWS, POLECAT), so exporting it back loses no column.
    (4, """
    CREATE TABLE parts (
        id VARCHAR PRIMARY KEY, path VARCHAR NOT NULL, articles INTEGER NOT NULL, sentences INTEGER NOT NULL,
        events INTEGER NOT NULL, loaded_at TIMESTAMP DEFAULT current_timestamp);
    CREATE TABLE event_records (
        event_id VARCHAR PRIMARY KEY, origin VARCHAR NOT NULL, record_id VARCHAR, url VARCHAR, record JSON NOT NULL);
    """),
    # 5: the analyst's workbench (issue 15). Origins are named by what made the event (coded | gdelt | icews |
    # plover); imported CAMEO 01x statements have no PLOVER type, so event_type may be null (DuckDB alters a
    # column only without an index on the table); `date_end` is the last day of an event's period (a "2023"
    # event ends 2023-12-31), so date filters keep only events whose whole period lies in the range;
    # dyad_events gains `origin`, so dyad rankings say whose events they count.
    (5, """
    UPDATE events SET origin = 'coded' WHERE origin IS NULL OR origin = 'dyadwatch';
    UPDATE events SET origin = 'plover' WHERE origin = 'polecat';
    UPDATE event_records SET origin = 'plover' WHERE origin = 'polecat';
    ALTER TABLE events ALTER COLUMN origin SET DEFAULT 'coded';
    DROP INDEX events_article;
    ALTER TABLE events ALTER COLUMN event_type DROP NOT NULL;
    CREATE INDEX events_article ON events (article_id);
    ALTER TABLE events ADD COLUMN date_end DATE;
    UPDATE events SET date_end = CASE length(json_extract_string(data, '$.date'))
        WHEN 4 THEN CAST(date + INTERVAL 1 YEAR - INTERVAL 1 DAY AS DATE)
        WHEN 7 THEN last_day(date) ELSE date END;
    CREATE OR REPLACE VIEW dyad_events AS
        SELECT e.id, coalesce(e.source_country, CASE WHEN length(e.source_code) > 3 THEN e.source_code END) AS source,
               coalesce(e.target_country, CASE WHEN length(e.target_code) > 3 THEN e.target_code END) AS target,
               e.date, e.event_type, e.quad_class, e.goldstein,
               coalesce(m.mentions, 1) AS mentions, e.origin
        FROM events e
        LEFT JOIN event_clusters c ON c.event_id = e.id
        LEFT JOIN (SELECT cluster_id, count(*) AS mentions FROM event_clusters GROUP BY cluster_id) m
            ON m.cluster_id = e.id
        WHERE coalesce(c.cluster_id, e.id) = e.id AND e.modality IN ('asserted', 'reported');
    """),
    # 6: dyad_events gains each event's `confidence`, so dyad rankings can count the confident events only
    # (`dyadwatch dyads --min-confidence`); imported events carry none.
    (6, """
    CREATE OR REPLACE VIEW dyad_events AS
        SELECT e.id, coalesce(e.source_country, CASE WHEN length(e.source_code) > 3 THEN e.source_code END) AS source,
               coalesce(e.target_country, CASE WHEN length(e.target_code) > 3 THEN e.target_code END) AS target,
               e.date, e.event_type, e.quad_class, e.goldstein,
               coalesce(m.mentions, 1) AS mentions, e.origin, e.confidence
        FROM events e
        LEFT JOIN event_clusters c ON c.event_id = e.id
        LEFT JOIN (SELECT cluster_id, count(*) AS mentions FROM event_clusters GROUP BY cluster_id) m
            ON m.cluster_id = e.id
        WHERE coalesce(c.cluster_id, e.id) = e.id AND e.modality IN ('asserted', 'reported');
    """),
]
SCHEMA_VERSION = max(version for version, _ in MIGRATIONS)
