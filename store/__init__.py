"""The store: the only owner of the schema, the connections, and every write."""

from store.connection import StoreBusy, StoreError
from store.store import IngestRun, MetricWriter, Store, StoredDocument

__all__ = ["IngestRun", "MetricWriter", "Store", "StoreBusy", "StoreError", "StoredDocument"]
