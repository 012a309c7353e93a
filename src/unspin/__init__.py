"""unspin: shows, with evidence, how news articles try to persuade or mislead."""

__version__ = "0.1.0"
