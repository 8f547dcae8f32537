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
