"""Dates: when an event happened, resolved against the publication date."""
