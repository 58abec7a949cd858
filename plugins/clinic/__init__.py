"""Clinic site plugin: profile, catalog, content checks, structured data and build modes."""

from .plugin import register

__all__ = ["register"]
