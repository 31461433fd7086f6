"""Roadmap: an offline desktop guide along the road to a machine learning engineer job."""

__version__ = "0.1.0"
