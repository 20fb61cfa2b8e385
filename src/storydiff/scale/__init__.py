"""Executors for distributed engines; they run the steps of ``corpus/steps.py`` unchanged."""
