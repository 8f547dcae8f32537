"""Train and cross-validate the screen's word score (`dyadwatch.stages.screen.WordScore`).

The screen passes a sentence to the parser when it matches a state rule's pattern, when it has a word of
the trigger lexicon and its word score reaches the lexical threshold, or, without such a word, when its
score reaches the (higher) threshold: the score lets through the sentences that tell an event in other
words and holds back those whose lexicon word is an ordinary one ("released a new album"). It is a
logistic regression over a sentence's lower-case words and word pairs (`screen.ngrams`) and one more
feature, whether the lexicon passes the sentence (its weight ships as `lexicon`).

Data, all read from where it lives (nothing is copied):
- training/annotation/events.jsonl: 7,685 real news sentences with every event annotated, two coders and
  adjudication (training/annotation/README.md); positive when the sentence holds an annotated event.
- more positives: the sentences of ../shared/data/plv_train.tsv and cameo_real_news.jsonl that are not
  in the annotation (each states an event);
- weak negatives: the sentences of BBC sport, entertainment and tech articles outside the reserved files
  (the first `--negatives` of each category, by name): political events are rare there.
The extra sentences weigh `EXTRA_WEIGHT` each, the annotated ones 1.

Cross-validation is 5 folds over the annotated sentences, the extra ones always in training. C is chosen
by out-of-fold log-loss on the annotated sentences. For each lexical threshold (`LEXICAL_THRESHOLDS`, up
to the seed floor: every seed sentence with a trigger word must pass), the threshold is the highest at
which the screen keeps `--recall` of the annotated events out of fold (issue 14 asks 0.98 of the news
gold's), counted on the rounds drawn to mirror news_dev (`MIRRORED_ROUNDS`); the pair that passes the
fewest annotated sentences is chosen. Weights below
`MIN_WEIGHT` are left out of the artifact, in every fold as in the shipped model. Writes
src/dyadwatch/models/screen/weights.json.

    .venv/bin/python training/train_screen.py
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
from pathlib import Path

import numpy as np
from scipy.sparse import vstack
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold
from spacy.language import Language
from spacy.strings import hash_string

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from dyadwatch.evaluation import eval_news  # noqa: E402
from dyadwatch.stages import nlp, screen  # noqa: E402

ARTIFACT = REPO / "src" / "dyadwatch" / "models" / "screen" / "weights.json"
C_VALUES = (0.1, 0.3, 1.0, 3.0)
EXTRA_WEIGHT = 0.5
MIN_WEIGHT = 0.02
FOLDS = 5
LEXICON = "lexicon"
# Rounds 1-3 of the annotation were drawn to mirror news_dev's make-up (wire and BBC sentences); later rounds
# add BBC sentences only. The recall the threshold keeps is taken on the mirrored rounds, as issue 14 asks it
# of news_dev's gold events; every round trains the score.
MIRRORED_ROUNDS = 3
LEXICAL_THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.0, 0.41, 0.01))


def round_of(item_id: str) -> int:
    """The drawing round of an annotated item (training/annotation/README.md): `r4…` is round 4, no prefix 1."""
    drawn = re.match(r"r(\d+)", item_id)
    return int(drawn.group(1)) if drawn else 1


def quiet_sentences(shared: Path, n: int, model: Language, sieve: screen.Screen) -> list[str]:
    """The sentences of the first `n` BBC sport, entertainment and tech articles outside the reserved files,
    cut as the screen cuts an article."""
    reserved = eval_news.reserved_bbc(shared)
    out = []
    for category in ("sport", "entertainment", "tech"):
        files = [p for p in sorted((shared / "data" / "bbc" / category).iterdir())
                 if f"{category}/{p.name}" not in reserved][:n]
        for path in files:
            doc, verdicts = nlp.screen_sentences(model, path.read_text(encoding="utf-8", errors="replace"), sieve)
            out += [text for start, end, _ in verdicts if (text := doc[start:end].text.strip())]
    return out


def event_sentences(shared: Path, annotated: set[str]) -> list[str]:
    """plv_train and cameo_real_news sentences outside the annotation, each once."""
    with open(shared / "data" / "plv_train.tsv", encoding="utf-8", newline="") as handle:
        texts = [row["sentence"] for row in csv.DictReader(handle, delimiter="\t")]
    texts += [item["text"] for item in eval_news.load(shared / "data" / "cameo_real_news.jsonl")]
    return [t for t in dict.fromkeys(texts) if t and t not in annotated]


def seed_floor(shared: Path, model: Language, lexicon: screen.Screen, named: dict[str, float], bias: float) -> float:
    """The lowest word score of the seed article's sentences that have a trigger word (../shared/seed, the
    first user story): the lexical threshold stays at or under it, so that the screen parses all of them."""
    text = (shared / "seed" / "niger-france-embassy.txt").read_text(encoding="utf-8")
    doc, verdicts = nlp.screen_sentences(model, text, lexicon)
    score = screen.WordScore.from_named({n: w for n, w in named.items() if n != LEXICON}, bias, 1.0, 0.0,
                                        named.get(LEXICON, 0.0))
    sentences = [[hash_string(t.lower_) for t in doc[start:end] if not t.is_space] for start, end, _ in verdicts]
    return min((score.probability(words, lexical=True) for words in sentences if lexicon.triggered(words)),
               default=1.0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--annotations", type=Path, default=REPO / "training" / "annotation" / "events.jsonl")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--negatives", type=int, default=80, help="BBC sport, entertainment and tech articles, each")
    ap.add_argument("--recall", type=float, default=0.98, help="share of annotated events the screen must keep")
    ap.add_argument("--out", type=Path, default=ARTIFACT)
    args = ap.parse_args()

    model, lexicon = nlp.load(), screen.Screen.build(nlp.verb_forms())

    def featured(text: str) -> tuple[dict[str, float], bool]:
        words = [t.lower_ for t in model.tokenizer(text)]
        passed = lexicon.passes_text(words, text)
        return {**screen.ngrams(words), **({LEXICON: 1.0} if passed else {})}, passed

    items = eval_news.load(args.annotations)
    annotated = [featured(item["text"]) for item in items]
    patterned = np.array([lexicon.patterned(item["text"]) for item in items])
    y = np.array([bool(item.get("events")) for item in items], dtype=int)
    events = np.array([len(item.get("events") or []) for item in items])
    lexical = np.array([passed for _, passed in annotated])
    mirrored = np.array([round_of(item["id"]) <= MIRRORED_ROUNDS for item in items])
    positives = event_sentences(args.shared, {item["text"] for item in items})
    negatives = quiet_sentences(args.shared, args.negatives, model, lexicon)
    extra = [featured(t)[0] for t in positives + negatives]
    y_extra = np.array([1] * len(positives) + [0] * len(negatives))
    vectorizer = DictVectorizer().fit([f for f, _ in annotated] + extra)
    x, x_extra = vectorizer.transform([f for f, _ in annotated]).tocsr(), vectorizer.transform(extra).tocsr()
    names = vectorizer.feature_names_
    print(f"{len(items)} annotated sentences ({y.sum()} with events, {events.sum()} events); lexicon passes "
          f"{lexical.mean():.3f} and keeps {(events * lexical).sum() / events.sum():.3f} of the events; "
          f"{len(positives)} more event sentences, {len(negatives)} weak negatives; {len(names)} features",
          flush=True)

    def fit(rows: np.ndarray, c: float) -> tuple[dict[str, float], float]:
        """Named weights and bias of a model on the given annotated rows and every extra sentence."""
        weights = np.concatenate([np.ones(len(rows)), np.full(len(y_extra), EXTRA_WEIGHT)])
        fitted = LogisticRegression(C=c, max_iter=5000).fit(vstack([x[rows], x_extra]),
                                                            np.concatenate([y[rows], y_extra]), sample_weight=weights)
        named = {n: round(float(w), 4) for n, w in zip(names, fitted.coef_[0], strict=True) if abs(w) >= MIN_WEIGHT}
        return named, round(float(fitted.intercept_[0]), 4)

    def probability(named: dict[str, float], bias: float, features: dict[str, float]) -> float:
        z = bias + sum(named.get(n, 0.0) for n in features)
        return float(1 / (1 + np.exp(-np.clip(z, -30, 30))))

    def out_of_fold(c: float) -> np.ndarray:
        p = np.zeros(len(items))
        for train, test in KFold(FOLDS, shuffle=True, random_state=0).split(x):
            named, bias = fit(train, c)
            for i in test:
                p[i] = probability(named, bias, annotated[i][0])
        return p

    oof = {c: out_of_fold(c) for c in C_VALUES}
    losses = {c: float(-np.mean(y * np.log(np.clip(p, 1e-6, 1)) + (1 - y) * np.log(np.clip(1 - p, 1e-6, 1))))
              for c, p in oof.items()}
    best_c = min(losses, key=losses.get)
    q = oof[best_c]

    def passed(threshold: float, lexical_threshold: float) -> np.ndarray:
        """Which annotated sentences pass: a state rule's pattern always, a trigger word from
        `lexical_threshold` on, the rest from `threshold` on (`screen.Screen.passes`)."""
        return np.where(lexical, patterned | (q >= lexical_threshold), q >= threshold)

    def at(threshold: float, lexical_threshold: float = 0.0) -> dict[str, float]:
        through = passed(threshold, lexical_threshold)
        kept = events * through * mirrored
        return {"threshold": round(float(threshold), 4), "lexical_threshold": round(float(lexical_threshold), 4),
                "pass_rate": round(float(through.mean()), 3),
                "event_recall": round(float(kept.sum() / (events * mirrored).sum()), 3)}

    named, bias = fit(np.arange(len(items)), best_c)
    seed_low = seed_floor(args.shared, model, lexicon, named, bias)
    candidates = sorted(set(np.round(q[~lexical], 4)), reverse=True)
    table = []
    for lexical_threshold in LEXICAL_THRESHOLDS:
        if lexical_threshold > seed_low:
            break
        row = next((row for t in candidates if (row := at(t, lexical_threshold))["event_recall"] >= args.recall), None)
        if row is not None:
            table.append(row)
    chosen = min(table, key=lambda row: (row["pass_rate"], -row["event_recall"]))
    print("C", best_c, {c: round(v, 4) for c, v in losses.items()})
    print("lexicon alone", at(1.0), "\nby lexical threshold", *table, "\nseed floor", round(seed_low, 4),
          "\nchosen", chosen, sep="\n")

    digest = hashlib.sha256(args.annotations.read_bytes()).hexdigest()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({
        "model": "logistic regression over lower-case words and word pairs (training/train_screen.py)",
        "data": f"{args.annotations.name} sha256 {digest}; {len(positives)} plv_train and cameo_real_news "
                f"sentences; {len(negatives)} sentences of BBC sport, entertainment and tech articles outside "
                f"reserved_bbc_files.txt",
        "c": best_c, "threshold": chosen["threshold"], "lexical_threshold": chosen["lexical_threshold"],
        "bias": bias, "lexicon": named.get(LEXICON, 0.0),
        "cross_validation": {"folds": FOLDS, "annotated_items": len(items), "events": int(events.sum()),
                             "target_recall": args.recall, "recall_on_rounds": f"1-{MIRRORED_ROUNDS}",
                             "lexicon_alone": at(1.0), "by_lexical_threshold": table, "seed_floor": round(seed_low, 4),
                             "chosen": chosen,
                             "log_loss_by_c": {str(c): round(v, 4) for c, v in losses.items()}},
        "weights": {n: w for n, w in sorted(named.items()) if n != LEXICON},
    }, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(named)} weights)")


if __name__ == "__main__":
    main()
