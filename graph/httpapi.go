package graph

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query/gizmo"
	cayleyhttp "github.com/cayleygraph/cayley/server/http"
	_ "github.com/cayleygraph/quad/jsonld" // formats of /api/v2/read and /api/v2/formats
	_ "github.com/cayleygraph/quad/nquads"
)

// GizmoHandler returns Cayley's HTTP API v2 over the store, to be mounted
// at "/api/v2/" (its routes carry that prefix): /api/v2/query?lang=gizmo
// (the query as the POST body or the GET parameter qu), /api/v2/read and
// /api/v2/formats, and /api/v2/write, /delete and /node/delete, which
// answer 403 when readOnly.
//
// Queries differ from Cayley's own handler in what the notes on Cayley
// (§3.2) show it gets wrong: every query runs in a session of its own,
// through Store.Query, so a timed-out script is interrupted and waited for
// before the store's lock is let go; a stopped query answers 503 (Cayley:
// 400) with {"error": "..."}; no results is {"result": []} (Cayley: null).
// timeout bounds each query (0: no bound); limit caps the results a
// query's all() and emit stream out (0: Cayley's default of 100). Only
// Gizmo is served.
//
// Cayley's other handlers run under the store's locks: reads as every
// read does, writes exclusively, so that they never interleave with
// ReplaceGraph.
func (s *Store) GizmoHandler(readOnly bool, timeout time.Duration, limit int) http.Handler {
	if limit <= 0 {
		limit = 100
	}
	api := cayleyhttp.NewAPIv2(&graph.Handle{QuadStore: s.planned(), QuadWriter: s.w})
	api.SetReadOnly(readOnly)
	api.SetQueryTimeout(timeout)
	api.SetQueryLimit(limit)
	api.SetBatchSize(s.batch)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/v2/query" {
			s.serveGizmo(w, r, timeout, limit)
			return
		}
		lock := s.rlock
		if r.Method != http.MethodGet && r.Method != http.MethodHead && isWriteRoute(r.URL.Path) {
			lock = s.lock
		}
		unlock, err := lock()
		if err != nil {
			gizmoError(w, http.StatusServiceUnavailable, err)
			return
		}
		defer unlock()
		api.ServeHTTP(w, r)
	})
}

func isWriteRoute(path string) bool {
	switch path {
	case "/api/v2/write", "/api/v2/delete", "/api/v2/node/delete":
		return true
	}
	return false
}

// maxGizmoQuery is the largest query body read, as Cayley's handler.
const maxGizmoQuery = 1 << 20

// serveGizmo answers /api/v2/query with Cayley's request and response
// shapes: lang=gizmo, the query in qu (GET) or the body (POST), the
// results as {"result": [...]}, an error as {"error": "..."}.
func (s *Store) serveGizmo(w http.ResponseWriter, r *http.Request, timeout time.Duration, limit int) {
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		w.Header().Set("Allow", "GET, POST")
		gizmoError(w, http.StatusMethodNotAllowed, errors.New("use GET with qu= or POST the query"))
		return
	}
	vals := r.URL.Query()
	switch lang := vals.Get("lang"); lang {
	case "":
		gizmoError(w, http.StatusBadRequest, errors.New("query language not specified"))
		return
	case gizmo.Name:
	default:
		gizmoError(w, http.StatusBadRequest, errors.New("unknown query language "+lang+" (this server speaks gizmo)"))
		return
	}
	var text string
	if r.Method == http.MethodGet {
		text = vals.Get("qu")
	} else {
		b, err := io.ReadAll(io.LimitReader(r.Body, maxGizmoQuery+1))
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig) || len(b) > maxGizmoQuery:
			gizmoError(w, http.StatusRequestEntityTooLarge, errors.New("request is too large"))
			return
		case err != nil:
			gizmoError(w, http.StatusBadRequest, err)
			return
		}
		text = string(b)
	}
	if strings.TrimSpace(text) == "" {
		gizmoError(w, http.StatusBadRequest, errors.New("query is empty"))
		return
	}
	ctx, cancel := r.Context(), context.CancelFunc(func() {})
	if timeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, timeout)
	}
	defer cancel()
	res, err := s.Query(ctx, gizmo.Name, text, limit)
	switch {
	case err != nil && ctx.Err() != nil:
		gizmoError(w, http.StatusServiceUnavailable, err)
		return
	case errors.Is(err, errClosed):
		gizmoError(w, http.StatusServiceUnavailable, err)
		return
	case err != nil:
		gizmoError(w, http.StatusBadRequest, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(map[string]any{"result": res})
}

func gizmoError(w http.ResponseWriter, code int, err error) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	b, _ := json.Marshal(map[string]string{"error": err.Error()})
	w.Write(append(b, '\n'))
}
