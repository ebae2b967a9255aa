package sparql

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash"
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"

	"github.com/dossier-archive/dossier/ontology"
)

// cexpr is a compiled expression. eval returns the value, or errEval for
// an evaluation error, or another error that stops the query (the
// deadline, a store failure inside EXISTS).
type cexpr interface {
	eval(e *evaluator, mu solution) (ontology.Term, error)
}

type ceVar struct{ slot int }
type ceConst struct{ t ontology.Term }
type ceOp struct {
	op   string
	args []cexpr
}
type ceCall struct {
	name string
	args []cexpr
	re   *regexp.Regexp // REGEX/REPLACE with constant pattern and flags
	reOK bool
}
type ceExists struct {
	not bool
	g   *groupOp
}
type ceAgg struct{ slot int } // the value of an aggregate, computed by grouping

func (c *compiler) expr(e expr) (cexpr, error) {
	switch e := e.(type) {
	case *exprVar:
		return ceVar{slot: c.slot(e.v)}, nil
	case *exprConst:
		return ceConst{t: e.t}, nil
	case *exprOp:
		args := make([]cexpr, len(e.args))
		for i, a := range e.args {
			ca, err := c.expr(a)
			if err != nil {
				return nil, err
			}
			args[i] = ca
		}
		return &ceOp{op: e.op, args: args}, nil
	case *exprCall:
		args := make([]cexpr, len(e.args))
		for i, a := range e.args {
			ca, err := c.expr(a)
			if err != nil {
				return nil, err
			}
			args[i] = ca
		}
		call := &ceCall{name: e.name, args: args}
		if e.name == "REGEX" || e.name == "REPLACE" {
			pi := 1
			fi := 2
			if e.name == "REPLACE" {
				fi = 3
			}
			pat, ok1 := args[pi].(ceConst)
			flags := ceConst{t: ontology.NewString("")}
			ok2 := true
			if len(args) > fi {
				flags, ok2 = args[fi].(ceConst)
			}
			if ok1 && ok2 {
				re, err := compileRegex(pat.t, flags.t)
				if err != nil {
					return nil, &Error{Pos: e.pos, Msg: err.Error()}
				}
				call.re, call.reOK = re, true
			}
		}
		return call, nil
	case *exprAgg:
		return c.aggregate(e)
	case *exprExists:
		c.subst++
		g, err := c.group(e.g, c.graph, false) // in the active graph
		c.subst--
		if err != nil {
			return nil, err
		}
		return &ceExists{not: e.not, g: g}, nil
	}
	return nil, &Error{Pos: e.exprPos(), Msg: "unexpected expression"}
}

func (x ceVar) eval(e *evaluator, mu solution) (ontology.Term, error) {
	if !mu[x.slot].bound() {
		return ontology.Term{}, errEval
	}
	return e.term(mu[x.slot])
}

func (x ceConst) eval(*evaluator, solution) (ontology.Term, error) { return x.t, nil }

func (x ceAgg) eval(e *evaluator, mu solution) (ontology.Term, error) {
	if !mu[x.slot].bound() {
		return ontology.Term{}, errEval
	}
	return e.term(mu[x.slot])
}

func (x *ceExists) eval(e *evaluator, mu solution) (ontology.Term, error) {
	found := false
	err := x.g.run(e, mu, func(solution) error {
		found = true
		return errStop
	})
	if err != nil && err != errStop {
		return ontology.Term{}, err
	}
	return boolTerm(found != x.not), nil
}

// fatal reports whether err must stop the query rather than count as an
// evaluation error.
func fatal(err error) bool { return err != nil && err != errEval }

func (x *ceOp) eval(e *evaluator, mu solution) (ontology.Term, error) {
	switch x.op {
	case "||", "&&":
		// three-valued logic: an error on one side is overridden by true
		// (||) or false (&&) on the other
		a, errA := evalBool(e, x.args[0], mu)
		if fatal(errA) {
			return ontology.Term{}, errA
		}
		if errA == nil && a == (x.op == "||") {
			return boolTerm(a), nil
		}
		b, errB := evalBool(e, x.args[1], mu)
		if fatal(errB) {
			return ontology.Term{}, errB
		}
		if errB == nil && b == (x.op == "||") {
			return boolTerm(b), nil
		}
		if errA != nil || errB != nil {
			return ontology.Term{}, errEval
		}
		return boolTerm(b), nil
	case "!":
		a, err := evalBool(e, x.args[0], mu)
		if err != nil {
			return ontology.Term{}, err
		}
		return boolTerm(!a), nil
	case "in", "notin":
		a, err := x.args[0].eval(e, mu)
		if err != nil {
			return ontology.Term{}, err
		}
		var sawErr bool
		for _, arg := range x.args[1:] {
			b, err := arg.eval(e, mu)
			if fatal(err) {
				return ontology.Term{}, err
			}
			if err != nil {
				sawErr = true
				continue
			}
			eq, err := equal(a, b)
			if err != nil {
				sawErr = true
				continue
			}
			if eq {
				return boolTerm(x.op == "in"), nil
			}
		}
		if sawErr {
			return ontology.Term{}, errEval
		}
		return boolTerm(x.op == "notin"), nil
	}
	args := make([]ontology.Term, len(x.args))
	for i, a := range x.args {
		t, err := a.eval(e, mu)
		if err != nil {
			return ontology.Term{}, err
		}
		args[i] = t
	}
	switch x.op {
	case "=", "!=":
		eq, err := equal(args[0], args[1])
		if err != nil {
			return ontology.Term{}, err
		}
		return boolTerm(eq == (x.op == "=")), nil
	case "<", ">", "<=", ">=":
		c, err := compare(args[0], args[1])
		if err != nil {
			return ontology.Term{}, err
		}
		var r bool
		switch x.op {
		case "<":
			r = c < 0
		case ">":
			r = c > 0
		case "<=":
			r = c <= 0
		case ">=":
			r = c >= 0
		}
		return boolTerm(r), nil
	case "neg", "pos":
		n, ok := parseNumber(args[0])
		if !ok {
			return ontology.Term{}, errEval
		}
		if x.op == "pos" {
			return n.term(), nil
		}
		r, err := n.neg()
		if err != nil {
			return ontology.Term{}, err
		}
		return r.term(), nil
	case "+", "-", "*", "/":
		a, ok1 := parseNumber(args[0])
		b, ok2 := parseNumber(args[1])
		if !ok1 || !ok2 {
			return ontology.Term{}, errEval
		}
		r, err := arith(x.op, a, b)
		if err != nil {
			return ontology.Term{}, err
		}
		return r.term(), nil
	}
	return ontology.Term{}, errEval
}

func evalBool(e *evaluator, x cexpr, mu solution) (bool, error) {
	t, err := x.eval(e, mu)
	if err != nil {
		return false, err
	}
	return ebv(t)
}

// --- built-in functions ---

var (
	upper = cases.Upper(language.Und)
	lower = cases.Lower(language.Und)
)

func isStringLit(t ontology.Term) bool {
	return t.Kind == ontology.Literal && (t.Lang != "" || t.Datatype == "" || t.Datatype == xsd+"string")
}

// compatible reports whether two string literals can be the arguments of
// CONTAINS, STRSTARTS and the like (§17.4.3.1.3).
func compatible(a, b ontology.Term) bool {
	if !isStringLit(a) || !isStringLit(b) {
		return false
	}
	return b.Lang == "" || a.Lang == b.Lang
}

// withForm returns a string literal with the language tag (or xsd:string)
// of like.
func withForm(s string, like ontology.Term) ontology.Term {
	if like.Lang != "" {
		return ontology.NewLangString(s, like.Lang)
	}
	return ontology.NewString(s)
}

func (x *ceCall) eval(e *evaluator, mu solution) (ontology.Term, error) {
	switch x.name {
	case "BOUND":
		v := x.args[0].(ceVar)
		return boolTerm(mu[v.slot].bound()), nil
	case "COALESCE":
		for _, a := range x.args {
			t, err := a.eval(e, mu)
			if fatal(err) {
				return ontology.Term{}, err
			}
			if err == nil {
				return t, nil
			}
		}
		return ontology.Term{}, errEval
	case "IF":
		c, err := evalBool(e, x.args[0], mu)
		if err != nil {
			return ontology.Term{}, err
		}
		if c {
			return x.args[1].eval(e, mu)
		}
		return x.args[2].eval(e, mu)
	}
	args := make([]ontology.Term, len(x.args))
	for i, a := range x.args {
		t, err := a.eval(e, mu)
		if err != nil {
			return ontology.Term{}, err
		}
		args[i] = t
	}
	if castable[x.name] {
		return cast(args[0], x.name)
	}
	fail := ontology.Term{}
	switch x.name {
	case "STR":
		switch args[0].Kind {
		case ontology.IRI, ontology.Literal:
			return ontology.NewString(args[0].Value), nil
		}
		return fail, errEval
	case "LANG":
		if args[0].Kind != ontology.Literal {
			return fail, errEval
		}
		return ontology.NewString(args[0].Lang), nil
	case "DATATYPE":
		t := args[0]
		if t.Kind != ontology.Literal {
			return fail, errEval
		}
		switch {
		case t.Lang != "":
			return ontology.NewIRI(ontology.RDF + "langString"), nil
		case t.Datatype == "":
			return ontology.NewIRI(xsd + "string"), nil
		}
		return ontology.NewIRI(t.Datatype), nil
	case "LANGMATCHES":
		if !isSimple(args[0]) || !isSimple(args[1]) {
			return fail, errEval
		}
		return boolTerm(langMatches(args[0].Value, args[1].Value)), nil
	case "IRI":
		switch args[0].Kind {
		case ontology.IRI:
			return args[0], nil
		case ontology.Literal:
			if !isSimple(args[0]) {
				return fail, errEval
			}
			iri := args[0].Value
			if !ontology.IsAbsoluteIRI(iri) {
				if e.base == "" {
					return fail, errEval
				}
				iri = ontology.ResolveIRI(e.base, iri)
			}
			if ontology.CheckIRI(iri) != nil {
				return fail, errEval
			}
			return ontology.NewIRI(iri), nil
		}
		return fail, errEval
	case "SAMETERM":
		return boolTerm(args[0] == args[1]), nil
	case "ISIRI":
		return boolTerm(args[0].Kind == ontology.IRI), nil
	case "ISBLANK":
		return boolTerm(args[0].Kind == ontology.Blank), nil
	case "ISLITERAL":
		return boolTerm(args[0].Kind == ontology.Literal), nil
	case "ISNUMERIC":
		_, ok := parseNumber(args[0])
		return boolTerm(ok), nil
	case "STRLEN":
		if !isStringLit(args[0]) {
			return fail, errEval
		}
		return ontology.NewTyped(strconv.Itoa(utf8.RuneCountInString(args[0].Value)), xsd+"integer"), nil
	case "UCASE", "LCASE":
		if !isStringLit(args[0]) {
			return fail, errEval
		}
		c := upper
		if x.name == "LCASE" {
			c = lower
		}
		return withForm(c.String(args[0].Value), args[0]), nil
	case "CONTAINS", "STRSTARTS", "STRENDS":
		if !compatible(args[0], args[1]) {
			return fail, errEval
		}
		s, sub := args[0].Value, args[1].Value
		var r bool
		switch x.name {
		case "CONTAINS":
			r = strings.Contains(s, sub)
		case "STRSTARTS":
			r = strings.HasPrefix(s, sub)
		default:
			r = strings.HasSuffix(s, sub)
		}
		return boolTerm(r), nil
	case "STRBEFORE", "STRAFTER":
		if !compatible(args[0], args[1]) {
			return fail, errEval
		}
		i := strings.Index(args[0].Value, args[1].Value)
		if i < 0 {
			return ontology.NewString(""), nil
		}
		if x.name == "STRBEFORE" {
			if i == 0 && args[1].Value == "" {
				return withForm("", args[0]), nil
			}
			return withForm(args[0].Value[:i], args[0]), nil
		}
		return withForm(args[0].Value[i+len(args[1].Value):], args[0]), nil
	case "CONCAT":
		var b strings.Builder
		lang := ""
		for i, a := range args {
			if !isStringLit(a) {
				return fail, errEval
			}
			b.WriteString(a.Value)
			if i == 0 {
				lang = a.Lang
			} else if a.Lang != lang {
				lang = ""
			}
		}
		if lang != "" {
			return ontology.NewLangString(b.String(), lang), nil
		}
		return ontology.NewString(b.String()), nil
	case "SUBSTR":
		return substr(args)
	case "REGEX":
		if !isStringLit(args[0]) {
			return fail, errEval
		}
		re, err := x.regex(e, args, 1, 2)
		if err != nil {
			return fail, err
		}
		return boolTerm(re.MatchString(args[0].Value)), nil
	case "REPLACE":
		if !isStringLit(args[0]) || !isSimple(args[2]) {
			return fail, errEval
		}
		re, err := x.regex(e, args, 1, 3)
		if err != nil {
			return fail, err
		}
		if re.MatchString("") {
			return fail, errEval // XPath: a pattern that matches "" is an error
		}
		repl, ok := xpathReplacement(args[2].Value)
		if !ok {
			return fail, errEval
		}
		return withForm(re.ReplaceAllString(args[0].Value, repl), args[0]), nil
	case "ENCODE_FOR_URI":
		if !isStringLit(args[0]) {
			return fail, errEval
		}
		return ontology.NewString(encodeForURI(args[0].Value)), nil
	case "STRLANG":
		if !isSimple(args[0]) || !isSimple(args[1]) || !langTag(args[1].Value) {
			return fail, errEval
		}
		return ontology.NewLangString(args[0].Value, args[1].Value), nil
	case "STRDT":
		if !isSimple(args[0]) || args[1].Kind != ontology.IRI || args[1].Value == ontology.RDF+"langString" {
			return fail, errEval
		}
		return ontology.NewTyped(args[0].Value, args[1].Value), nil
	case "ABS", "CEIL", "FLOOR", "ROUND":
		n, ok := parseNumber(args[0])
		if !ok {
			return fail, errEval
		}
		return numericFunc(x.name, n).term(), nil
	case "YEAR", "MONTH", "DAY", "HOURS", "MINUTES", "SECONDS", "TZ":
		return dateFunc(x.name, args[0])
	case "MD5", "SHA1", "SHA256", "SHA384", "SHA512":
		if !isSimple(args[0]) {
			return fail, errEval
		}
		var h hash.Hash
		switch x.name {
		case "MD5":
			h = md5.New()
		case "SHA1":
			h = sha1.New()
		case "SHA256":
			h = sha256.New()
		case "SHA384":
			h = sha512.New384()
		default:
			h = sha512.New()
		}
		h.Write([]byte(args[0].Value))
		return ontology.NewString(hex.EncodeToString(h.Sum(nil))), nil
	}
	return fail, errEval
}

// isSimple reports whether t is a simple literal or an xsd:string.
func isSimple(t ontology.Term) bool {
	return t.Kind == ontology.Literal && t.Lang == "" && (t.Datatype == "" || t.Datatype == xsd+"string")
}

func langTag(s string) bool {
	return ontology.NewLangString("x", s).Check() == nil
}

// langMatches is RFC 4647 basic filtering, as langMatches (§17.4.3.2).
func langMatches(tag, rng string) bool {
	if rng == "*" {
		return tag != ""
	}
	tag, rng = strings.ToLower(tag), strings.ToLower(rng)
	return tag == rng || strings.HasPrefix(tag, rng+"-")
}

func substr(args []ontology.Term) (ontology.Term, error) {
	if !isStringLit(args[0]) {
		return ontology.Term{}, errEval
	}
	start, ok := parseNumber(args[1])
	if !ok {
		return ontology.Term{}, errEval
	}
	runes := []rune(args[0].Value)
	// XPath fn:substring: characters at positions p with
	// round(start) <= p < round(start) + round(length)
	from := xpathRound(start.float())
	to := math.Inf(1)
	if len(args) > 2 {
		l, ok := parseNumber(args[2])
		if !ok {
			return ontology.Term{}, errEval
		}
		to = from + xpathRound(l.float())
	}
	if math.IsNaN(from) || math.IsNaN(to) {
		return withForm("", args[0]), nil
	}
	var b strings.Builder
	for i, r := range runes {
		p := float64(i + 1)
		if p >= from && p < to {
			b.WriteRune(r)
		}
	}
	return withForm(b.String(), args[0]), nil
}

func xpathRound(f float64) float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return f
	}
	return math.Floor(f + 0.5)
}

func numericFunc(name string, n number) number {
	switch n.kind {
	case nInteger:
		if name == "ABS" && n.i < 0 && n.i != math.MinInt64 {
			n.i = -n.i
		}
		return n
	case nDecimal:
		d := new(big.Int).Set(n.d)
		switch name {
		case "ABS":
			d.Abs(d)
		case "CEIL", "FLOOR", "ROUND":
			q, r := new(big.Int).QuoRem(d, decUnit, new(big.Int))
			// q is truncated toward zero
			switch name {
			case "CEIL":
				if r.Sign() > 0 {
					q.Add(q, big.NewInt(1))
				}
			case "FLOOR":
				if r.Sign() < 0 {
					q.Sub(q, big.NewInt(1))
				}
			case "ROUND":
				// round half toward positive infinity
				half := new(big.Int).Quo(decUnit, big.NewInt(2))
				switch {
				case r.Sign() > 0 && r.Cmp(half) >= 0:
					q.Add(q, big.NewInt(1))
				case r.Sign() < 0 && new(big.Int).Neg(r).Cmp(half) > 0:
					q.Sub(q, big.NewInt(1))
				}
			}
			d = q.Mul(q, decUnit)
		}
		return number{kind: nDecimal, d: d}
	}
	f := n.f
	switch name {
	case "ABS":
		f = math.Abs(f)
	case "CEIL":
		f = math.Ceil(f)
	case "FLOOR":
		f = math.Floor(f)
	case "ROUND":
		f = math.Floor(f + 0.5)
	}
	return number{kind: n.kind, f: f}
}

func dateFunc(name string, t ontology.Term) (ontology.Term, error) {
	k := classify(t)
	if k < kDateTime {
		return ontology.Term{}, errEval
	}
	d, _ := parseDate(t.Value, k)
	has := func(parts ...litKind) bool {
		for _, p := range parts {
			if p == k {
				return true
			}
		}
		return false
	}
	integer := func(v int64) ontology.Term {
		return ontology.NewTyped(strconv.FormatInt(v, 10), xsd+"integer")
	}
	switch name {
	case "YEAR":
		if has(kDateTime, kDate, kGYear, kGYearMonth) {
			return integer(d.year), nil
		}
	case "MONTH":
		if has(kDateTime, kDate, kGYearMonth, kGMonth, kGMonthDay) {
			return integer(int64(d.month)), nil
		}
	case "DAY":
		if has(kDateTime, kDate, kGDay, kGMonthDay) {
			return integer(int64(d.day)), nil
		}
	case "HOURS":
		if has(kDateTime, kTime) {
			return integer(int64(d.hour)), nil
		}
	case "MINUTES":
		if has(kDateTime, kTime) {
			return integer(int64(d.minute)), nil
		}
	case "SECONDS":
		if has(kDateTime, kTime) {
			v := new(big.Int).Mul(big.NewInt(int64(d.sec)), decUnit)
			v.Add(v, new(big.Int).Mul(big.NewInt(int64(d.nano)), big.NewInt(1e9)))
			return number{kind: nDecimal, d: v}.term(), nil
		}
	case "TZ":
		return ontology.NewString(d.tzLabel), nil
	}
	return ontology.Term{}, errEval
}

func encodeForURI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isAlnum(c) || c == '-' || c == '_' || c == '.' || c == '~' {
			b.WriteByte(c)
		} else {
			b.WriteString("%" + strings.ToUpper(hex.EncodeToString([]byte{c})))
		}
	}
	return b.String()
}

// cast converts a term to a datatype (XPath casting, §17.5).
func cast(t ontology.Term, dt string) (ontology.Term, error) {
	fail := ontology.Term{}
	if t.Kind == ontology.Blank || t.Kind == ontology.NoTerm {
		return fail, errEval
	}
	if t.Kind == ontology.IRI {
		if dt == xsd+"string" {
			return ontology.NewString(t.Value), nil
		}
		return fail, errEval
	}
	if t.Lang != "" {
		return fail, errEval
	}
	k := classify(t)
	if k == kOther && !isSimple(t) {
		return fail, errEval
	}
	n, isNum := parseNumber(t)
	switch dt {
	case xsd + "string":
		if isNum {
			return ontology.NewString(canonicalNumber(n)), nil
		}
		return ontology.NewString(t.Value), nil
	case xsd + "boolean":
		switch {
		case k == kBoolean:
			v, _ := parseBool(t.Value)
			return boolTerm(v), nil
		case isNum:
			f := n.float()
			return boolTerm(f != 0 && !math.IsNaN(f)), nil
		case k == kString:
			if v, ok := parseBool(t.Value); ok {
				return boolTerm(v), nil
			}
		}
	case xsd + "integer":
		switch {
		case k == kBoolean:
			v, _ := parseBool(t.Value)
			return ontology.NewTyped(strconv.FormatInt(b2i(v), 10), xsd+"integer"), nil
		case isNum:
			switch n.kind {
			case nInteger:
				return n.term(), nil
			case nDecimal:
				q := new(big.Int).Quo(n.d, decUnit)
				if q.IsInt64() {
					return number{kind: nInteger, i: q.Int64()}.term(), nil
				}
			default:
				if !math.IsNaN(n.f) && !math.IsInf(n.f, 0) && math.Abs(n.f) < 9.2e18 {
					return number{kind: nInteger, i: int64(n.f)}.term(), nil
				}
			}
		case k == kString:
			if validInteger(t.Value) {
				if i, err := strconv.ParseInt(t.Value, 10, 64); err == nil {
					return number{kind: nInteger, i: i}.term(), nil
				}
			}
		}
	case xsd + "decimal":
		switch {
		case k == kBoolean:
			v, _ := parseBool(t.Value)
			return number{kind: nDecimal, d: new(big.Int).Mul(big.NewInt(b2i(v)), decUnit)}.term(), nil
		case isNum:
			if n.kind == nFloat || n.kind == nDouble {
				if math.IsNaN(n.f) || math.IsInf(n.f, 0) {
					return fail, errEval
				}
				r := new(big.Rat)
				r.SetFloat64(n.f)
				r.Mul(r, new(big.Rat).SetInt(decUnit))
				d := new(big.Int).Quo(r.Num(), r.Denom())
				if !decimalFits(d) {
					return fail, errEval
				}
				return number{kind: nDecimal, d: d}.term(), nil
			}
			return number{kind: nDecimal, d: n.decimal()}.term(), nil
		case k == kString:
			if d, ok := parseDecimal(t.Value); ok {
				return number{kind: nDecimal, d: d}.term(), nil
			}
		}
	case xsd + "double", xsd + "float":
		kind := nDouble
		if dt == xsd+"float" {
			kind = nFloat
		}
		switch {
		case k == kBoolean:
			v, _ := parseBool(t.Value)
			return number{kind: kind, f: float64(b2i(v))}.term(), nil
		case isNum:
			f := n.float()
			if kind == nFloat {
				f = float64(float32(f))
			}
			return number{kind: kind, f: f}.term(), nil
		case k == kString:
			if f, ok := parseDouble(t.Value); ok {
				if kind == nFloat {
					f = float64(float32(f))
				}
				return number{kind: kind, f: f}.term(), nil
			}
		}
	case xsd + "dateTime":
		switch k {
		case kDateTime:
			return ontology.NewTyped(t.Value, xsd+"dateTime"), nil
		case kDate:
			d, _ := parseDate(t.Value, kDate)
			return ontology.NewTyped(dateLex(d)+"T00:00:00"+d.tzLabel, xsd+"dateTime"), nil
		case kString:
			if _, ok := parseDate(t.Value, kDateTime); ok {
				return ontology.NewTyped(t.Value, xsd+"dateTime"), nil
			}
		}
	case xsd + "date":
		switch k {
		case kDate:
			return ontology.NewTyped(t.Value, xsd+"date"), nil
		case kDateTime:
			d, _ := parseDate(t.Value, kDateTime)
			return ontology.NewTyped(dateLex(d)+d.tzLabel, xsd+"date"), nil
		case kString:
			if _, ok := parseDate(t.Value, kDate); ok {
				return ontology.NewTyped(t.Value, xsd+"date"), nil
			}
		}
	}
	return fail, errEval
}

func dateLex(d dateValue) string {
	y := strconv.FormatInt(d.year, 10)
	neg := strings.HasPrefix(y, "-")
	y = strings.TrimPrefix(y, "-")
	for len(y) < 4 {
		y = "0" + y
	}
	if neg {
		y = "-" + y
	}
	return y + "-" + twoDigits(d.month) + "-" + twoDigits(d.day)
}

func twoDigits(v int) string {
	if v < 10 {
		return "0" + strconv.Itoa(v)
	}
	return strconv.Itoa(v)
}

func canonicalNumber(n number) string { return n.term().Value }

// --- regular expressions ---

func (x *ceCall) regex(e *evaluator, args []ontology.Term, pi, fi int) (*regexp.Regexp, error) {
	if x.reOK {
		return x.re, nil
	}
	flags := ontology.NewString("")
	if len(args) > fi {
		flags = args[fi]
	}
	key := args[pi].Value + "\x00" + flags.Value
	if re, ok := e.regexps[key]; ok {
		if re == nil {
			return nil, errEval
		}
		return re, nil
	}
	re, err := compileRegex(args[pi], flags)
	if err != nil {
		re = nil
	}
	if len(e.regexps) > 1000 {
		clear(e.regexps)
	}
	e.regexps[key] = re
	if re == nil {
		return nil, errEval
	}
	return re, nil
}

// compileRegex translates an XPath regular expression with flags (s, m,
// i, x, q) to Go's RE2 syntax. Back-references and character class
// subtraction, which RE2 lacks, are errors.
func compileRegex(pat, flags ontology.Term) (*regexp.Regexp, error) {
	if !isSimple(pat) || !isSimple(flags) {
		return nil, errEval
	}
	p := pat.Value
	prefix := ""
	quote := false
	for _, f := range flags.Value {
		switch f {
		case 'i', 's', 'm':
			if !strings.ContainsRune(prefix, f) {
				prefix += string(f)
			}
		case 'x':
			p = stripRegexSpace(p)
		case 'q':
			quote = true
		default:
			return nil, errorf("unknown regular expression flag %q", f)
		}
	}
	if quote {
		p = regexp.QuoteMeta(p)
	}
	if prefix != "" {
		p = "(?" + prefix + ")" + p
	}
	re, err := regexp.Compile(p)
	if err != nil {
		return nil, errorf("invalid regular expression %q: %v", pat.Value, err)
	}
	return re, nil
}

type evalErr string

func (e evalErr) Error() string { return string(e) }

func errorf(format string, args ...any) error {
	return evalErr(fmt.Sprintf(format, args...))
}

// stripRegexSpace removes whitespace outside character classes (flag x).
func stripRegexSpace(p string) string {
	var b strings.Builder
	inClass := false
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '\\' && i+1 < len(p):
			b.WriteByte(c)
			b.WriteByte(p[i+1])
			i++
			continue
		case c == '[':
			inClass = true
		case c == ']':
			inClass = false
		case !inClass && (c == ' ' || c == '\t' || c == '\n' || c == '\r'):
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// xpathReplacement converts $1 references to Go's ${1}; a lone '$' or
// '\' other than \$ and \\ is an error, as in XPath.
func xpathReplacement(s string) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\':
			if i+1 < len(s) && (s[i+1] == '\\' || s[i+1] == '$') {
				if s[i+1] == '$' {
					b.WriteString("$$")
				} else {
					b.WriteByte('\\')
				}
				i++
				continue
			}
			return "", false
		case '$':
			j := i + 1
			for j < len(s) && isDigit(s[j]) {
				j++
			}
			if j == i+1 {
				return "", false
			}
			b.WriteString("${" + s[i+1:j] + "}")
			i = j - 1
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), true
}
