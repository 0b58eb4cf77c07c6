"""The build stage: read the curated sources (through :mod:`crampkg.loaders`), convert them to RDF, reason
(OWL 2 RL, HermiT, sound shortcuts), validate (SHACL, quality checks) and write the artefacts."""
