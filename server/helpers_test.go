package server

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/dossier-archive/dossier/corpus"
	"github.com/dossier-archive/dossier/extract"
	"github.com/dossier-archive/dossier/graph"
	"github.com/dossier-archive/dossier/ontology"
	"github.com/dossier-archive/dossier/pipeline"
)

// The shared store: the project's sample documents (data/samples), built
// once for the read-only tests.
var shared struct {
	once sync.Once
	dir  string
	st   *graph.Store
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.st != nil {
		shared.st.Close()
	}
	if shared.dir != "" {
		os.RemoveAll(shared.dir)
	}
	os.Exit(code)
}

const samplesDir = "../data/samples"

// samplesStore returns the store of the sample documents.
func samplesStore(t testing.TB) *graph.Store {
	t.Helper()
	shared.once.Do(func() {
		shared.dir, shared.err = os.MkdirTemp("", "dossier-server-test-")
		if shared.err != nil {
			return
		}
		shared.st, shared.err = buildStore(filepath.Join(shared.dir, "store"), ontology.Mapper{}, samplesDir)
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.st
}

// buildStore builds the documents under paths into a new bolt store.
func buildStore(dir string, m ontology.Mapper, paths ...string) (*graph.Store, error) {
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Config{Store: dir})
	if err != nil {
		return nil, err
	}
	sources, err := corpus.Find(paths)
	if err != nil {
		st.Close()
		return nil, err
	}
	x, err := extract.New()
	if err != nil {
		st.Close()
		return nil, err
	}
	b := &pipeline.Builder{Extractor: x, Mapper: m, Store: st, Workers: 1}
	if _, err := b.Build(ctx, sources); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

// newServer returns a server on st; change adjusts its configuration.
func newServer(t testing.TB, st *graph.Store, change func(*Config)) *Server {
	t.Helper()
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{Store: st, Extractor: x}
	if change != nil {
		change(&cfg)
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// response is a recorded response.
type response struct {
	status int
	header http.Header
	body   string
}

// do sends a request to the handler; header lines are "Name: value".
func do(t testing.TB, h http.Handler, method, target string, body io.Reader, header ...string) response {
	t.Helper()
	req := httptest.NewRequest(method, target, body)
	for _, hl := range header {
		k, v, ok := strings.Cut(hl, ":")
		if !ok {
			t.Fatalf("bad header %q", hl)
		}
		req.Header.Set(strings.TrimSpace(k), strings.TrimSpace(v))
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return response{rec.Code, rec.Header(), rec.Body.String()}
}

func get(t testing.TB, h http.Handler, target string, header ...string) response {
	t.Helper()
	return do(t, h, http.MethodGet, target, nil, header...)
}

// want fails unless the response has the status and contains every
// string.
func (r response) want(t testing.TB, status int, contains ...string) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d\n%s", r.status, status, clip(r.body))
	}
	for _, c := range contains {
		if !strings.Contains(r.body, c) {
			t.Errorf("response lacks %q\n%s", c, clip(r.body))
		}
	}
}

func clip(s string) string {
	if len(s) > 3000 {
		return s[:3000] + fmt.Sprintf("… (%d bytes)", len(s))
	}
	return s
}

const htmlAccept = "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
