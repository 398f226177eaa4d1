"""Pages of the exchange app: imports (hr_admin) and exports (staff roles, scoped)."""
