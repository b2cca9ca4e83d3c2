"""Pipeline stages, one module each: clean, nlp, actors, events, dates, places, attribution, merge."""
