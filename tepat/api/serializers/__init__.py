"""Output and input serializers, one module per domain (organization, people, tokens; later planning, transfers).

Every serializer lists its fields explicitly (no `__all__`, no `exclude`: SECURITY.md R-04); objects carry their
opaque `public_id` as `id`.
"""
