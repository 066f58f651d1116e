"""Notifications: one notice model with a generic target, notify(), and one daily digest."""
