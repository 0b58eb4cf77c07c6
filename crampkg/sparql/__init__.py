"""SPARQL: the named-query catalog, query parsing and parameters, the two embedded engines, result formats,
remote endpoints and the killable deadline."""
