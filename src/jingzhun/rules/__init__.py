"""The rule families: one package per family, one module per rule; ``common`` holds shared blocks.

Base families (identification, consistency, exit) import only the spine, the domain and
``rules.common``; composite families (dynamic) may import base families, never the reverse.
"""
