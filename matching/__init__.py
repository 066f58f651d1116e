"""Matching: encoders, the pure ranking pipeline, explanations and offline evaluation."""
