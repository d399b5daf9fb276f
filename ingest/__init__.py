"""Documents to facts: read, normalise, recognise, extract."""
