"""Measuring whimbrel: gold-set loaders, scorers and the runner behind ``whimbrel eval``.

- :mod:`whimbrel.evaluation.gold` reads each public gold set into small typed items.
- :mod:`whimbrel.evaluation.scoring` turns gold items and predictions into snake_case metrics.
- :mod:`whimbrel.evaluation.run` ties them to the pipeline: ``evaluate(set_name) -> Scorecard``.

Gold sets are read from the shared data folder (never shipped with the package).
"""

from whimbrel.evaluation.run import SETS, Scorecard, evaluate

__all__ = ["SETS", "Scorecard", "evaluate"]
