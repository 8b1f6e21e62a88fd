"""Derived tables of the chapters, computed with pandas from the typed tables of `data/` (no charts, HTML or sentences)."""
