"""The dataset's VoID and DCAT description: what the graphs hold, where their dumps are, how to query them.

The statistics (triples, entities, class and property partitions) come from rdflib's :func:`rdflib.void.generateVoID`;
the named graphs are described as subsets, as the TriG and the endpoint hold them.
"""
from __future__ import annotations

import hashlib

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, VOID, XSD
from rdflib.term import Node
from rdflib.void import generateVoID

from crampkg.build.dataset import DATASET_IRI as DATASET
from crampkg.namespaces import ONTOLOGY_IRI, RESOURCE, bind_prefixes

ASSERTED_GRAPH = URIRef("https://w3id.org/crampkg/graph/asserted")
INFERRED_GRAPH = URIRef("https://w3id.org/crampkg/graph/inferred")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
#: The dumps ``crampkg build`` writes, by file name and media type.
DUMPS = (("crampkg.ttl", "text/turtle"), ("crampkg.nt", "application/n-triples"), ("crampkg.trig", "application/trig"))


def _stable_partition_names(statistics: Graph, subset: URIRef) -> Graph:
    """``statistics`` with each class or property partition named after its class or property (rdflib numbers them
    in the order it meets them, which changes from run to run)."""
    renamed: dict[Node, URIRef] = {}
    for kind, predicate in (("class", VOID["class"]), ("property", VOID.property)):
        for partition, term in statistics.subject_objects(predicate):
            digest = hashlib.sha256(str(term).encode("utf-8")).hexdigest()[:16]
            renamed[partition] = URIRef(f"{subset}-{kind}-{digest}")
    stable = Graph()
    for s, p, o in statistics:
        stable.add((renamed.get(s, s), p, renamed.get(o, o)))
    return stable


def describe_dataset(graphs: dict[URIRef, Graph], sparql_endpoint: str | None = None) -> Graph:
    """VoID and DCAT for the named graphs in ``graphs`` (graph IRI → triples): one ``void:subset`` per graph with
    its statistics, the dumps, the resource IRI space, and ``void:sparqlEndpoint`` when one is given."""
    description = Graph()
    bind_prefixes(description)
    description.bind("void", VOID)
    description.bind("dcat", DCAT)
    description.bind("sd", SD)
    for name, graph in graphs.items():
        subset = URIRef(f"{name}#void")
        statistics, _ = generateVoID(graph, dataset=subset, distinctForPartitions=False)
        description += _stable_partition_names(statistics, subset)
        description.add((DATASET, VOID.subset, subset))
        description.add((subset, SD.name, name))
        description.add((subset, DCTERMS.title, Literal(f"crampkg {name.split('/')[-1]} graph", lang="en")))
    description.add((DATASET, RDF.type, VOID.Dataset))
    description.add((DATASET, RDF.type, DCAT.Dataset))
    description.add((DATASET, DCTERMS.title, Literal("crampkg: knowledge graph of back muscle cramps", lang="en")))
    description.add((DATASET, DCTERMS.title, Literal("crampkg: Wissensgraph zu Muskelkrämpfen im Rücken", lang="de")))
    description.add((DATASET, VOID.triples, Literal(sum(len(g) for g in graphs.values()), datatype=XSD.integer)))
    description.add((DATASET, VOID.uriSpace, Literal(str(RESOURCE))))
    description.add((DATASET, VOID.vocabulary, URIRef(ONTOLOGY_IRI)))
    for filename, media_type in DUMPS:
        dump = URIRef(f"https://w3id.org/crampkg/dist/{filename}")
        description.add((DATASET, VOID.dataDump, dump))
        distribution = URIRef(f"{DATASET}#{filename}")
        description.add((DATASET, DCAT.distribution, distribution))
        description.add((distribution, RDF.type, DCAT.Distribution))
        description.add((distribution, DCAT.downloadURL, dump))
        description.add((distribution, DCAT.mediaType, Literal(media_type)))
    if sparql_endpoint:  # the endpoint that serves it; a static description has none
        description.add((DATASET, VOID.sparqlEndpoint, URIRef(sparql_endpoint)))
    return description
