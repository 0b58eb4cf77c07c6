"""The curated article folders: text, sections, facts and what is not modelled."""
