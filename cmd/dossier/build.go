package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"github.com/spf13/viper"
	"golang.org/x/term"

	"github.com/dossier-archive/dossier/corpus"
	"github.com/dossier-archive/dossier/pipeline"
)

func newBuildCmd(v *viper.Viper) *cobra.Command {
	var keepGoing bool
	cmd := &cobra.Command{
		Use:   "build [flags] PATH...",
		Short: "Extract documents and load them into the store",
		Long: `Build reads documents (files, or folders walked recursively for .txt and
.md files), extracts their people, organizations, places, dates and events,
and loads each document as its own named graph. Building the same
documents again changes nothing; a document whose text changed has its
graph replaced.

Every file is read and checked before anything is written: a file that is
empty, binary or not UTF-8 stops the build with the store untouched, unless
--keep-going is given, which skips such files, lists them at the end and
exits with status 2.`,
		Example: `  dossier build data/samples
  dossier build --store archive.db --keep-going ~/archive/telegrams`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			sources, err := corpus.Find(args)
			if err != nil {
				return err
			}
			x, err := newExtractor(v)
			if err != nil {
				return err
			}
			st, err := openStore(cmd.Context(), v, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			defer st.Close()
			limitMemory(st.Backend())
			b := &pipeline.Builder{
				Extractor: x, Mapper: mapper(v), Store: st,
				Workers: v.GetInt(keyWorkers), KeepGoing: keepGoing,
			}
			bar := progress(cmd.ErrOrStderr(), len(sources))
			if bar != nil {
				b.Progress = func(done, _ int) { _ = bar.Set(done) }
				b.Finishing = func() { bar.Describe("writing the store's indexes") }
			}
			sum, err := b.Build(cmd.Context(), sources)
			if bar != nil {
				_ = bar.Finish()
				fmt.Fprintln(cmd.ErrOrStderr())
			}
			if err != nil {
				return err
			}
			for _, e := range sum.Skipped {
				fmt.Fprintln(cmd.ErrOrStderr(), "skipped:", e)
			}
			fmt.Fprintf(cmd.OutOrStdout(),
				"%d documents (%d loaded, %d unchanged, %d skipped), %d quads added, %d removed, %.1f KB in %s (%.1f documents/s) into %s\n",
				sum.Documents, sum.Loaded, sum.Unchanged, len(sum.Skipped), sum.Added, sum.Removed,
				float64(sum.Bytes)/1024, sum.Elapsed.Round(1e6), sum.DocsPerSecond(), st)
			if len(sum.Skipped) > 0 {
				return &exitError{code: 2, err: fmt.Errorf("%d of %d documents skipped", len(sum.Skipped), sum.Documents)}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&keepGoing, "keep-going", false, "skip unreadable documents, report them, and exit 2")
	cmd.Flags().Int("workers", 0, "documents extracted at once (0: one per CPU)")
	return cmd
}

// buildMemoryLimit is the Go heap a build aims to stay under unless the
// GOMEMLIMIT environment variable says otherwise. A build's live memory is
// bounded (a bulk load counts at most graph's bulkSegmentNodes nodes, about
// 200 MB, and sorts 96 MB of index entries in memory), but by default Go
// lets the heap grow to twice what is live before collecting: the limit
// makes it collect sooner instead, so that the whole process stays under
// 1 GB. Not for the memory store, whose heap is the archive itself: there
// the limit would only make the collector run without end.
const buildMemoryLimit = 640 << 20

func limitMemory(backend string) {
	if os.Getenv("GOMEMLIMIT") == "" && backend != "memory" {
		debug.SetMemoryLimit(buildMemoryLimit)
	}
}

// progress returns a progress bar on w when w is a terminal and there is
// more than one document, else nil.
func progress(w io.Writer, total int) *progressbar.ProgressBar {
	f, ok := w.(*os.File)
	if !ok || total < 2 || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return progressbar.NewOptions(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("building"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("docs"),
		progressbar.OptionThrottle(100e6),
	)
}
