"""The named SPARQL queries (``.rq`` files) and the build's check queries (``checks/``)."""
