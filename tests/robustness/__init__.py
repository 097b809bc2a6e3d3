"""Hostile-input and immutability guarantees (issue 8)."""
