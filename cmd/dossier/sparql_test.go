package main

import (
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dossier-archive/dossier/rdfio"
)

func TestSparqlFormats(t *testing.T) {
	store := filepath.Join(t.TempDir(), "store")
	mustDossier(t, "--store", store, "build", samples(t))
	// no PREFIX lines: Dossier's prefixes are known
	q := `SELECT ?person ?name WHERE { ?person a schema:Person ; rdfs:label ?name FILTER(?name = "Andrei Gromyko") }`
	const gromyko = "https://dossier.example.org/person/andrei-gromyko"

	var res struct {
		Head    struct{ Vars []string }
		Results struct {
			Bindings []map[string]struct{ Type, Value string }
		}
	}
	out := mustDossier(t, "--store", store, "sparql", "--format", "json", q)
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	if strings.Join(res.Head.Vars, ",") != "person,name" || len(res.Results.Bindings) != 1 ||
		res.Results.Bindings[0]["person"].Value != gromyko || res.Results.Bindings[0]["person"].Type != "uri" ||
		res.Results.Bindings[0]["name"].Value != "Andrei Gromyko" {
		t.Errorf("json results: %+v", res)
	}

	var x struct {
		Vars []struct {
			Name string `xml:"name,attr"`
		} `xml:"head>variable"`
		Results []struct {
			Bindings []struct {
				Name    string `xml:"name,attr"`
				URI     string `xml:"uri"`
				Literal string `xml:"literal"`
			} `xml:"binding"`
		} `xml:"results>result"`
	}
	out = mustDossier(t, "--store", store, "sparql", "--format", "xml", q)
	if err := xml.Unmarshal([]byte(out), &x); err != nil {
		t.Fatalf("xml: %v\n%s", err, out)
	}
	if len(x.Vars) != 2 || len(x.Results) != 1 || x.Results[0].Bindings[0].URI != gromyko || x.Results[0].Bindings[1].Literal != "Andrei Gromyko" {
		t.Errorf("xml results: %+v", x)
	}

	out = mustDossier(t, "--store", store, "sparql", "--format", "csv", q)
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) != 2 || rows[1][0] != gromyko || rows[1][1] != "Andrei Gromyko" {
		t.Errorf("csv: %v %q", err, out)
	}
	if want := "?person\t?name\n<" + gromyko + ">\t\"Andrei Gromyko\"\n"; mustDossier(t, "--store", store, "sparql", "--format", "tsv", q) != want {
		t.Errorf("tsv: %q", mustDossier(t, "--store", store, "sparql", "--format", "tsv", q))
	}
	out = mustDossier(t, "--store", store, "sparql", q)
	if !strings.Contains(out, "person:andrei-gromyko") || !strings.Contains(out, "(1 row)") {
		t.Errorf("table:\n%s", out)
	}
	if out := mustDossier(t, "--store", store, "sparql", `ASK { ?p rdfs:label "Andrei Gromyko" }`); out != "true\n" {
		t.Errorf("ASK: %q", out)
	}

	// CONSTRUCT writes Turtle by default, from a file given with -f
	file := filepath.Join(t.TempDir(), "graph.rq")
	if err := os.WriteFile(file, []byte("CONSTRUCT { ?p schema:name ?n } WHERE { ?p a schema:Person ; rdfs:label ?n }"), 0o644); err != nil {
		t.Fatal(err)
	}
	out = mustDossier(t, "--store", store, "sparql", "-f", file)
	dec, err := rdfio.NewTurtleDecoder(strings.NewReader(out), rdfio.DecodeOptions{Name: "construct.ttl"})
	if err != nil {
		t.Fatal(err)
	}
	defer dec.Close()
	n := 0
	for {
		q, err := dec.Decode()
		if err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("construct output: %v\n%s", err, out)
		}
		if q.P.Value != "https://schema.org/name" {
			t.Errorf("unexpected triple %s", q)
		}
		n++
	}
	if n < 10 {
		t.Errorf("construct: %d triples\n%s", n, out)
	}
	if code, _, errs := dossier(t, "--store", store, "sparql", "--format", "json", "-f", file); code == 0 || !strings.Contains(errs, "CONSTRUCT writes RDF") {
		t.Errorf("CONSTRUCT as json: exit %d, %s", code, errs)
	}
}

func TestSparqlErrors(t *testing.T) {
	store := filepath.Join(t.TempDir(), "store")
	mustDossier(t, "--store", store, "build", samples(t))
	code, _, errs := dossier(t, "--store", store, "sparql", "SELECT * WHERE {\n  ?s ?p ?o MINUS { ?s a ?c } }")
	if code != 1 || !strings.Contains(errs, "query:2:12: MINUS is not supported") {
		t.Errorf("MINUS: exit %d, %q", code, errs)
	}
	file := filepath.Join(t.TempDir(), "bad.rq")
	if err := os.WriteFile(file, []byte("SELECT ?x WHERE { ?x ex:p 1 }"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := dossier(t, "--store", store, "sparql", "-f", file); code != 1 || !strings.Contains(errs, "bad.rq:1:22: undefined prefix") {
		t.Errorf("undefined prefix: exit %d, %q", code, errs)
	}
	// a cross product of the whole store with itself, three times, is
	// stopped at the deadline
	start := time.Now()
	code, _, errs = dossier(t, "--store", store, "sparql", "--timeout", "200ms",
		"SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
	if code != 1 || !strings.Contains(errs, "deadline exceeded") {
		t.Errorf("cross product: exit %d, %q", code, errs)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("cross product stopped after %s", d)
	}
}
