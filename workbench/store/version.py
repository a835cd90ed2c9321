"""The schema version this workbench writes (also kept in ``PRAGMA user_version``)."""

SCHEMA_VERSION = 7
