"""Knowledge modules: dates, places, actors, ontology and lexicon tables loaded from data/."""
