"""Records: the event schema and the assembly of stage outputs into events."""
