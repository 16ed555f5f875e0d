"""Bundled resources: the sample listing and the application icons."""
