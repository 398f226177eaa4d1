"""Thin views of the transfers app, split by sub-domain; each parses input, calls one service, renders."""
