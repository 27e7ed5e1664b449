"""Bounds of an outline's values, shared by the models and the command line (which loads no
model to print its help)."""

MIN_MINUTES, MAX_MINUTES = 1, 240
"""A talk's length in minutes."""
