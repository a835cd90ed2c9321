"""SQLite storage through sqlite-utils: schema, the Store API and the audit log."""

from workbench.store.store import Store

__all__ = ["Store"]
