"""The client store (SQLite, store format 2): display information, model inputs and raw Kaggle rows of every
client, read by the API. The layout is in docs/artifacts.md."""
from model.store.checksum import store_digest
from model.store.display import DAYS_EMPLOYED_PLACEHOLDER, DAYS_PER_YEAR, display_rows, history_counts
from model.store.reader import raw_tables, read_application, read_applications, read_raw, read_vectors
from model.store.writer import CLIENT_COLUMNS, STORE_FORMAT, write_store

__all__ = ["CLIENT_COLUMNS", "DAYS_EMPLOYED_PLACEHOLDER", "DAYS_PER_YEAR", "STORE_FORMAT", "display_rows",
           "history_counts", "raw_tables", "read_application", "read_applications", "read_raw", "read_vectors",
           "store_digest", "write_store"]
