"""Benchmarks at city scale (issue 8): `make bench` runs `python -m bench` against a throw-away PostgreSQL.

One module per family: `city` (seeding), `pages` (test client), `server` + `loadgen` (gunicorn under load),
`engine` (scoring and screening), `placement` (reuses `bench_placement.py`), `features` (benchmarks of
features that may not exist yet). `stats` holds the figures, `report` the final table.
"""
