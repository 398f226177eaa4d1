"""API endpoints, one module per domain; each view parses input, calls one selector or service, serializes.

Later issues add `planning.py` (candidates, scenarios), `transfers.py` (proposals and their transitions, SK
verification), `development.py` and `evaluation.py` beside these, with serializers in `tepat/api/serializers/`
and routes in `tepat/api/urls.py` + `tepat/api/policy.py`.
"""
