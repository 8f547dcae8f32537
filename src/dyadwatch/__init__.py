"""dyadwatch: coded events and relation states over time, from news text."""

__version__ = "0.1.0"
