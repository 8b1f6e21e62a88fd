"""Tables derived from the typed data for the chapters: pandas only (no charts, no HTML, no sentences)."""
