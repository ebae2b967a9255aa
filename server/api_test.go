package server

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dossier-archive/dossier/graph/sparql"
)

// A query the engine answers at once: Zhou Enlai's names.
const labelQuery = `SELECT ?name WHERE { person:zhou-enlai rdfs:label ?name }`

type sparqlJSON struct {
	Head struct {
		Vars []string `json:"vars"`
	} `json:"head"`
	Results struct {
		Bindings []map[string]map[string]string `json:"bindings"`
	} `json:"results"`
	Boolean *bool `json:"boolean"`
}

func TestSPARQLProtocol(t *testing.T) {
	s := newServer(t, samplesStore(t), nil)
	q := url.QueryEscape(labelQuery)

	check := func(name string, r response) {
		t.Helper()
		r.want(t, http.StatusOK)
		if ct := r.header.Get("Content-Type"); ct != "application/sparql-results+json" {
			t.Errorf("%s: Content-Type %q", name, ct)
		}
		var res sparqlJSON
		if err := json.Unmarshal([]byte(r.body), &res); err != nil {
			t.Fatalf("%s: %v\n%s", name, err, r.body)
		}
		if len(res.Head.Vars) != 1 || res.Head.Vars[0] != "name" || len(res.Results.Bindings) != 1 ||
			res.Results.Bindings[0]["name"]["value"] != "Zhou Enlai" || res.Results.Bindings[0]["name"]["type"] != "literal" {
			t.Errorf("%s: %s", name, r.body)
		}
	}
	// the three ways of sending a query
	check("GET", get(t, s, "/sparql?query="+q))
	check("POST form", do(t, s, "POST", "/sparql", strings.NewReader("query="+q), "Content-Type: application/x-www-form-urlencoded"))
	check("POST query", do(t, s, "POST", "/sparql", strings.NewReader(labelQuery), "Content-Type: application/sparql-query"))

	// results formats by Accept
	x := get(t, s, "/sparql?query="+q, "Accept: application/sparql-results+xml")
	var xr struct {
		Head struct {
			Vars []struct {
				Name string `xml:"name,attr"`
			} `xml:"variable"`
		} `xml:"head"`
		Results []struct {
			Binding []struct {
				Name    string `xml:"name,attr"`
				Literal string `xml:"literal"`
			} `xml:"binding"`
		} `xml:"results>result"`
	}
	if err := xml.Unmarshal([]byte(x.body), &xr); err != nil || len(xr.Results) != 1 || xr.Results[0].Binding[0].Literal != "Zhou Enlai" {
		t.Errorf("XML results (%v): %s", err, x.body)
	}
	c := get(t, s, "/sparql?query="+q, "Accept: text/csv")
	rows, err := csv.NewReader(strings.NewReader(c.body)).ReadAll()
	if err != nil || len(rows) != 2 || rows[0][0] != "name" || rows[1][0] != "Zhou Enlai" || !strings.HasPrefix(c.header.Get("Content-Type"), "text/csv") {
		t.Errorf("CSV results (%v): %q", err, c.body)
	}
	tsv := get(t, s, "/sparql?query="+q, "Accept: text/tab-separated-values")
	if tsv.body != "?name\n\"Zhou Enlai\"\n" {
		t.Errorf("TSV results: %q", tsv.body)
	}
	get(t, s, "/sparql?format=csv&query="+q, "Accept: application/json").want(t, http.StatusOK, "name\r\nZhou Enlai\r\n")
	get(t, s, "/sparql?query="+q, "Accept: image/png").want(t, http.StatusNotAcceptable)

	// ASK
	a := get(t, s, "/sparql?query="+url.QueryEscape(`ASK { person:zhou-enlai a schema:Person }`))
	var ar sparqlJSON
	if err := json.Unmarshal([]byte(a.body), &ar); err != nil || ar.Boolean == nil || !*ar.Boolean {
		t.Errorf("ASK: %s", a.body)
	}

	// CONSTRUCT in RDF formats
	cq := url.QueryEscape(`CONSTRUCT { person:zhou-enlai rdfs:label ?n } WHERE { person:zhou-enlai rdfs:label ?n }`)
	ttl := get(t, s, "/sparql?query="+cq)
	ttl.want(t, http.StatusOK, `person:zhou-enlai rdfs:label "Zhou Enlai"`)
	if !strings.HasPrefix(ttl.header.Get("Content-Type"), "text/turtle") {
		t.Errorf("CONSTRUCT Content-Type %q", ttl.header.Get("Content-Type"))
	}
	rapper(t, "turtle", "http://x/", ttl.body)
	get(t, s, "/sparql?query="+cq, "Accept: application/n-triples").want(t, http.StatusOK, `<https://dossier.example.org/person/zhou-enlai> <http://www.w3.org/2000/01/rdf-schema#label> "Zhou Enlai" .`)
	if got := decode(t, "jsonld", get(t, s, "/sparql?query="+cq, "Accept: application/ld+json").body); len(got) != 1 {
		t.Errorf("CONSTRUCT as JSON-LD: %d triples", len(got))
	}

	// errors are the client's
	get(t, s, "/sparql?query="+url.QueryEscape("SELEKT ?x WHERE {}")).want(t, http.StatusBadRequest, "query:")
	get(t, s, "/sparql").want(t, http.StatusBadRequest, "no query")
	do(t, s, "POST", "/sparql", strings.NewReader(labelQuery), "Content-Type: text/plain").want(t, http.StatusUnsupportedMediaType)
	do(t, s, "POST", "/sparql", strings.NewReader("INSERT DATA {}"), "Content-Type: application/sparql-update").want(t, http.StatusBadRequest, "Update")
	get(t, s, "/sparql?default-graph-uri=x&query="+q).want(t, http.StatusBadRequest, "not supported")
	do(t, s, "PUT", "/sparql", nil).want(t, http.StatusMethodNotAllowed)
}

func TestSPARQLPageInABrowser(t *testing.T) {
	s := newServer(t, samplesStore(t), nil)
	// no query: the form
	r := get(t, s, "/sparql", htmlAccept)
	r.want(t, http.StatusOK, "<textarea", `name="query"`, "SELECT")
	wellFormed(t, r.body)
	// a query from the form: the table, IRIs linked to their pages
	r = do(t, s, "POST", "/sparql", strings.NewReader("format=html&query="+url.QueryEscape(`SELECT ?p ?name WHERE { ?p rdfs:label ?name . FILTER(?name = "Zhou Enlai") }`)),
		"Content-Type: application/x-www-form-urlencoded", htmlAccept)
	r.want(t, http.StatusOK, "<th scope=\"col\">?p</th>", `<a href="/person/zhou-enlai">https://dossier.example.org/person/zhou-enlai</a>`, "<td>Zhou Enlai</td>", "1 row")
	wellFormed(t, r.body)
	get(t, s, "/sparql?format=html&query="+url.QueryEscape("SELECT nonsense"), htmlAccept).want(t, http.StatusBadRequest, `role="alert"`)
}

func TestGizmoAPI(t *testing.T) {
	s := newServer(t, samplesStore(t), func(c *Config) { c.ResultLimit = 3 })
	type result struct {
		Result []any  `json:"result"`
		Error  string `json:"error"`
	}
	parse := func(r response) result {
		t.Helper()
		var res result
		if err := json.Unmarshal([]byte(r.body), &res); err != nil {
			t.Fatalf("%v: %s", err, r.body)
		}
		return res
	}
	q := `g.V("<https://dossier.example.org/person/zhou-enlai>").Out("<http://www.w3.org/2000/01/rdf-schema#label>").All()`
	r := do(t, s, "POST", "/api/v2/query?lang=gizmo", strings.NewReader(q))
	r.want(t, http.StatusOK)
	if res := parse(r); len(res.Result) != 1 || res.Result[0].(map[string]any)["id"] != "Zhou Enlai" {
		t.Errorf("POST: %s", r.body)
	}
	r = get(t, s, "/api/v2/query?lang=gizmo&qu="+url.QueryEscape(q))
	if res := parse(r); r.status != http.StatusOK || len(res.Result) != 1 {
		t.Errorf("GET: %d %s", r.status, r.body)
	}
	// the result limit
	r = do(t, s, "POST", "/api/v2/query?lang=gizmo", strings.NewReader(`g.V().All()`))
	if res := parse(r); len(res.Result) != 3 {
		t.Errorf("limit 3: %d results", len(res.Result))
	}
	// errors, in Cayley's shape
	if res := parse(do(t, s, "POST", "/api/v2/query?lang=gizmo", strings.NewReader(`g.V(`))); res.Error == "" {
		t.Error("a syntax error gave no error")
	}
	do(t, s, "POST", "/api/v2/query", strings.NewReader(q)).want(t, http.StatusBadRequest, "not specified")
	do(t, s, "POST", "/api/v2/query?lang=sql", strings.NewReader(q)).want(t, http.StatusBadRequest, "unknown query language")
	// Cayley's other routes: reading quads, and writes refused
	get(t, s, "/api/v2/read?sub="+url.QueryEscape("<https://dossier.example.org/person/zhou-enlai>")+"&pred="+url.QueryEscape("<http://www.w3.org/2000/01/rdf-schema#label>")).
		want(t, http.StatusOK, `"Zhou Enlai"`)
	do(t, s, "POST", "/api/v2/write", strings.NewReader("<a> <b> <c> .\n")).want(t, http.StatusForbidden, "read-only")
	do(t, s, "POST", "/api/v2/delete", strings.NewReader("<a> <b> <c> .\n")).want(t, http.StatusForbidden)
}

// TestQueryTimeouts runs queries that never end: each is cut off at the
// time limit and answered with an error, and the server keeps answering
// pages meanwhile.
func TestQueryTimeouts(t *testing.T) {
	const limit = 300 * time.Millisecond
	s := newServer(t, samplesStore(t), func(c *Config) { c.QueryTimeout = limit })
	get(t, s, "/", htmlAccept) // warm the search index

	var wg sync.WaitGroup
	slow := func(name string, req func() response, want ...string) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			start := time.Now()
			r := req()
			took := time.Since(start)
			if r.status != http.StatusServiceUnavailable {
				t.Errorf("%s: status %d, want 503\n%s", name, r.status, clip(r.body))
			}
			for _, w := range want {
				if !strings.Contains(r.body, w) {
					t.Errorf("%s: %q lacks %q", name, r.body, w)
				}
			}
			if took < limit || took > limit+5*time.Second {
				t.Errorf("%s: answered after %s (limit %s)", name, took, limit)
			}
		}()
	}
	slow("gizmo while(true)", func() response {
		return do(t, s, "POST", "/api/v2/query?lang=gizmo", strings.NewReader(`while(true){}`))
	}, `"error"`, "deadline exceeded")
	slow("gizmo emit loop", func() response {
		return get(t, s, "/api/v2/query?lang=gizmo&qu="+url.QueryEscape(`g.emit(1); for(;;){}`))
	}, "deadline exceeded")
	cross := `SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g`
	slow("sparql cross product", func() response {
		return get(t, s, "/sparql?query="+url.QueryEscape(cross))
	}, "query stopped after 300ms")
	slow("sparql cross product, HTML", func() response {
		return get(t, s, "/sparql?format=html&query="+url.QueryEscape(cross), htmlAccept)
	}, "stopped after 300ms")

	// while they run, pages answer
	time.Sleep(50 * time.Millisecond)
	start := time.Now()
	get(t, s, "/search?q=zhou", htmlAccept).want(t, http.StatusOK, "Zhou Enlai")
	get(t, s, zhouPath, "Accept: text/turtle").want(t, http.StatusOK)
	if took := time.Since(start); took > limit {
		t.Errorf("pages took %s while slow queries ran", took)
	}
	wg.Wait()
	// and afterwards queries work again
	get(t, s, "/sparql?query="+url.QueryEscape(labelQuery)).want(t, http.StatusOK, "Zhou Enlai")
	do(t, s, "POST", "/api/v2/query?lang=gizmo", strings.NewReader(`g.V("<https://dossier.example.org/person/zhou-enlai>").All()`)).want(t, http.StatusOK, "zhou-enlai")
}

// TestQueriesWaitForATurn: with the only query slot taken, the next query
// waits for its turn and is answered 503 at its time limit.
func TestQueriesWaitForATurn(t *testing.T) {
	release := make(chan struct{})
	s := newServer(t, samplesStore(t), func(c *Config) {
		c.QueryTimeout = 200 * time.Millisecond
		c.MaxQueries = 1
		c.SPARQL = blockingEngine{release}
	})
	done := make(chan response)
	go func() { done <- get(t, s, "/sparql?query=ASK{}") }()
	time.Sleep(50 * time.Millisecond)
	do(t, s, "POST", "/api/v2/query?lang=gizmo", strings.NewReader(`g.V().All()`)).want(t, http.StatusServiceUnavailable, "too many queries")
	close(release)
	(<-done).want(t, http.StatusOK, "true")
	do(t, s, "POST", "/api/v2/query?lang=gizmo", strings.NewReader(`g.V().All()`)).want(t, http.StatusOK)
}

// blockingEngine answers every query with true once release is closed,
// whatever its context says: a query that holds its slot.
type blockingEngine struct{ release chan struct{} }

func (e blockingEngine) Parse(string) (SPARQLQuery, error) { return e, nil }
func (e blockingEngine) Form() string                      { return "ASK" }
func (e blockingEngine) Exec(_ context.Context, w sparql.Writer) error {
	<-e.release
	return w.Boolean(true)
}

func TestSizeLimits(t *testing.T) {
	s := newServer(t, samplesStore(t), func(c *Config) { c.MaxQueryBytes = 1 << 10; c.MaxDocumentBytes = 4 << 10; c.Token = "secret" })
	big := "SELECT ?x WHERE { ?x ?y ?z } # " + strings.Repeat("x", 2<<10)
	// a body larger than the limit, said by Content-Length or found while reading
	do(t, s, "POST", "/sparql", strings.NewReader(big), "Content-Type: application/sparql-query").want(t, http.StatusRequestEntityTooLarge, "1 KiB")
	req := httptest.NewRequest("POST", "/sparql", struct{ *strings.Reader }{strings.NewReader(big)}) // no Content-Length
	req.Header.Set("Content-Type", "application/sparql-query")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("streamed body: status %d, want 413", rec.Code)
	}
	do(t, s, "POST", "/sparql", strings.NewReader("query="+url.QueryEscape(big)), "Content-Type: application/x-www-form-urlencoded").want(t, http.StatusRequestEntityTooLarge)
	get(t, s, "/sparql?query="+url.QueryEscape(big)).want(t, http.StatusRequestEntityTooLarge)
	do(t, s, "POST", "/api/v2/query?lang=gizmo", strings.NewReader("g.V().All() // "+strings.Repeat("x", 2<<10))).want(t, http.StatusRequestEntityTooLarge)
	get(t, s, "/api/v2/query?lang=gizmo&qu="+strings.Repeat("x", 2<<10)).want(t, http.StatusRequestEntityTooLarge)
	doc := strings.Repeat("A sentence of a long memorandum. ", 200)
	do(t, s, "POST", "/documents?name=long.txt", strings.NewReader(doc), "Content-Type: text/plain", "Authorization: Bearer secret").
		want(t, http.StatusRequestEntityTooLarge, "4 KiB")
	// within the limits all is well
	do(t, s, "POST", "/sparql", strings.NewReader(labelQuery), "Content-Type: application/sparql-query").want(t, http.StatusOK)
}
