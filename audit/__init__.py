"""`make audit`: the whole-site quality audit (see run.py and docs/quality.md)."""
