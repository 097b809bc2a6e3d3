"""Deciding many records: the batch path over a process pool."""
