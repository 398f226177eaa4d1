#!/usr/bin/env bash
# `check --deploy` under the production settings with the environment a real deployment provides.
set -euo pipefail
export DJANGO_SETTINGS_MODULE=config.settings.production
export DJANGO_SECRET_KEY="check-deploy-$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')-long-enough-value"
export DJANGO_ALLOWED_HOSTS="tepat.example.go.id"
export DATABASE_URL="postgres://tepat:unused@127.0.0.1:5432/tepat"
.venv/bin/python manage.py check --deploy --fail-level WARNING
