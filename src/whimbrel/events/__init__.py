"""Event detection and typing: clauses that report political events → PLOVER type and mode."""
