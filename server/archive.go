package server

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/dossier-archive/dossier/archive"
	"github.com/dossier-archive/dossier/graph"
)

// reader is the server's read model: what the pages need, read from the
// store with Match, one document's graph at a time, and kept in small
// caches that every write through the server empties (and that expire, for
// a store that another process writes too).
type reader struct {
	store *graph.Store
	base  string // normalized base IRI
	ttl   time.Duration

	mu      sync.Mutex
	gen     uint64 // bumped by every write
	docs    map[string]*cachedDoc
	index   *searchIndex
	indexAt time.Time
	indexGn uint64
}

type cachedDoc struct {
	doc  *archive.Document
	gen  uint64
	at   time.Time
	used time.Time
}

// maxCachedDocs bounds the document cache; a document's view holds its
// text and annotations, tens of kilobytes for a long memorandum.
const maxCachedDocs = 64

func newArchive(st *graph.Store, base string, ttl time.Duration) *reader {
	return &reader{store: st, base: base, ttl: ttl, docs: map[string]*cachedDoc{}}
}

// changed forgets everything cached: the store was written.
func (a *reader) changed() {
	a.mu.Lock()
	a.gen++
	a.docs = map[string]*cachedDoc{}
	a.index = nil
	a.mu.Unlock()
}

// local returns the path on this server of an IRI under the base (with its
// fragment), or "" for an IRI elsewhere.
func (a *reader) local(iri string) string {
	if rest, ok := strings.CutPrefix(iri, a.base); ok {
		return "/" + rest
	}
	return ""
}

// href is where a link to iri goes: the local path of an IRI under the
// base, the IRI itself otherwise.
func (a *reader) href(iri string) string {
	if p := a.local(iri); p != "" {
		return p
	}
	return iri
}

// kindOf tells the kind of a Dossier IRI from its path: "person",
// "organization", "place", "event", "document", or "".
func (a *reader) kindOf(iri string) string {
	rest, ok := strings.CutPrefix(iri, a.base)
	if !ok {
		return ""
	}
	kind, _, _ := strings.Cut(rest, "/")
	switch kind {
	case "person", "organization", "place", "event", "document":
		return kind
	}
	return ""
}

// document returns the view of the document with this IRI, or nil when
// the store holds no such document.
func (a *reader) document(ctx context.Context, iri string) (*archive.Document, error) {
	a.mu.Lock()
	c, ok := a.docs[iri]
	now := time.Now()
	if ok && c.gen == a.gen && now.Sub(c.at) < a.ttl {
		c.used = now
		a.mu.Unlock()
		return c.doc, nil
	}
	gen := a.gen
	a.mu.Unlock()

	d, err := archive.Read(ctx, a.store, iri)
	if err != nil || d == nil {
		return d, err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if gen == a.gen {
		if len(a.docs) >= maxCachedDocs {
			var oldest string
			var t time.Time
			for k, c := range a.docs {
				if oldest == "" || c.used.Before(t) {
					oldest, t = k, c.used
				}
			}
			delete(a.docs, oldest)
		}
		a.docs[iri] = &cachedDoc{doc: d, gen: gen, at: now, used: now}
	}
	return d, nil
}
