"""Storage and output: table, JSONL, CSV and Parquet writers and the DuckDB store."""
