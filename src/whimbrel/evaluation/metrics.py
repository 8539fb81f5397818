"""Plain measures: precision/recall/F1, accuracy, macro-F1, great-circle distance."""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Sequence

EARTH_RADIUS_KM = 6371.0088
HALF_CIRCUMFERENCE_KM = math.pi * EARTH_RADIUS_KM  # the worst possible error: stands in for "no coordinates"


def ratio(numerator: float, denominator: float) -> float | None:
    """``numerator / denominator``, or ``None`` when there is nothing to divide by."""
    return numerator / denominator if denominator else None


def f1(precision: float | None, recall: float | None) -> float | None:
    """Harmonic mean of precision and recall (0 when both are 0, ``None`` when either is undefined)."""
    if precision is None or recall is None:
        return None
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def prf(true_positives: int, predicted: int, gold: int) -> tuple[float | None, float | None, float | None]:
    """Precision, recall and F1 from counts."""
    precision, recall = ratio(true_positives, predicted), ratio(true_positives, gold)
    if precision is None and recall is not None:
        precision = 0.0 if true_positives == 0 and gold else None
    return precision, recall, f1(precision, recall)


def binary_prf(gold: Sequence[bool], predicted: Sequence[bool]) -> tuple[float | None, float | None, float | None]:
    """Precision, recall and F1 of the positive class over paired gold/predicted flags."""
    true_positives = sum(1 for g, p in zip(gold, predicted) if g and p)
    return prf(true_positives, sum(predicted), sum(gold))


def accuracy(pairs: Iterable[tuple[Hashable, Hashable]]) -> float | None:
    """Share of (gold, predicted) pairs that are equal."""
    pairs = list(pairs)
    return ratio(sum(1 for g, p in pairs if g == p), len(pairs))


def macro_f1(gold: Sequence[Hashable], predicted: Sequence[Hashable], labels: Iterable[Hashable] | None = None) -> float | None:
    """Unweighted mean of per-class F1 over ``labels`` (default: the classes present in ``gold``).

    A class never predicted and never gold is left out; a predicted label outside ``labels``
    (e.g. "no event") still costs recall of the gold class it replaced.
    """
    classes = sorted(set(gold) if labels is None else set(labels), key=str)
    scores = []
    for label in classes:
        gold_flags = [g == label for g in gold]
        pred_flags = [p == label for p in predicted]
        if not any(gold_flags) and not any(pred_flags):
            continue
        scores.append(binary_prf(gold_flags, pred_flags)[2] or 0.0)
    return sum(scores) / len(scores) if scores else None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def median(values: Sequence[float]) -> float | None:
    """The median, or ``None`` for no values."""
    ordered = sorted(values)
    if not ordered:
        return None
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def spans_overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Whether two half-open character spans share at least one character."""
    return a_start < b_end and b_start < a_end
