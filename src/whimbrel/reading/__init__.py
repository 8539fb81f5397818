"""Reading documents: files, folders, JSONL/CSV rows, HTML and stdin into :class:`Document`."""
