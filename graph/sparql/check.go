package sparql

import "fmt"

// check applies the static rules of SPARQL that the grammar does not: in a
// grouped query only group keys and aggregates may be selected, and a
// SELECT expression may not bind a variable the pattern already binds.
func check(q *Query) error {
	grouped := len(q.groupBy) > 0 || len(q.having) > 0
	for _, pr := range q.project {
		if pr.e != nil && containsAgg(pr.e) {
			grouped = true
		}
	}
	if q.star && grouped && q.Form == Select {
		return &Error{Pos: q.where.pos, Msg: "SELECT * cannot be used with GROUP BY or aggregates"}
	}
	scope := map[string]bool{}
	if q.where != nil {
		for _, v := range inScope(q.where) {
			scope[v] = true
		}
	}
	if q.values != nil {
		for _, v := range q.values.vars {
			scope[v] = true
		}
	}
	keys := map[string]bool{}
	for _, gc := range q.groupBy {
		if gc.as != "" {
			if scope[gc.as] {
				return &Error{Pos: gc.pos, Msg: fmt.Sprintf("GROUP BY ... AS ?%s: the pattern already binds ?%s", gc.as, gc.as)}
			}
			keys[gc.as] = true
		} else if v, ok := gc.e.(*exprVar); ok {
			keys[v.v] = true
		}
	}
	bound := map[string]bool{}
	selected := map[string]bool{}
	for _, pr := range q.project {
		if selected[pr.v] {
			return &Error{Pos: pr.pos, Msg: fmt.Sprintf("?%s is selected twice", pr.v)}
		}
		selected[pr.v] = true
		if pr.e == nil {
			if grouped && !keys[pr.v] && !bound[pr.v] {
				return &Error{Pos: pr.pos, Msg: fmt.Sprintf("?%s is selected but is neither grouped (GROUP BY) nor computed by an aggregate", pr.v)}
			}
			continue
		}
		if scope[pr.v] || bound[pr.v] || keys[pr.v] {
			return &Error{Pos: pr.pos, Msg: fmt.Sprintf("(... AS ?%s): ?%s is already bound", pr.v, pr.v)}
		}
		if grouped {
			if v := ungrouped(pr.e, keys, bound); v != "" {
				return &Error{Pos: pr.pos, Msg: fmt.Sprintf("?%s is used outside an aggregate but is not grouped (GROUP BY)", v)}
			}
		}
		bound[pr.v] = true
	}
	return nil
}

// ungrouped returns a variable used in e outside any aggregate that is not
// a group key (or an earlier SELECT expression), or "".
func ungrouped(e expr, keys, bound map[string]bool) string {
	switch e := e.(type) {
	case *exprVar:
		if !keys[e.v] && !bound[e.v] {
			return e.v
		}
	case *exprOp:
		for _, a := range e.args {
			if v := ungrouped(a, keys, bound); v != "" {
				return v
			}
		}
	case *exprCall:
		for _, a := range e.args {
			if v := ungrouped(a, keys, bound); v != "" {
				return v
			}
		}
	}
	return ""
}
