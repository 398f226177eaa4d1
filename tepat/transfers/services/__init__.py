"""Writes of the transfers app, split by sub-domain. Every status change goes through `workflow.move_transition`."""
