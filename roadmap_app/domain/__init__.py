"""Plain data and pure rules. Imports only the standard library."""
