"""Places: toponyms found in text and resolved to GeoNames; the event's place."""
