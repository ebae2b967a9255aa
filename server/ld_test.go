package server

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/dossier-archive/dossier/ontology"
	"github.com/dossier-archive/dossier/rdfio"
)

// rapper parses RDF with raptor (an independent parser) and returns the
// number of triples; the test skips when rapper is not installed.
func rapper(t *testing.T, syntax, base, data string) int {
	t.Helper()
	path, err := exec.LookPath("rapper")
	if err != nil {
		t.Skip("rapper (raptor2-utils) is not installed")
	}
	cmd := exec.Command(path, "-i", syntax, "-o", "ntriples", "-", base)
	cmd.Stdin = strings.NewReader(data)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("rapper -i %s: %v\n%s\n%s", syntax, err, errb.String(), clip(data))
	}
	m := regexp.MustCompile(`returned (\d+) triples?`).FindStringSubmatch(errb.String())
	if m == nil {
		t.Fatalf("rapper said: %s", errb.String())
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// decode reads RDF with Dossier's own decoders into a set of triples.
func decode(t *testing.T, format, data string) map[ontology.Quad]bool {
	t.Helper()
	f, ok := rdfio.ByName(format)
	if !ok {
		t.Fatalf("no format %s", format)
	}
	dec, err := f.NewDecoder(strings.NewReader(data), rdfio.DecodeOptions{Name: format})
	if err != nil {
		t.Fatal(err)
	}
	defer dec.Close()
	out := map[ontology.Quad]bool{}
	for {
		q, err := dec.Decode()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("%s does not parse: %v\n%s", format, err, clip(data))
		}
		out[q.Triple()] = true
	}
}

func TestLinkedDataNegotiation(t *testing.T) {
	s := newServer(t, samplesStore(t), nil)
	iri := ontology.DefaultBase + "person/zhou-enlai"
	zhou := ontology.NewIRI(iri)
	label := ontology.Quad{S: zhou, P: ontology.NewIRI(ontology.RDFSLabel), O: ontology.NewString("Zhou Enlai")}
	typ := ontology.Quad{S: zhou, P: ontology.NewIRI(ontology.RDFType), O: ontology.NewIRI(ontology.SchemaPerson)}

	ttl := get(t, s, zhouPath, "Accept: text/turtle")
	ttl.want(t, http.StatusOK, "@prefix schema: <https://schema.org/>", "person:zhou-enlai")
	if ct := ttl.header.Get("Content-Type"); ct != "text/turtle; charset=utf-8" {
		t.Errorf("Turtle Content-Type %q", ct)
	}
	if v := ttl.header.Get("Vary"); v != "Accept" {
		t.Errorf("Vary %q", v)
	}
	triples := decode(t, "turtle", ttl.body)
	if !triples[label] || !triples[typ] {
		t.Errorf("the Turtle lacks the label or the type:\n%s", ttl.body)
	}
	if n := rapper(t, "turtle", iri, ttl.body); n != len(triples) {
		t.Errorf("rapper read %d triples, Dossier's reader %d", n, len(triples))
	}
	// the description: its own triples and the labels of what it points to
	for q := range triples {
		if q.S != zhou && q.P.Value != ontology.RDFSLabel && q.P.Value != ontology.NIFAnchorOf {
			t.Errorf("a triple neither about Zhou Enlai nor a label: %s", q)
		}
	}

	jl := get(t, s, zhouPath, "Accept: application/ld+json")
	jl.want(t, http.StatusOK, `"@id"`)
	if ct := jl.header.Get("Content-Type"); ct != "application/ld+json" {
		t.Errorf("JSON-LD Content-Type %q", ct)
	}
	if got := decode(t, "jsonld", jl.body); len(got) != len(triples) || !got[label] {
		t.Errorf("JSON-LD holds %d triples (Turtle %d)", len(got), len(triples))
	}

	nt := get(t, s, zhouPath, "Accept: application/n-triples")
	if n := rapper(t, "ntriples", iri, nt.body); n != len(triples) {
		t.Errorf("N-Triples: %d triples, want %d", n, len(triples))
	}
	// ?format= wins over Accept
	get(t, s, zhouPath+"?format=ntriples", htmlAccept).want(t, http.StatusOK, label.String())
	// a browser gets the page
	get(t, s, zhouPath, htmlAccept).want(t, http.StatusOK, "<h1>Zhou Enlai</h1>")
	// nothing acceptable
	get(t, s, zhouPath, "Accept: image/png").want(t, http.StatusNotAcceptable, "text/turtle")
}

func TestLinkedDataEveryKind(t *testing.T) {
	st := samplesStore(t)
	s := newServer(t, st, nil)
	ev := firstEvent(t, s)
	for _, path := range []string{zhouPath, "/organization/party-of-labor-of-albania", "/place/moscow", zhouDoc, ev} {
		r := get(t, s, path, "Accept: text/turtle")
		if r.status != http.StatusOK {
			t.Errorf("%s: status %d", path, r.status)
			continue
		}
		iri := ontology.DefaultBase + strings.TrimPrefix(path, "/")
		if rapper(t, "turtle", iri, r.body) == 0 {
			t.Errorf("%s: no triples", path)
		}
		triples := decode(t, "turtle", r.body)
		found := false
		for q := range triples {
			found = found || q.S.Value == iri
		}
		if !found {
			t.Errorf("%s: nothing about <%s>", path, iri)
		}
		jl := get(t, s, path, "Accept: application/ld+json")
		if got := decode(t, "jsonld", jl.body); len(got) != len(triples) {
			t.Errorf("%s: JSON-LD %d triples, Turtle %d", path, len(got), len(triples))
		}
	}
	// a document's description is its metadata, not its mentions
	doc := decode(t, "turtle", get(t, s, zhouDoc, "Accept: text/turtle").body)
	for q := range doc {
		if strings.Contains(q.S.Value, "#char=") {
			t.Errorf("the document's description holds a string of its text: %s", q)
		}
	}
	// the whole graph is at /graph/ID, every mention in it
	whole := get(t, s, "/graph/zhou-pham-1966-11-20", htmlAccept)
	whole.want(t, http.StatusOK, "nif:anchorOf")
	if n := rapper(t, "turtle", ontology.DefaultBase, whole.body); n < 10*len(doc) {
		t.Errorf("the whole graph has %d triples, the description %d", n, len(doc))
	}
	nq := get(t, s, "/graph/zhou-pham-1966-11-20", "Accept: application/n-quads")
	if rapper(t, "nquads", ontology.DefaultBase, nq.body) == 0 || !strings.Contains(nq.body, "<"+ontology.DefaultBase+"document/zhou-pham-1966-11-20> .\n") {
		t.Errorf("the N-Quads graph lacks its graph label")
	}
}

// firstEvent returns the path of an event of the samples.
func firstEvent(t *testing.T, s *Server) string {
	t.Helper()
	m := regexp.MustCompile(`href="(/event/[^"#]+)"`).FindStringSubmatch(get(t, s, zhouDoc, htmlAccept).body)
	if m == nil {
		t.Fatal("no event linked from the document page")
	}
	return m[1]
}

func TestLinkedDataUnderAnotherBase(t *testing.T) {
	base := "https://archive.example.org/collections/"
	st, err := buildStore(filepath.Join(t.TempDir(), "store"), ontology.Mapper{Base: base}, filepath.Join(samplesDir, "zhou-pham-1966-11-20.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s := newServer(t, st, func(c *Config) { c.Mapper = ontology.Mapper{Base: base} })
	// the request path names the IRI under the base, whatever its host
	// and path
	r := get(t, s, "/person/zhou-enlai", "Accept: application/n-triples")
	r.want(t, http.StatusOK, "<"+base+"person/zhou-enlai> <"+ontology.RDFSLabel+"> \"Zhou Enlai\" .")
	page := get(t, s, "/person/zhou-enlai", htmlAccept)
	page.want(t, http.StatusOK, base+"person/zhou-enlai", `href="/document/zhou-pham-1966-11-20"`)
	if strings.Contains(page.body, `href="https://archive.example.org`) {
		t.Error("a link leaves the server for an IRI under the base")
	}
	get(t, s, "/collections/person/zhou-enlai", htmlAccept).want(t, http.StatusNotFound)
}
