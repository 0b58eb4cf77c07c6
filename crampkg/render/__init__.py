"""Pictures and pages made from a built graph: the figures and the ontology documentation page."""
