"""Shared entities and vocabularies: households, members, villages, counties, registry entries."""
