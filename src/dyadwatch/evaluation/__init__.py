"""Measurement: the seed gold, PLV cross-validation, real-news scoring, actor and attribute checks, and the
speed benchmark against spaCy."""
