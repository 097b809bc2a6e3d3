"""Classified support (分类施策, 五个一批): pathways, fitting measures, plans, 低保 coverage.

A base family: pure functions of a household (or its plan case) and a date. Which pathway and
which measures fit which cause are tables of ``data/parameters/classification.toml``, each row
with its clauses and its own status.
"""
