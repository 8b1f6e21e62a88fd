"""The chapters' derived tables: pandas only, computed from the typed tables of the data layer."""
