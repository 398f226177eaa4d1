"""Writes of the exchange app: import batches (upload, preview, commit, rollback)."""
