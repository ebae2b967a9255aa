package graph

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/dossier-archive/dossier/ontology"
)

func TestGizmoHandler(t *testing.T) {
	backends(t, func(t *testing.T, s *Store) {
		g := ontology.NewIRI("http://example.org/doc")
		var quads []ontology.Quad
		for _, name := range []string{"a", "b", "c", "d"} {
			quads = append(quads, ontology.Quad{S: ontology.NewIRI("http://example.org/" + name), P: ontology.NewIRI(ontology.RDFSLabel), O: ontology.NewString(strings.ToUpper(name)), G: g})
		}
		if _, err := s.ReplaceGraph(context.Background(), g, quads); err != nil {
			t.Fatal(err)
		}
		h := s.GizmoHandler(true, 300*time.Millisecond, 2)
		call := func(method, target, body string) (int, map[string]any) {
			t.Helper()
			req := httptest.NewRequest(method, target, strings.NewReader(body))
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			var out map[string]any
			if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
				t.Fatalf("%s %s: %v: %s", method, target, err, rec.Body.String())
			}
			return rec.Code, out
		}

		code, out := call("POST", "/api/v2/query?lang=gizmo", `g.V("<http://example.org/a>").Out("<`+ontology.RDFSLabel+`>").All()`)
		res, _ := out["result"].([]any)
		if code != 200 || len(res) != 1 || res[0].(map[string]any)["id"] != "A" {
			t.Errorf("query: %d %v", code, out)
		}
		// the result limit caps all()
		if _, out := call("GET", "/api/v2/query?lang=gizmo&qu="+url.QueryEscape(`g.V().Out("<`+ontology.RDFSLabel+`>").All()`), ""); len(out["result"].([]any)) != 2 {
			t.Errorf("limit 2: %v", out)
		}
		// no results is an empty list, not null
		if _, out := call("POST", "/api/v2/query?lang=gizmo", `g.V("<http://example.org/none>").Out().All()`); out["result"] == nil {
			t.Errorf("no results: %v", out)
		}
		// a runaway script is stopped at the time limit, and the store
		// answers the next query
		start := time.Now()
		code, out = call("POST", "/api/v2/query?lang=gizmo", `while(true){}`)
		if code != http.StatusServiceUnavailable || !strings.Contains(out["error"].(string), "deadline exceeded") || time.Since(start) > 5*time.Second {
			t.Errorf("while(true): %d %v after %s", code, out, time.Since(start))
		}
		if code, _ := call("POST", "/api/v2/query?lang=gizmo", `g.V("<http://example.org/b>").All()`); code != 200 {
			t.Errorf("after a stopped query: %d", code)
		}
		// errors
		for _, c := range []struct {
			target, body string
			code         int
		}{
			{"/api/v2/query", "g.V().All()", 400},
			{"/api/v2/query?lang=mql", "{}", 400},
			{"/api/v2/query?lang=gizmo", "g.V(", 400},
			{"/api/v2/query?lang=gizmo", "", 400},
			{"/api/v2/query?lang=gizmo", strings.Repeat("x", maxGizmoQuery+1), http.StatusRequestEntityTooLarge},
		} {
			if code, out := call("POST", c.target, c.body); code != c.code || out["error"] == nil {
				t.Errorf("%s: %d %v, want %d and an error", c.target, code, out, c.code)
			}
		}
		// Cayley's own routes: read, and writes refused when read-only
		req := httptest.NewRequest("GET", "/api/v2/read?sub="+url.QueryEscape("<http://example.org/c>"), nil)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"C"`) {
			t.Errorf("read: %d %s", rec.Code, rec.Body.String())
		}
		if code, _ := call("POST", "/api/v2/write", "<http://x/s> <http://x/p> <http://x/o> .\n"); code != http.StatusForbidden {
			t.Errorf("write on a read-only handler: %d", code)
		}
		// writable: Cayley's write goes through, under the store's lock
		w := s.GizmoHandler(false, time.Second, 0)
		req = httptest.NewRequest("POST", "/api/v2/write", strings.NewReader("<http://x/s> <http://x/p> <http://x/o> <http://x/g> .\n"))
		rec = httptest.NewRecorder()
		w.ServeHTTP(rec, req)
		if rec.Code != 200 {
			t.Errorf("write: %d %s", rec.Code, rec.Body.String())
		}
		n := 0
		if err := s.Match(context.Background(), ontology.NewIRI("http://x/s"), ontology.Term{}, ontology.Term{}, ontology.Term{}, func(ontology.Quad) error { n++; return nil }); err != nil || n != 1 {
			t.Errorf("the written quad: %d %v", n, err)
		}
	})
}
