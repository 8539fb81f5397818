"""Language analysis: the spaCy pipeline, loaded once per process."""
