"""Extract stage of breachlens."""
