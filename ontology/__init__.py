"""The OWL ontology of crampkg (Turtle), shipped with the package."""
