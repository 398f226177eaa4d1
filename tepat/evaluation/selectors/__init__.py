"""Reads of the evaluation app: the SKP panel (panel.py), stored evaluation runs (rounds.py), reviews and the
talent map (reviews.py, talent.py)."""
