"""Tepat's pure decision core: rules, scores, plans, workflow and statistics. No Django import below here."""
