"""Annotation, training and evaluation of longarm's learned extraction components (run from `make`)."""
