"""Candidate ranking for a seat, side-by-side comparison, an employee's best-fit positions, ranking profiles."""
