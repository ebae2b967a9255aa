package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/dossier-archive/dossier/graph"
	"github.com/dossier-archive/dossier/ontology"
)

// TestServeHelperProcess is the dossier command in a process of its own,
// for the tests that signal it; it does nothing in a normal test run.
func TestServeHelperProcess(t *testing.T) {
	if os.Getenv("DOSSIER_SERVE_HELPER") != "1" {
		return
	}
	args := os.Args
	for i, a := range args {
		if a == "--" {
			args = args[i+1:]
			break
		}
	}
	os.Exit(run(args, os.Stdout, os.Stderr))
}

// startServe starts `dossier serve` in a process of its own and returns it
// with the URL it serves.
func startServe(t *testing.T, env []string, args ...string) (*exec.Cmd, string, *strings.Builder) {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^TestServeHelperProcess$", "--"}, args...)...)
	cmd.Env = append(append(os.Environ(), "DOSSIER_SERVE_HELPER=1"), env...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	log := &strings.Builder{}
	var mu sync.Mutex
	urlc := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		re := regexp.MustCompile(`serving (http://\S+/)`)
		for sc.Scan() {
			mu.Lock()
			log.WriteString(sc.Text() + "\n")
			mu.Unlock()
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				urlc <- strings.TrimSuffix(m[1], "/")
			}
		}
	}()
	select {
	case u := <-urlc:
		return cmd, u, log
	case <-time.After(60 * time.Second):
		t.Fatalf("dossier serve did not start:\n%s", log.String())
	}
	return nil, "", nil
}

// TestServeStopsCleanlyOnSIGTERM loads documents into a running server
// through POST /documents, sends SIGTERM in the middle of the load, and
// checks that the server finished what it had acknowledged, exited with
// status 0, and left a store that opens and holds only whole documents.
func TestServeStopsCleanlyOnSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server process")
	}
	store := filepath.Join(t.TempDir(), "store")
	mustDossier(t, "--store", store, "build", samples(t))
	text, err := os.ReadFile(filepath.Join("..", "..", "data", "samples", "zhou-pham-1966-11-20.md"))
	if err != nil {
		t.Fatal(err)
	}
	// a longer document, so that a build takes a while
	body := strings.Repeat(string(text)+"\n\n", 8)
	sum := sha256.Sum256([]byte(body))
	hash := hex.EncodeToString(sum[:])

	cmd, base, log := startServe(t, []string{"DOSSIER_TOKEN=s3cret"}, "--store", store, "serve", "--addr", "127.0.0.1:0", "--timeout", "20s")

	var mu sync.Mutex
	var acked []string
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := 0; w < 3; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			client := &http.Client{Timeout: 60 * time.Second}
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				id := fmt.Sprintf("load-%d-%d", w, i)
				req, _ := http.NewRequest("POST", base+"/documents?name="+id+".txt", strings.NewReader(body))
				req.Header.Set("Content-Type", "text/plain")
				req.Header.Set("Authorization", "Bearer s3cret")
				resp, err := client.Do(req)
				if err != nil {
					return // the server is gone
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				switch resp.StatusCode {
				case http.StatusCreated:
					mu.Lock()
					acked = append(acked, id)
					mu.Unlock()
				case http.StatusServiceUnavailable:
					return
				default:
					t.Errorf("POST %s: %s", id, resp.Status)
					return
				}
			}
		}()
	}
	// signal once a few documents are in and more are on their way
	deadline := time.Now().Add(60 * time.Second)
	for {
		mu.Lock()
		n := len(acked)
		mu.Unlock()
		if n >= 2 || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	mu.Lock()
	atSignal := len(acked)
	mu.Unlock()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("dossier serve exited with %v\n%s", err, log.String())
		}
	case <-time.After(90 * time.Second):
		t.Fatalf("dossier serve did not stop\n%s", log.String())
	}
	close(stop)
	wg.Wait()
	if !strings.Contains(log.String(), "dossier: stopped") {
		t.Errorf("no clean stop in the log:\n%s", log.String())
	}
	if atSignal < 2 {
		t.Fatalf("only %d documents acknowledged before the signal", atSignal)
	}
	// the writes in flight when the signal came were finished, not dropped
	if len(acked) <= atSignal {
		t.Errorf("no write in flight at the signal was finished (%d acknowledged before, %d after)", atSignal, len(acked))
	}

	// The store opens, and holds every acknowledged document whole.
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Config{Store: store})
	if err != nil {
		t.Fatalf("the store does not open after the stop: %v", err)
	}
	defer st.Close()
	m := ontology.Mapper{}
	infos, err := st.Graphs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sizes := map[string]int{}
	for _, g := range infos {
		sizes[g.Graph.Value] = g.Quads
	}
	want := sizes[m.DocumentIRI(acked[0])]
	if want == 0 {
		t.Fatalf("acknowledged document %s is not in the store", acked[0])
	}
	for _, id := range acked {
		g := m.DocumentIRI(id)
		if sizes[g] != want {
			t.Errorf("acknowledged document %s has %d quads, want %d", id, sizes[g], want)
		}
		h, ok, err := st.GraphHash(ctx, ontology.NewIRI(g))
		if err != nil || !ok || h != hash {
			t.Errorf("acknowledged document %s: content hash %q %v %v", id, h, ok, err)
		}
	}
	// a document the server had begun but not acknowledged is whole or
	// absent, never half there
	loaded := 0
	for g, n := range sizes {
		if strings.Contains(g, "/document/load-") {
			loaded++
			if n != want {
				t.Errorf("%s has %d quads, want %d: a write was cut off", g, n, want)
			}
		}
	}
	t.Logf("%d documents acknowledged before SIGTERM, %d in all, %d in the store", atSignal, len(acked), loaded)
	st.Close()
	// and the command line reads it
	if c := stats(t, store); c.Documents != 3+loaded {
		t.Errorf("stats counts %d documents, want %d", c.Documents, 3+loaded)
	}
}

func TestServeRefusesAnEmptyTokenFile(t *testing.T) {
	empty := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(empty, []byte("\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errs := dossier(t, "--store", filepath.Join(t.TempDir(), "s"), "serve", "--token-file", empty)
	if code == 0 || !strings.Contains(errs, "is empty") {
		t.Errorf("exit %d: %s", code, errs)
	}
	code, _, errs = dossier(t, "--store", filepath.Join(t.TempDir(), "s"), "serve", "--token-file", filepath.Join(t.TempDir(), "missing"))
	if code == 0 || !strings.Contains(errs, "token file") {
		t.Errorf("exit %d: %s", code, errs)
	}
}
