package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/dossier-archive/dossier/server"
)

// Configuration keys of the server.
const (
	keyAddr             = "addr"
	keyTokenFile        = "token_file"
	keyMaxQueryBytes    = "max_query_bytes"
	keyMaxDocumentBytes = "max_document_bytes"
	keyResultLimit      = "result_limit"
)

// shutdownGrace is how long a stopping server waits for requests in
// flight, beyond the longest a query may take.
const shutdownGrace = 10 * time.Second

func newServeCmd(v *viper.Viper) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "serve [flags]",
		Short: "Serve the archive: web pages, linked data, SPARQL and Gizmo",
		Long: `Serve answers HTTP on --addr with

  /                        the web pages: search, people, organizations,
                           places, events, documents, the network
  /person/ID, /organization/ID, /place/ID, /event/DOC/ID, /document/ID
                           linked data: the resource's description as HTML,
                           Turtle, JSON-LD or N-Triples, by Accept (or
                           ?format=turtle|jsonld|ntriples); the path names
                           the IRI under --base-iri
  /graph/ID                a document's whole graph (Turtle, N-Quads, JSON-LD)
  /sparql                  the SPARQL 1.1 Protocol (GET ?query=, POST)
  /api/v2/query?lang=gizmo Cayley's Gizmo HTTP API (also /api/v2/read)
  POST /documents?name=ID.txt   build a text/plain or text/markdown body
  DELETE /documents/ID          remove a document's graph

The server is read-only unless a token is given, in a file (--token-file)
or in the environment (DOSSIER_TOKEN); writes must then carry
"Authorization: Bearer TOKEN". Every query and page stops after --timeout.
SIGINT or SIGTERM stops the server: requests in flight finish, then the
store is closed.`,
		Example: `  dossier serve --store archive.db
  DOSSIER_TOKEN=$(cat secret) dossier serve --addr :8080 --base-iri https://archive.example.org/
  curl -H 'Accept: text/turtle' http://127.0.0.1:8080/person/zhou-enlai`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			token, err := serveToken(v.GetString(keyTokenFile))
			if err != nil {
				return err
			}
			d, err := timeout(v)
			if err != nil {
				return err
			}
			x, err := newExtractor(v)
			if err != nil {
				return err
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			st, err := openStore(ctx, v, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			log := slog.New(slog.NewTextHandler(cmd.ErrOrStderr(), nil))
			srv, err := server.New(server.Config{
				Store: st, Mapper: mapper(v), Extractor: x, Token: token,
				MaxQueryBytes: v.GetInt64(keyMaxQueryBytes), MaxDocumentBytes: v.GetInt64(keyMaxDocumentBytes),
				QueryTimeout: d, ResultLimit: v.GetInt(keyResultLimit), Log: log,
			})
			if err != nil {
				st.Close()
				return err
			}
			hs := &http.Server{
				Handler:           srv,
				ReadHeaderTimeout: 10 * time.Second,
				IdleTimeout:       2 * time.Minute,
				// a GET query travels in the URL
				MaxHeaderBytes: int(max(v.GetInt64(keyMaxQueryBytes), server.DefaultMaxQueryBytes)) + 64<<10,
			}
			return serve(ctx, cmd, v.GetString(keyAddr), hs, !srv.ReadOnly(), d, st.Close)
		},
	}
	f := cmd.Flags()
	f.String("addr", "127.0.0.1:8080", "address to listen on (host:port)")
	f.String("token-file", "", "file holding the token that allows writes (else $DOSSIER_TOKEN; neither: read-only)")
	f.String("timeout", "30s", "stop a query, or a page, after this long")
	f.Int64("max-query-bytes", server.DefaultMaxQueryBytes, "largest query (SPARQL or Gizmo) accepted, in bytes")
	f.Int64("max-document-bytes", server.DefaultMaxDocumentBytes, "largest document accepted by POST /documents, in bytes")
	f.Int("result-limit", server.DefaultResultLimit, "most results of a Gizmo query")
	v.SetDefault(keyAddr, "127.0.0.1:8080")
	v.SetDefault(keyMaxQueryBytes, server.DefaultMaxQueryBytes)
	v.SetDefault(keyMaxDocumentBytes, server.DefaultMaxDocumentBytes)
	v.SetDefault(keyResultLimit, server.DefaultResultLimit)
	return cmd
}

// serveToken reads the write token from a file, else from DOSSIER_TOKEN;
// "" means read-only.
func serveToken(file string) (string, error) {
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("token file: %w", err)
		}
		tok := strings.TrimSpace(string(b))
		if tok == "" {
			return "", fmt.Errorf("token file %s is empty", file)
		}
		return tok, nil
	}
	return strings.TrimSpace(os.Getenv("DOSSIER_TOKEN")), nil
}

// serve listens on addr until ctx is done (a signal), then shuts the
// server down, waiting for requests in flight (a query for at most its
// time limit), and only then closes the store, so that no write is cut
// off halfway.
func serve(ctx context.Context, cmd *cobra.Command, addr string, hs *http.Server, writable bool, queryTimeout time.Duration, closeStore func() error) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		closeStore()
		return err
	}
	mode := "read-only"
	if writable {
		mode = "writes allowed with the token"
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "dossier: serving http://%s/ (%s)\n", ln.Addr(), mode)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return errors.Join(err, closeStore())
	case <-ctx.Done():
	}
	fmt.Fprintln(cmd.ErrOrStderr(), "dossier: stopping; waiting for requests in flight")
	sctx, cancel := context.WithTimeout(context.Background(), queryTimeout+shutdownGrace)
	defer cancel()
	err = hs.Shutdown(sctx)
	if errors.Is(err, context.DeadlineExceeded) {
		err = fmt.Errorf("requests still running after %s; closing anyway", queryTimeout+shutdownGrace)
		hs.Close()
	}
	if cerr := closeStore(); cerr != nil {
		err = errors.Join(err, fmt.Errorf("closing the store: %w", cerr))
	}
	if err == nil {
		fmt.Fprintln(cmd.ErrOrStderr(), "dossier: stopped")
	}
	return err
}
