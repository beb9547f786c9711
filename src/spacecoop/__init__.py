"""spacecoop: an evidence-backed knowledge base of international space cooperation."""

__version__ = "0.1.0"
