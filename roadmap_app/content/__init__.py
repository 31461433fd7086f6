"""The built-in roadmap: TOML files in resources/ turned into domain objects."""

from roadmap_app.content.loader import ContentError, default_roadmap_path, load_roadmap

__all__ = ["ContentError", "default_roadmap_path", "load_roadmap"]
