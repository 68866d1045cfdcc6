"""Reading the Home Credit tables (Kaggle format)."""
from model.data.load import DataError, Tables, load_tables, read_table

__all__ = ["DataError", "Tables", "load_tables", "read_table"]
