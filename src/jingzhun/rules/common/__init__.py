"""Blocks shared by rule families: parameter access, guarantee facts, procedure checks."""
