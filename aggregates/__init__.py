"""The dashboard's aggregate queries: filters become SQL, aggregation happens in DuckDB."""
