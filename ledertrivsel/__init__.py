"""Ledertrivsel: conversations about leaders' well-being, run live."""
