"""Actors and recipients: who did it and to whom, with country and sector."""
