"""Read-only views of a built graph: labels and kinds, the networkx graph, its analysis and the statistics."""
