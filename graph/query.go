package graph

import (
	"context"
	"fmt"
	"time"

	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"
)

// queryGrace is how long Query waits, after a query was stopped, for
// Gizmo's JavaScript goroutine to notice and finish.
const queryGrace = 2 * time.Second

// Query runs a query and returns its results as JSON-ready values (what
// Cayley's HTTP API returns under "result"). lang must be "gizmo". At most
// limit results are returned when limit > 0.
//
// The query stops when ctx is done: give ctx a deadline, or a runaway
// query such as `while(true){}` runs forever. A query that does not compile
// returns Cayley's (goja's) error text.
func (s *Store) Query(ctx context.Context, lang, text string, limit int) ([]any, error) {
	if lang != gizmo.Name {
		return nil, fmt.Errorf("unsupported query language %q (want %q)", lang, gizmo.Name)
	}
	unlock, err := s.rlock()
	if err != nil {
		return nil, err
	}
	// A Gizmo session cannot be reused after its iterator is closed (the
	// close interrupts the next run with "iterator closed"), so every query
	// gets a new one. Session.Execute ignores its ctx; the deadline only
	// works through Next.
	it, err := gizmo.NewSession(s.planned()).Execute(ctx, text, query.Options{Limit: limit, Collation: query.JSON})
	if err != nil {
		unlock()
		return nil, err
	}
	out := []any{}
	for it.Next(ctx) {
		if r := it.Result(); r != nil { // nil: the script's own value
			out = append(out, r)
		}
	}
	err = it.Err()
	if err == nil {
		err = ctx.Err()
	}
	// The script runs in a goroutine of its own; when ctx stopped it, it is
	// interrupted but may still be inside the store. Next on a stopped
	// iterator returns once that goroutine has exited, so wait for it
	// (briefly) before letting writers in. If it takes longer, a
	// background goroutine keeps the read lock until it is done.
	if err != nil {
		wait, cancel := context.WithTimeout(context.Background(), queryGrace)
		done := !it.Next(wait) && wait.Err() == nil
		cancel()
		if !done {
			go func() {
				for it.Next(context.Background()) {
				}
				it.Close()
				unlock()
			}()
			return nil, fmt.Errorf("query stopped: %w", err)
		}
	}
	it.Close()
	unlock()
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("query stopped: %w", err)
		}
		return nil, err
	}
	return out, nil
}
