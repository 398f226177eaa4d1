"""Ranking profiles: the method and weights an analyst chose per position kind, versioned."""

__all__: list[str] = []
