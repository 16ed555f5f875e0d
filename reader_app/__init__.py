"""Reading List: a desktop reading list for AI research papers."""

__version__ = "0.1.0"
