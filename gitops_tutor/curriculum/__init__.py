"""Content files -> typed models: reading, checking and loading the curriculum."""
