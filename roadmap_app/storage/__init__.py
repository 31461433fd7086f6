"""SQLite storage through SQLAlchemy 2. No Qt here."""
