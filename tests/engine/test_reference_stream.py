"""References written once for compact output (issue 11 §5: parameter sources by id)."""

from __future__ import annotations

from jingzhun.engine.reference_stream import ReferenceStream


def test_each_chunks_table_is_looked_at_even_when_the_last_one_is_gone() -> None:
    """Chunks' tables are told apart by identity with the last one held, never by ``id()``: a
    freed table's id may be the next one's, and its new entries must still be written."""
    stream = ReferenceStream()
    first = stream.news({"citations": {"A": {"title": "a"}}, "parameters": {}})
    second = stream.news({"citations": {"B": {"title": "b"}}, "parameters": {}})
    assert first is not None and first["citations"] == {"A": {"title": "a"}}
    assert second is not None and second["citations"] == {"B": {"title": "b"}}
    assert stream.document()["citations"] == {"A": {"title": "a"}, "B": {"title": "b"}}
    for i in range(200):  # tables made and dropped one after another, as chunks are
        assert stream.news({"citations": {f"C{i}": {}}, "parameters": {}}) is not None, i


def test_a_table_seen_again_adds_nothing() -> None:
    stream = ReferenceStream()
    table = {"citations": {"A": {"title": "a"}}, "parameters": {"p:1": {"name": "x"}}}
    assert stream.line(table).startswith('{"schema": "urn:jingzhun:schema:references:1"')
    assert stream.line(table) == ""
    assert stream.news({"citations": {"A": {"title": "a"}}, "parameters": {}}) is None
