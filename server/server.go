// Package server is Dossier's HTTP server: a SPARQL 1.1 Protocol
// endpoint, Cayley's Gizmo HTTP API, linked data (every person,
// organization, place, event and document IRI under the base dereferences
// to its description in Turtle, JSON-LD, N-Triples or HTML), and the web
// pages a historian reads the archive with: search, a page per person,
// organization, place, event and document (the text with every name and
// date marked), and the network of who is named with whom. Pages are
// rendered on the server from embedded templates and need no JavaScript.
//
// The server is read-only unless it is given a token; then POST /documents
// builds a document into the store and DELETE /documents/{id} removes one,
// each request carrying "Authorization: Bearer TOKEN". Request bodies and
// queries have size limits, queries a time limit.
package server

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dossier-archive/dossier/extract"
	"github.com/dossier-archive/dossier/graph"
	"github.com/dossier-archive/dossier/ontology"
)

// Defaults of the limits in Config.
const (
	DefaultMaxQueryBytes    = 1 << 20  // 1 MiB
	DefaultMaxDocumentBytes = 10 << 20 // 10 MiB
	DefaultQueryTimeout     = 30 * time.Second
	DefaultResultLimit      = 10000
	DefaultMaxQueries       = 4
)

// Config says what the server serves and within which limits.
type Config struct {
	Store  *graph.Store
	Mapper ontology.Mapper // the base IRI of the data; request paths map to IRIs under it
	// Extractor reads documents posted to /documents; nil refuses them.
	Extractor *extract.Extractor
	// Token allows writes: a request that writes must carry
	// "Authorization: Bearer Token". Empty: the server is read-only.
	Token string

	MaxQueryBytes    int64         // largest query (body or parameter); 0: DefaultMaxQueryBytes
	MaxDocumentBytes int64         // largest posted document; 0: DefaultMaxDocumentBytes
	QueryTimeout     time.Duration // per query and per page; 0: DefaultQueryTimeout
	ResultLimit      int           // most results of a Gizmo query; 0: DefaultResultLimit
	// MaxQueries is how many SPARQL and Gizmo queries run at once; more
	// wait for a turn (until their time limit). 0: DefaultMaxQueries.
	MaxQueries int

	// SPARQL runs SPARQL queries; nil: the store's own engine (package
	// graph/sparql).
	SPARQL SPARQLEngine

	// Log receives one line per request and the errors; nil: discard.
	Log *slog.Logger
}

// Server is the HTTP handler of everything Dossier serves.
type Server struct {
	cfg     Config
	base    string
	archive *reader
	mux     *http.ServeMux
	tokenH  [32]byte
	queries chan struct{} // a slot per running query
	pages   *pages
	log     *slog.Logger
	writeMu sync.Mutex // one document write at a time
	nets    netCache
}

//go:embed templates/*.html static/*
var assets embed.FS

// New returns a server for cfg.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("server: no store")
	}
	base := ontology.NormalizeBase(cfg.Mapper.Base)
	if err := ontology.CheckIRI(base); err != nil {
		return nil, fmt.Errorf("server: base IRI: %w", err)
	}
	if cfg.MaxQueryBytes <= 0 {
		cfg.MaxQueryBytes = DefaultMaxQueryBytes
	}
	if cfg.MaxDocumentBytes <= 0 {
		cfg.MaxDocumentBytes = DefaultMaxDocumentBytes
	}
	if cfg.QueryTimeout <= 0 {
		cfg.QueryTimeout = DefaultQueryTimeout
	}
	if cfg.ResultLimit <= 0 {
		cfg.ResultLimit = DefaultResultLimit
	}
	if cfg.MaxQueries <= 0 {
		cfg.MaxQueries = DefaultMaxQueries
	}
	if cfg.SPARQL == nil {
		cfg.SPARQL = storeSPARQL{cfg.Store, base}
	}
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Server{
		cfg:     cfg,
		base:    base,
		archive: newArchive(cfg.Store, base, time.Minute),
		mux:     http.NewServeMux(),
		queries: make(chan struct{}, cfg.MaxQueries),
		log:     log,
	}
	if cfg.Token != "" {
		s.tokenH = sha256.Sum256([]byte(cfg.Token))
	}
	p, err := loadPages()
	if err != nil {
		return nil, err
	}
	s.pages = p
	s.routes()
	return s, nil
}

// ReadOnly reports whether the server refuses writes (no token).
func (s *Server) ReadOnly() bool { return s.cfg.Token == "" }

func (s *Server) routes() {
	static, _ := fs.Sub(assets, "static")
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", cacheFor(time.Hour, http.FileServerFS(static))))
	s.mux.HandleFunc("GET /{$}", s.page(s.serveHome))
	s.mux.HandleFunc("GET /search", s.page(s.serveSearch))
	s.mux.HandleFunc("GET /network", s.page(s.serveNetwork))
	s.mux.HandleFunc("GET /network.svg", s.page(s.serveNetworkSVG))
	for _, kind := range []string{"person", "organization", "place"} {
		s.mux.HandleFunc("GET /"+kind+"/{slug}", s.page(s.serveEntity))
	}
	s.mux.HandleFunc("GET /event/{doc}/{id}", s.page(s.serveEvent))
	s.mux.HandleFunc("GET /document/{id}", s.page(s.serveDocument))
	s.mux.HandleFunc("GET /graph/{id}", s.page(s.serveGraph))

	s.mux.HandleFunc("GET /sparql", s.serveSPARQL)
	s.mux.HandleFunc("POST /sparql", s.limitBody(s.cfg.MaxQueryBytes, s.serveSPARQL))
	gizmo := s.cfg.Store.GizmoHandler(true, s.cfg.QueryTimeout, s.cfg.ResultLimit)
	s.mux.HandleFunc("/api/v2/", s.limitBody(s.cfg.MaxQueryBytes, s.gizmo(gizmo)))

	s.mux.HandleFunc("POST /documents", s.authorized(s.limitBody(s.cfg.MaxDocumentBytes, s.servePostDocument)))
	s.mux.HandleFunc("DELETE /documents/{id}", s.authorized(s.serveDeleteDocument))
}

// ServeHTTP serves a request: headers every response carries, a small
// body limit for requests that do not set their own, recovery from a
// panic, and a log line.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rec := &statusRecorder{ResponseWriter: w}
	h := rec.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.log.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
			if !rec.wrote {
				http.Error(rec, "internal server error", http.StatusInternalServerError)
			}
		}
		s.log.Info("request", "method", r.Method, "path", r.URL.Path, "status", rec.status, "bytes", rec.bytes,
			"duration", time.Since(start).Round(time.Microsecond))
	}()
	if r.ContentLength > s.cfg.MaxDocumentBytes {
		tooLarge(rec, r, s.cfg.MaxDocumentBytes)
		return
	}
	r.Body = http.MaxBytesReader(rec, r.Body, max(s.cfg.MaxQueryBytes, s.cfg.MaxDocumentBytes))
	s.mux.ServeHTTP(rec, r)
}

// statusRecorder notes the status and size of a response for the log.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int64
	wrote  bool
}

func (r *statusRecorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if !r.wrote {
		r.status, r.wrote = http.StatusOK, true
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// limitBody refuses a body larger than n: at once when its Content-Length
// says so, else when reading reaches the limit (the handler sees an
// *http.MaxBytesError and answers 413).
func (s *Server) limitBody(n int64, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > n {
			tooLarge(w, r, n)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, n)
		h(w, r)
	}
}

func tooLarge(w http.ResponseWriter, r *http.Request, n int64) {
	// The body is not read: tell the client, and Go's server, that the
	// connection will not be reused.
	w.Header().Set("Connection", "close")
	http.Error(w, fmt.Sprintf("request body too large: the limit is %s", byteSize(n)), http.StatusRequestEntityTooLarge)
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// authorized lets a write through only with the server's token: without
// a configured token every write is refused (403), without an
// Authorization header the client is asked for one (401), with a wrong
// token it is refused (403). Tokens are compared in constant time (as
// SHA-256 digests, so their lengths do not show either).
func (s *Server) authorized(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.ReadOnly() {
			http.Error(w, "this server is read-only: start it with a token (--token-file or DOSSIER_TOKEN) to allow writes", http.StatusForbidden)
			return
		}
		auth := r.Header.Get("Authorization")
		scheme, tok, _ := strings.Cut(auth, " ")
		if auth == "" || !strings.EqualFold(scheme, "Bearer") {
			w.Header().Set("WWW-Authenticate", `Bearer realm="dossier"`)
			http.Error(w, "writing needs a token: send Authorization: Bearer TOKEN", http.StatusUnauthorized)
			return
		}
		got := sha256.Sum256([]byte(strings.TrimSpace(tok)))
		if subtle.ConstantTimeCompare(got[:], s.tokenH[:]) != 1 {
			http.Error(w, "wrong token", http.StatusForbidden)
			return
		}
		h(w, r)
	}
}

// queryTurn waits for a query slot; release gives it back. ok is false
// when ctx ended first.
func (s *Server) queryTurn(ctx context.Context) (release func(), ok bool) {
	select {
	case s.queries <- struct{}{}:
		return func() { <-s.queries }, true
	case <-ctx.Done():
		return nil, false
	}
}

// gizmo serves Cayley's HTTP API, a query at a time per slot, with the
// size limit on a GET query too.
func (s *Server) gizmo(h http.Handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if int64(len(r.URL.RawQuery)) > s.cfg.MaxQueryBytes {
			jsonError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("query too large: the limit is %s", byteSize(s.cfg.MaxQueryBytes)))
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), s.cfg.QueryTimeout)
		defer cancel()
		release, ok := s.queryTurn(ctx)
		if !ok {
			jsonError(w, http.StatusServiceUnavailable, "too many queries running; try again later")
			return
		}
		defer release()
		h.ServeHTTP(w, r)
	}
}

func jsonError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, map[string]string{"error": msg})
}

func cacheFor(d time.Duration, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age="+strconv.Itoa(int(d.Seconds())))
		h.ServeHTTP(w, r)
	})
}
