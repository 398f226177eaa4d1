"""Writes of the development app (every write audited, in one transaction): plans and their items."""
