"""The cultural diplomacy knowledge graph."""

__version__ = "0.1.0"
