"""Placeholder: tables for this domain are added by its issue."""
