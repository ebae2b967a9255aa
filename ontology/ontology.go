package ontology

import (
	_ "embed"
	"strings"
)

//go:embed dossier.ttl
var dossierTTL []byte

// Turtle returns the ontology file (dossier.ttl): the definitions of the
// dossier: terms and how they relate to the vocabularies Dossier reuses.
// The caller may modify the returned slice.
func Turtle() []byte { return append([]byte(nil), dossierTTL...) }

// OntologyIRI is the IRI of the ontology itself (the namespace without '#').
const OntologyIRI = "https://dossier-archive.github.io/ns"

// Prefix is one namespace abbreviation for Turtle and JSON-LD output.
type Prefix struct {
	Name      string // "schema"
	Namespace string // "https://schema.org/"
}

// Prefixes returns the prefixes Dossier's output uses, in the order they
// are written: the reused vocabularies, dossier:, Wikidata entities (wd:),
// and one prefix per kind of resource under base (doc:, person:, org:,
// place:, event:). An empty base means DefaultBase.
func Prefixes(base string) []Prefix {
	base = NormalizeBase(base)
	return []Prefix{
		{"rdf", RDF},
		{"rdfs", RDFS},
		{"xsd", XSD},
		{"owl", OWL},
		{"skos", SKOS},
		{"dcterms", DCTerms},
		{"foaf", FOAF},
		{"schema", Schema},
		{"sem", SEM},
		{"nif", NIF},
		{"itsrdf", ITSRDF},
		{"prov", PROV},
		{"dossier", Dossier},
		{"wd", Wikidata},
		{"doc", base + "document/"},
		{"person", base + "person/"},
		{"org", base + "organization/"},
		{"place", base + "place/"},
		{"event", base + "event/"},
	}
}

// NormalizeBase returns the base IRI the IRIs are minted under: DefaultBase
// when base is empty, and otherwise base ending in '/' (added when
// missing), so that "https://archive.example.org" and
// "https://archive.example.org/" mint the same IRIs.
func NormalizeBase(base string) string {
	if base == "" {
		return DefaultBase
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	return base
}
