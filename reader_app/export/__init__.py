"""Markdown exporters (no Qt): a digest document and a folder of per-paper files."""

ANNOTATED = "has:note OR has:tags OR is:starred"
