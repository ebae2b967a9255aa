package server

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/dossier-archive/dossier/ontology"
)

// BenchmarkSearchIndex builds the index of names from the store.
func BenchmarkSearchIndex(b *testing.B) {
	a := newArchive(samplesStore(b), ontology.DefaultBase, 0)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := buildIndex(context.Background(), a); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPages renders pages from a cold cache (every page reads the
// store again), and a search from a warm one.
func BenchmarkPages(b *testing.B) {
	s := newServer(b, samplesStore(b), nil)
	for _, path := range []string{zhouPath, zhouDoc, "/", "/search?q=zhou"} {
		b.Run(path, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if path != "/search?q=zhou" {
					s.archive.changed()
				}
				req := httptest.NewRequest("GET", path, nil)
				req.Header.Set("Accept", "text/html")
				rec := httptest.NewRecorder()
				s.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("%s: %d", path, rec.Code)
				}
				b.SetBytes(int64(rec.Body.Len()))
			}
		})
	}
}
