"""Turning one date expression ("on Friday", "in March", "9 May 2020") into a calendar date.

Conventions of the resolved value (see also :mod:`whimbrel.dates.resolve`):

* precision ``day``: the day itself;
* precision ``month``: the first day of that month (``date[:7]`` is the month);
* precision ``year``: 1 January of that year (``date[:4]`` is the year);
* week-level expressions ("last week", "the weekend", "two weeks ago") have no precision of
  their own in the record schema: like ACLED (time precision 2) they resolve to the middle of
  the week — the Thursday of a Monday–Sunday week, the Saturday of a weekend — with precision
  ``day``; ``date_text`` keeps what was written.

Weekday names resolve to the most recent such day on or before the publication date
(a Saturday paper's "on Saturday" is that day, as in wire style), or on or after it when the
clause is about the future. Expressions that give no year take the publication year, or the
one before when that would put a past event after publication. dateparser is only asked
about expressions that name a calendar date (a month name or a numeric date); everything
relative is computed here, because dateparser reads durations ("three days") as "ago" and
has no notion of an anchor ("the day before").
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from dateparser.date import DateDataParser


@dataclass(frozen=True)
class Resolved:
    """A resolved date expression: the date and how precise it is ('day', 'month' or 'year')."""

    date: dt.date
    precision: str


@functools.lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The date word lists bundled in ``data/dates_lexicon.json``."""
    text = resources.files("whimbrel.data").joinpath("dates_lexicon.json").read_text(encoding="utf-8")
    return json.loads(text)


@functools.lru_cache(maxsize=256)
def _parser(base: dt.date | None, prefer: str) -> DateDataParser:
    settings: dict[str, Any] = {"PREFER_DATES_FROM": prefer}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    return DateDataParser(languages=["en"], settings=settings)


_NUMERIC_DATE = re.compile(r"\b\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{1,4})?\b")
_YEAR = re.compile(r"^(?:(?:the )?year )?((?:1[5-9]|20)\d\d)$")
_DECADE = re.compile(r"^(?:the )?(?:early |mid-?|late )?((?:1[5-9]|20)\d0)'?s$")
_AGO = re.compile(r"^(?:about |some |nearly |almost |more than |over |just over )?(\w+(?: few| couple of)?) (day|days|week|weeks|month|months|year|years|decade|decades) ago$")
_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Lower-case, drop possessives and stray punctuation, squeeze spaces."""
    text = text.lower().replace("’", "'").replace("'s", "")
    text = re.sub(r"[,;:()\"]", " ", text)
    text = re.sub(r"(?<!\d)-|-(?!\d)", " ", text)  # "mid-December" splits, "2019-12-20" stays
    return _SPACES.sub(" ", text).strip(" .")


def resolve_expression(
    text: str,
    pub_date: dt.date | None,
    anchor: dt.date | None = None,
    future: bool = False,
) -> Resolved | None:
    """Resolve one date expression, or None when it is not a resolvable point in time.

    ``pub_date`` is the publication date that relative expressions count from; ``anchor`` is
    the last date mentioned before, for "the day before" (defaults to ``pub_date``);
    ``future`` makes weekday and month names look forward. Durations ("three days"), ages
    and vague seasons give None. Without ``pub_date`` only expressions that carry a year resolve.
    """
    words = _strip_vague(normalize(text))
    if not words:
        return None
    if pub_date is None:
        return _absolute(words)
    try:
        return (
            _relative(words, pub_date, anchor or pub_date, future)
            or _weekday(words, pub_date, future)
            or _month_only(words, pub_date, future)
            or _absolute(words, pub_date, future)
        )
    except (ValueError, OverflowError):
        return None


def _strip_vague(words: str) -> str:
    lex = lexicon()
    for prefix in sorted(lex["vague_prefixes"], key=len, reverse=True):
        if words.startswith(prefix + " ") and len(words) > len(prefix) + 1:
            return _strip_vague(words[len(prefix) + 1 :])
    return words


def _relative(words: str, pub: dt.date, anchor: dt.date, future: bool) -> Resolved | None:
    lex = lexicon()
    day = dt.timedelta(days=1)
    if words in lex["today"]:
        return Resolved(pub, "day")
    if words in lex["yesterday"]:
        return Resolved(pub - day, "day")
    if words == "day before yesterday":
        return Resolved(pub - 2 * day, "day")
    if words == "tomorrow":
        return Resolved(pub + day, "day")
    if words in lex["day_before_anchor"] or ("the " + words) in lex["day_before_anchor"]:
        return Resolved(anchor - day, "day")
    if words in lex["day_after_anchor"] or ("the " + words) in lex["day_after_anchor"]:
        return Resolved(anchor + day, "day")
    shift = _shift_word(words)
    if shift is not None:
        step, unit = shift
        return _shifted_period(pub, step, unit)
    ago = _AGO.match(words)
    if ago:
        amount = lex["small_numbers"].get(ago.group(1))
        if amount is None and ago.group(1).isdigit():
            amount = int(ago.group(1))
        if amount is None:
            return None  # "years ago", "many years ago": background, but no date
        unit = lex["units"][ago.group(2)]
        if unit == "week":
            return Resolved(pub - dt.timedelta(weeks=amount), "day")
        return _shifted_period(pub, -amount, unit)
    if words in ("week", "weekend"):  # what is left of "the past week", "the weekend"
        return _shifted_period(pub, 0, words) if words == "weekend" else Resolved(pub - dt.timedelta(days=3), "day")
    return None


def _shift_word(words: str) -> tuple[int, str] | None:
    """'last week' → (-1, 'week'); 'this month' → (0, 'month'); 'next year' → (1, 'year')."""
    parts = words.split(" ")
    if len(parts) != 2:
        return None
    first, unit = parts
    lex = lexicon()
    if unit not in ("week", "weekend", "month", "year"):
        return None
    if first in ("this", "current"):
        return 0, unit
    if first in lex["past_words"]:
        return -1, unit
    if first in lex["future_words"]:
        return 1, unit
    return None


def _shifted_period(pub: dt.date, step: int, unit: str) -> Resolved:
    if unit == "day":
        return Resolved(pub + dt.timedelta(days=step), "day")
    if unit in ("week", "weekend"):
        monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=step)
        if unit == "weekend":
            # "the weekend" seen from a weekday is the one just past
            if step == 0 and pub.weekday() < 5:
                monday -= dt.timedelta(weeks=1)
            return Resolved(monday + dt.timedelta(days=5), "day")
        middle = monday + dt.timedelta(days=3)
        return Resolved(middle, "day")
    if unit == "month":
        index = pub.year * 12 + (pub.month - 1) + step
        return Resolved(dt.date(index // 12, index % 12 + 1, 1), "month")
    if unit == "decade":
        return Resolved(dt.date(pub.year + 10 * step, 1, 1), "year")
    return Resolved(dt.date(pub.year + step, 1, 1), "year")


def _weekday(words: str, pub: dt.date, future: bool) -> Resolved | None:
    lex = lexicon()
    parts = [w for w in words.split(" ") if w not in lex["day_parts"] and w != "on"]
    weekdays = [w for w in parts if w in lex["weekdays"]]
    if len(weekdays) != 1 or any(w in lex["months"] or w.isdigit() for w in parts):
        return None
    others = [w for w in parts if w not in lex["weekdays"]]
    if any(w not in ("last", "this", "past", "next", "coming", "early", "late") for w in others):
        return None
    target = lex["weekdays"].index(weekdays[0])
    forward = future or any(w in lex["future_words"] for w in others)
    if forward:
        delta = (target - pub.weekday()) % 7
        if "next" in others and delta == 0:
            delta = 7
        return Resolved(pub + dt.timedelta(days=delta), "day")
    delta = (pub.weekday() - target) % 7
    if "last" in others and delta == 0:
        delta = 7
    return Resolved(pub - dt.timedelta(days=delta), "day")


def _month_only(words: str, pub: dt.date, future: bool) -> Resolved | None:
    lex = lexicon()
    parts = words.split(" ")
    if parts[0] in ("last", "this", "next", "past") and len(parts) == 2:
        qualifier, name = parts
    elif len(parts) == 1:
        qualifier, name = "", parts[0]
    else:
        return None
    month = lex["months"].get(name.rstrip("."))
    if month is None:
        return None
    year = pub.year
    if qualifier == "next" or (future and qualifier != "last"):
        if month < pub.month or (qualifier == "next" and month == pub.month):
            year += 1
    elif month > pub.month or (qualifier == "last" and month == pub.month):
        year -= 1
    return Resolved(dt.date(year, month, 1), "month")


def _absolute(words: str, pub: dt.date | None = None, future: bool = False) -> Resolved | None:
    year = _YEAR.match(words)
    if year:
        return Resolved(dt.date(int(year.group(1)), 1, 1), "year")
    decade = _DECADE.match(words)
    if decade:
        return Resolved(dt.date(int(decade.group(1)), 1, 1), "year")
    lex = lexicon()
    tokens = words.replace(".", " ").split()
    names_month = any(t in lex["months"] for t in tokens)
    has_year = bool(re.search(r"\b(?:1[5-9]|20)\d\d\b", words))
    if not (names_month or _NUMERIC_DATE.search(words)):
        return None
    if pub is None and not has_year:
        return None
    try:
        data = _parser(pub, "future" if future else "past").get_date_data(words)
    except Exception:  # dateparser raises assorted errors on odd text; never let them out
        return None
    if data is None or data.date_obj is None:
        return None
    found = data.date_obj.date()
    if data.period == "year":
        return Resolved(dt.date(found.year, 1, 1), "year")
    if data.period == "month":
        return Resolved(dt.date(found.year, found.month, 1), "month")
    if data.period in ("day", "time", "week"):
        return Resolved(found, "day")
    return None


def period_end(resolved_date: dt.date, precision: str | None) -> dt.date:
    """The last day of the period a resolved date stands for."""
    if precision == "year":
        return dt.date(resolved_date.year, 12, 31)
    if precision == "month":
        last = calendar.monthrange(resolved_date.year, resolved_date.month)[1]
        return dt.date(resolved_date.year, resolved_date.month, last)
    return resolved_date
