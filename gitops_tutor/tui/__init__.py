"""The Textual study app: the only layer that imports textual."""
