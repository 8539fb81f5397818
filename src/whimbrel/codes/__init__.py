"""Codes: PLOVER type and mode → quad class, CAMEO code and ACLED type through one table."""
