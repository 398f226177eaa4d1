"""Placement scenarios (Skenario Mutasi): pool, seats, constraints, runs and their plans."""

__all__: list[str] = []
