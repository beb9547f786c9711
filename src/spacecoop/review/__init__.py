"""Analysts correct the record: decisions tied to evidence, their re-application after every
extraction, the review queue, tokens and roles. Pure functions here; SQL in `store/review.py`."""
