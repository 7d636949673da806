"""Pipelines: turn raw downloads (Epoch AI's datasets) into the committed tables of data/processed/."""
