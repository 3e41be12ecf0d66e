"""Reusable widgets: tables and views that any pane can use."""
