from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dyadwatch.errors import DyadwatchError
from dyadwatch.model import ActorMention, Article, CodedArticle, Sentence
from dyadwatch.store import SCHEMA_VERSION, Store
from tests.test_model import make_event


def coded(text: str = "Chad recalled its ambassador from Sudan.") -> CodedArticle:
    article = Article(text=text, date="2024-05-02", title="t")
    event = make_event()
    event.article_id = article.id
    event.id = event.make_id()
    mention = ActorMention(article.id, 0, "Chad", (0, 4), "TCD", "TCD", None, "Chad", "country:TCD")
    return CodedArticle(article, [Sentence(article.id, 0, 0, len(text), text)], [mention], [event])


def test_write_is_idempotent(store: Store) -> None:
    assert store.write([coded()]) == 1
    assert store.write([coded(), coded()]) == 0
    assert store.counts() == {"articles": 1, "sentences": 1, "actor_mentions": 1, "events": 1}


def test_events_round_trip_and_filters(store: Store) -> None:
    item = coded()
    store.write([item])
    [event] = store.events(source="TCD")
    assert event.to_dict() == item.events[0].to_dict()
    assert event.trigger == (105, 113)
    assert store.events(source="SDN") == []
    assert store.events(event_type="sanction", since="2024-05-01", until="2024-05-31")
    assert store.events(since="2024-06-01") == []


def test_failed_batch_leaves_nothing_behind(store: Store) -> None:
    bad = coded("Chad closed its border.")
    bad.sentences.append(bad.sentences[0])
    with pytest.raises(duckdb.ConstraintException):
        store.write([coded("Peru recalled its envoy."), bad])
    assert store.counts()["articles"] == 0


def test_schema_version_recorded_and_newer_store_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with Store(path) as s:
        assert s.schema_version() == SCHEMA_VERSION
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_migrations (version) VALUES (?)", [SCHEMA_VERSION + 1])
    con.close()
    with pytest.raises(DyadwatchError, match="E011"):
        Store(path)


def test_many_readers_share_a_file_while_no_writer(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with Store(path) as s:
        s.write([coded()])
    with Store(path, read_only=True) as r1, Store(path, read_only=True) as r2:
        assert r1.counts() == r2.counts()
        with pytest.raises(duckdb.Error):
            r1.con.execute("DELETE FROM articles")


def test_article_lookup(store: Store) -> None:
    item = coded()
    store.write([item])
    assert store.article(item.article.id).text == item.article.text
    with pytest.raises(DyadwatchError, match="E012"):
        store.article("missing")


def test_store_made_by_schema_1_is_upgraded_in_place(tmp_path: Path) -> None:
    from dyadwatch.store import MIGRATIONS

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMP)")
    con.execute(MIGRATIONS[0][1])
    con.execute("INSERT INTO schema_migrations (version) VALUES (1)")
    con.execute("INSERT INTO articles (id, text) VALUES ('old', 'Peru recalled its envoy.')")
    con.close()
    with Store(path) as s:
        assert s.schema_version() == SCHEMA_VERSION
        assert s.article("old").text == "Peru recalled its envoy."
        assert s.write([coded()]) == 1


def test_person_roles_persist_across_articles(store: Store) -> None:
    first, second = coded("Envoy Ana Ruiz left Lima."), coded("Ana Ruiz spoke in Quito.")
    for item, role in ((first, "ambassador (former)"), (second, None)):
        item.mentions.append(ActorMention(item.article.id, 0, "Ana Ruiz", (6, 14), "PERGOV", "PER", "GOV",
                                          "Ana Ruiz", "person:ana-ruiz", "person", role))
    store.write([first, second])
    roles = store.persons("ruiz")
    assert len(roles) == 2 and {r["entity"] for r in roles} == {"person:ana-ruiz"}
    assert "ambassador (former)" in {r["role"] for r in roles}
