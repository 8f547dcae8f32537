from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from dyadwatch.errors import DyadwatchError
from dyadwatch.io import readers
from dyadwatch.model import Article, article_id_for


def read_all(*paths: Path, **kwargs: object) -> tuple[list[Article], list[readers.Rejection]]:
    items = list(readers.read([str(p) for p in paths], **kwargs))  # type: ignore[arg-type]
    return ([i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, readers.Rejection)])


def test_text_with_sidecar(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Kenya deployed troops to Haiti.", encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"date": "2024-06-25", "title": "Deployment", "id": "k1"}))
    articles, rejected = read_all(tmp_path / "a.txt")
    assert not rejected
    assert articles[0].id == "k1" and articles[0].date == "2024-06-25" and articles[0].title == "Deployment"


def test_id_is_hash_of_normalized_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Chad  closed\nits border.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Chad closed its border.\n", encoding="utf-8")
    articles, _ = read_all(tmp_path / "a.txt", tmp_path / "b.txt")
    assert articles[0].id == articles[1].id == article_id_for("Chad closed its border.")


def test_latin1_text_is_decoded(tmp_path: Path) -> None:
    text = "Le président a visité Niamey et São Tomé après la décision du ministère français."
    (tmp_path / "l.txt").write_bytes(text.encode("latin-1"))
    articles, rejected = read_all(tmp_path / "l.txt")
    assert not rejected
    assert articles[0].text == text


def test_bad_inputs_are_rejected_and_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "huge.txt").write_text("Chad closed its border. " * 130_000, encoding="utf-8")
    (tmp_path / "good.txt").write_text("Chad closed its border with Sudan.", encoding="utf-8")
    articles, rejected = read_all(tmp_path)
    assert [a.text for a in articles] == ["Chad closed its border with Sudan."]
    messages = {Path(r.where).name: r.message for r in rejected}
    assert messages["bin.txt"].startswith("[E001]")
    assert messages["empty.txt"].startswith("[E002]")
    assert messages["huge.txt"].startswith("[E003]")


def test_jsonl_reports_the_broken_line(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join([
        json.dumps({"text": "Peru recalled its ambassador.", "date": "2023-02-01"}),
        '{"text": "unterminated',
        json.dumps({"title": "no text"}),
        json.dumps({"text": "Chile protested.", "date": "yesterday"}),
        json.dumps({"id": 7, "text": "Bolivia signed a treaty with Chile."}),
    ]), encoding="utf-8")
    articles, rejected = read_all(path)
    assert [a.id for a in articles][1] == "7"
    assert articles[0].date == "2023-02-01"
    assert [(r.where.rsplit(":", 1)[1], r.message[:6]) for r in rejected] == [
        ("2", "[E004]"), ("3", "[E005]"), ("4", "[E009]")]


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    page = """<!doctype html><html><head><title>Border talks resume</title>
    <meta property="og:title" content="Border talks resume">
    <meta name="date" content="2024-05-03"></head><body><nav>Home | World | Sport</nav>
    <article><h1>Border talks resume</h1>
    <p>Ethiopia and Sudan resumed talks on their disputed border on Friday, officials in Khartoum said.</p>
    <p>The two governments agreed to meet again next month in Addis Ababa to settle the dispute.</p>
    </article><footer>Copyright</footer></body></html>"""
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    articles, rejected = read_all(tmp_path / "p.html")
    assert not rejected
    assert "resumed talks" in articles[0].text and "Copyright" not in articles[0].text
    assert articles[0].title == "Border talks resume"


def test_stdin_sniffs_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    data = json.dumps({"text": "Japan sent aid to Turkey."}).encode() + b"\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    articles, rejected = read_all(Path("-"))
    assert not rejected and articles[0].text == "Japan sent aid to Turkey."


def test_default_date_fills_only_missing_dates(tmp_path: Path) -> None:
    (tmp_path / "x.jsonl").write_text(json.dumps({"text": "A.", "date": "2020-01-01"}) + "\n"
                                      + json.dumps({"text": "B."}) + "\n", encoding="utf-8")
    articles, _ = read_all(tmp_path / "x.jsonl", default_date="2021-05-05")
    assert [a.date for a in articles] == ["2020-01-01", "2021-05-05"]


def test_missing_path_and_bad_format(tmp_path: Path) -> None:
    _, rejected = read_all(tmp_path / "nope.txt")
    assert rejected[0].message.startswith("[E010]")
    with pytest.raises(DyadwatchError):
        list(readers.read([str(tmp_path)], input_format="pdf"))


def test_offsets_survive_curly_quotes_and_accents() -> None:
    article = readers.make_article("Niger’s junta met Itté’s “envoy” in Niamey.", {}, origin="t")
    assert article.text.index("Itté") == 18
