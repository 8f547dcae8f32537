"""PLV scoring: the share of coded events that match a gold row counts the extra events row scores ignore."""

from dyadwatch.evaluation.eval_events import PlvRow, emitted
from dyadwatch.model import Actor, Event

SENTENCE = "Sudan accused Ethiopia of aggression and recalled its ambassador."


def event(event_type: str, source: tuple[int, int], target: tuple[int, int] | None) -> Event:
    return Event("plv-0", 0, SENTENCE, (0, len(SENTENCE)), event_type,
                 source=Actor(SENTENCE[slice(*source)], source),
                 target=Actor(SENTENCE[slice(*target)], target) if target else None)


def test_emitted_counts_each_sentence_once_and_matches_class_and_both_sides() -> None:
    sudan, ethiopia = (0, 5), (14, 22)
    rows = [PlvRow("s1", SENTENCE, sudan, ethiopia, "ACCUSE", 3),
            PlvRow("s1", SENTENCE, sudan, ethiopia, "SANCTION", 4)]
    coded = [event("ACCUSE", sudan, ethiopia),  # matches the first row
             event("SANCTION", ethiopia, sudan),  # swapped sides: no match
             event("YIELD", sudan, ethiopia),  # no row of that class
             event("SANCTION", sudan, None)]  # no target: no match
    assert emitted(rows, [coded, coded]) == (4, 1)


def test_emitted_merges_concede_and_retreat_as_yield() -> None:
    row = PlvRow("s2", SENTENCE, (0, 5), (14, 22), "YIELD", 2)
    assert emitted([row], [[event("RETREAT", (0, 5), (14, 22))]]) == (1, 1)
