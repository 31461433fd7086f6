"""Widgets, Qt models and delegates the pages are built from."""
