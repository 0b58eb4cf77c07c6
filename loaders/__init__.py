"""The loaders: read an article folder (text, sections, curated YAML facts), validate it and turn it into RDF."""
