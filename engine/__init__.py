"""Kakehashi engine: pure-Python domain logic with no Django import.

Takes and returns plain data (dataclasses, dicts, numpy arrays) so that it can be
tested, benchmarked and reused without the web application.
"""

__version__ = "0.1.0"
