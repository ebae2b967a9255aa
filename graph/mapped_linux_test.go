//go:build linux

package graph

import (
	"bufio"
	"context"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dossier-archive/dossier/ontology"
)

// mappedRSS is how much of the memory map of file is resident, in kB
// (the Rss lines of its entries in /proc/self/smaps).
func mappedRSS(t *testing.T, file string) int {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	in, total, found := false, 0, false
	for sc.Scan() {
		line := sc.Text()
		fields := strings.Fields(line)
		if len(fields) >= 5 && strings.Contains(fields[0], "-") && !strings.HasSuffix(fields[0], ":") {
			in = len(fields) >= 6 && fields[5] == file
			found = found || in
			continue
		}
		if rest, ok := strings.CutPrefix(line, "Rss:"); ok && in {
			n, err := strconv.Atoi(strings.Fields(rest)[0])
			if err != nil {
				t.Fatal(err)
			}
			total += n
		}
	}
	if !found {
		t.Fatalf("%s is not mapped", file)
	}
	return total
}

// Releasing the bolt file's mapped pages must shrink the resident set by
// the pages read, and change nothing a reader or a writer sees (the
// store written while its pages are released every millisecond holds what
// the memory store holds).
func TestReleaseMapped(t *testing.T) {
	// released every millisecond while batches are written, too
	defer func(d time.Duration) { releaseInterval = d }(releaseInterval)
	releaseInterval = time.Millisecond
	s, err := Open(context.Background(), Config{Store: t.TempDir() + "/store"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.bolt == nil {
		t.Fatal("the bolt store's file was not handed to the Store")
	}
	l := s.Loader()
	for g, qs := range synthetic(200, 200) {
		if _, err := l.ReplaceGraph(context.Background(), ontology.NewIRI(g), qs); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	before := dump(t, s) // reads the pages of every quad and node
	mem, err := Open(context.Background(), Config{Store: "memory"})
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	for g, qs := range synthetic(200, 200) {
		mustReplace(t, mem, g, qs)
	}
	if want := dump(t, mem); !slices.Equal(before, want) {
		t.Fatalf("the bolt store holds what the memory store does not:\n%s", diff(want, before))
	}
	file := s.bolt.Path()
	// the length advised is the map's: at least the file, 1 GB here
	fi, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	if n := mappingLen(s.bolt.Info().Data); n < uintptr(fi.Size()) || n != initialMmap {
		t.Errorf("the map is %d bytes long, the file %d, bbolt's initial map %d", n, fi.Size(), initialMmap)
	}
	resident := mappedRSS(t, file)
	if resident < 256 {
		t.Fatalf("only %d kB of the store are resident after reading it all", resident)
	}
	releaseMapped(s.bolt)
	if left := mappedRSS(t, file); left > resident/10 {
		t.Errorf("releasing the map left %d of %d kB resident", left, resident)
	}
	if after := dump(t, s); !slices.Equal(before, after) {
		t.Errorf("the store reads differently after the release:\n%s", diff(before, after))
	}
}
