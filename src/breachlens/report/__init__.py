"""Report stage of breachlens."""
