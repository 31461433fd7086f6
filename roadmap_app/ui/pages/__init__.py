"""The five pages of the main window."""
