// Package ontology is Dossier's vocabulary: the namespaces it reuses
// (schema.org, SEM, SKOS, Dublin Core terms, NIF, OWL), the terms it mints
// where those lack one, the ontology file that defines them (embedded), and
// the one mapping from extracted annotations to RDF quads. It is the only
// place in Dossier that mints IRIs.
package ontology

// Namespaces reused by Dossier.
const (
	RDF     = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	RDFS    = "http://www.w3.org/2000/01/rdf-schema#"
	XSD     = "http://www.w3.org/2001/XMLSchema#"
	OWL     = "http://www.w3.org/2002/07/owl#"
	SKOS    = "http://www.w3.org/2004/02/skos/core#"
	DCTerms = "http://purl.org/dc/terms/"
	FOAF    = "http://xmlns.com/foaf/0.1/"
	Schema  = "https://schema.org/"
	SEM     = "http://semanticweb.cs.vu.nl/2009/11/sem/"
	NIF     = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
	ITSRDF  = "http://www.w3.org/2005/11/its/rdf#"
	PROV    = "http://www.w3.org/ns/prov#"
	// Dossier is the namespace of the terms Dossier mints itself
	// (event types, roles, turns). It is fixed, unlike the base IRI of the
	// data, so that two archives built with Dossier share a vocabulary.
	Dossier = "https://dossier-archive.github.io/ns#"
	// Wikidata entity IRIs, the target of owl:sameAs.
	Wikidata = "http://www.wikidata.org/entity/"
)

// DefaultBase is the base IRI of the data when none is configured: a
// reserved example domain, so that nobody publishes under it by mistake.
const DefaultBase = "https://dossier.example.org/"
