package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/dossier-archive/dossier/corpus"
	"github.com/dossier-archive/dossier/extract"
	"github.com/dossier-archive/dossier/ontology"
	"github.com/dossier-archive/dossier/pipeline"
)

// writeResult is the JSON answer of a write.
type writeResult struct {
	ID        string `json:"id"`
	IRI       string `json:"iri"`
	Loaded    bool   `json:"loaded"`
	Unchanged bool   `json:"unchanged,omitempty"`
	Added     int    `json:"added"`
	Removed   int    `json:"removed"`
}

// servePostDocument builds a posted document into the store, as `dossier
// build` builds a file: POST /documents?name=ID.txt with the text as a
// text/plain or text/markdown body. The name gives the document's ID (and
// IRI) as a file name does; posting the same name again replaces the
// document's graph, posting the same text again changes nothing.
func (s *Server) servePostDocument(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Extractor == nil {
		http.Error(w, "this server cannot build documents (no extractor)", http.StatusNotImplemented)
		return
	}
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "text/plain" && mt != "text/markdown" {
		http.Error(w, "post the document as text/plain or text/markdown", http.StatusUnsupportedMediaType)
		return
	}
	if cs := params["charset"]; cs != "" && !strings.EqualFold(cs, "utf-8") && !strings.EqualFold(cs, "us-ascii") {
		http.Error(w, "the document must be UTF-8 (charset "+cs+" given)", http.StatusUnsupportedMediaType)
		return
	}
	name := r.URL.Query().Get("name")
	if name == "" || name != path.Base(name) || strings.ContainsAny(name, `/\`) || strings.HasPrefix(name, ".") || !corpus.IsDocumentName(name) {
		http.Error(w, fmt.Sprintf("give the document's file name as ?name=ID.txt (a name ending in %s, without folders)",
			strings.Join(corpus.Extensions, ", ")), http.StatusBadRequest)
		return
	}
	id := extract.DocumentID(name)
	if id == "" {
		http.Error(w, "the name "+name+" gives no document ID", http.StatusBadRequest)
		return
	}
	body, err := io.ReadAll(r.Body)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		tooLarge(w, r, tooBig.Limit)
		return
	} else if err != nil {
		http.Error(w, "reading the document: "+err.Error(), http.StatusBadRequest)
		return
	}
	if err := extract.CheckText(name, body); err != nil {
		http.Error(w, err.Error(), http.StatusUnprocessableEntity)
		return
	}

	// The builder reads files; the document goes to one of its own.
	dir, err := os.MkdirTemp("", "dossier-post-")
	if err != nil {
		s.serverError(w, "temporary folder", err)
		return
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, name)
	if err := os.WriteFile(file, body, 0o600); err != nil {
		s.serverError(w, "temporary file", err)
		return
	}

	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	b := &pipeline.Builder{Extractor: s.cfg.Extractor, Mapper: s.cfg.Mapper, Store: s.cfg.Store, Workers: 1}
	sum, err := b.Build(r.Context(), []corpus.Source{{Path: file, Size: int64(len(body))}})
	s.archive.changed()
	if err != nil {
		s.serverError(w, "building "+name, errors.New(strings.ReplaceAll(err.Error(), file, name)))
		return
	}
	iri := s.cfg.Mapper.DocumentIRI(id)
	res := writeResult{ID: id, IRI: iri, Loaded: sum.Loaded > 0, Unchanged: sum.Unchanged > 0, Added: sum.Added, Removed: sum.Removed}
	w.Header().Set("Location", s.archive.href(iri))
	status := http.StatusOK
	if res.Loaded && res.Removed == 0 {
		status = http.StatusCreated
	}
	s.log.Info("document built", "id", id, "added", sum.Added, "removed", sum.Removed, "unchanged", res.Unchanged)
	writeJSON(w, status, res)
}

// serveDeleteDocument removes a document's graph: DELETE /documents/{id}.
func (s *Server) serveDeleteDocument(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	iri := s.cfg.Mapper.DocumentIRI(id)
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	n, err := s.cfg.Store.RemoveGraph(r.Context(), ontology.NewIRI(iri))
	s.archive.changed()
	if err != nil {
		s.serverError(w, "removing "+id, err)
		return
	}
	if n == 0 {
		http.Error(w, "no document "+id+" in the archive", http.StatusNotFound)
		return
	}
	s.log.Info("document removed", "id", id, "quads", n)
	writeJSON(w, http.StatusOK, writeResult{ID: id, IRI: iri, Removed: n})
}

func (s *Server) serverError(w http.ResponseWriter, what string, err error) {
	s.log.Error(what, "err", err)
	http.Error(w, what+": "+err.Error(), http.StatusInternalServerError)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}
