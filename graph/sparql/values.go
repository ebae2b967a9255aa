package sparql

import (
	"errors"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/dossier-archive/dossier/ontology"
)

// This file holds the value semantics of SPARQL operators: what a typed
// literal means (numbers, booleans, dates and times), equality and order
// (SPARQL 1.1 §17.3, with Oxigraph's choices where the standard leaves
// room: literals of different known types are unequal rather than an
// error), and canonical lexical forms of computed values.

const xsd = ontology.XSD

// errEval is an expression evaluation error (a type error, an unbound
// variable): FILTER treats it as false, a SELECT expression leaves its
// variable unbound. It is never reported to the user.
var errEval = errors.New("expression error")

type litKind uint8

const (
	kOther  litKind = iota // unknown datatype, or an invalid lexical form of a known one
	kString                // simple literal or xsd:string
	kLang                  // language-tagged string
	kNumeric
	kBoolean
	kDateTime
	kDate
	kTime
	kGYear
	kGYearMonth
	kGMonth
	kGDay
	kGMonthDay
)

type numKind uint8

const (
	nInteger numKind = iota
	nDecimal
	nFloat
	nDouble
)

// decScale is the number of fractional digits of decimals, as Oxigraph's
// (a decimal is an integer count of 10^-18).
const decScale = 18

var decUnit = new(big.Int).Exp(big.NewInt(10), big.NewInt(decScale), nil)

type number struct {
	kind numKind
	i    int64
	d    *big.Int // decimal, in units of 10^-18
	f    float64  // float and double
}

var integerTypes = map[string]bool{
	xsd + "integer": true, xsd + "nonPositiveInteger": true, xsd + "negativeInteger": true,
	xsd + "long": true, xsd + "int": true, xsd + "short": true, xsd + "byte": true,
	xsd + "nonNegativeInteger": true, xsd + "unsignedLong": true, xsd + "unsignedInt": true,
	xsd + "unsignedShort": true, xsd + "unsignedByte": true, xsd + "positiveInteger": true,
}

var dateKinds = map[string]litKind{
	xsd + "dateTime": kDateTime, xsd + "date": kDate, xsd + "time": kTime,
	xsd + "gYear": kGYear, xsd + "gYearMonth": kGYearMonth, xsd + "gMonth": kGMonth,
	xsd + "gDay": kGDay, xsd + "gMonthDay": kGMonthDay,
}

// classify tells what kind of value a literal holds.
func classify(t ontology.Term) litKind {
	if t.Kind != ontology.Literal {
		return kOther
	}
	switch {
	case t.Lang != "":
		return kLang
	case t.Datatype == "" || t.Datatype == xsd+"string":
		return kString
	case t.Datatype == xsd+"boolean":
		if _, ok := parseBool(t.Value); ok {
			return kBoolean
		}
		return kOther
	}
	if _, ok := parseNumber(t); ok {
		return kNumeric
	}
	if k, ok := dateKinds[t.Datatype]; ok {
		if _, ok := parseDate(t.Value, k); ok {
			return k
		}
	}
	return kOther
}

func parseBool(s string) (bool, bool) {
	switch s {
	case "true", "1":
		return true, true
	case "false", "0":
		return false, true
	}
	return false, false
}

// parseNumber reads a numeric literal; ok is false for other literals and
// invalid lexical forms.
func parseNumber(t ontology.Term) (number, bool) {
	if t.Kind != ontology.Literal || t.Lang != "" {
		return number{}, false
	}
	s := t.Value
	switch dt := t.Datatype; {
	case integerTypes[dt]:
		if !validInteger(s) {
			return number{}, false
		}
		i, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return number{}, false
		}
		if !integerInRange(dt, i) {
			return number{}, false
		}
		return number{kind: nInteger, i: i}, true
	case dt == xsd+"decimal":
		d, ok := parseDecimal(s)
		return number{kind: nDecimal, d: d}, ok
	case dt == xsd+"double" || dt == xsd+"float":
		f, ok := parseDouble(s)
		if !ok {
			return number{}, false
		}
		if dt == xsd+"float" {
			return number{kind: nFloat, f: float64(float32(f))}, true
		}
		return number{kind: nDouble, f: f}, true
	}
	return number{}, false
}

func validInteger(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

func integerInRange(dt string, i int64) bool {
	switch strings.TrimPrefix(dt, xsd) {
	case "nonPositiveInteger":
		return i <= 0
	case "negativeInteger":
		return i < 0
	case "nonNegativeInteger", "unsignedLong":
		return i >= 0
	case "positiveInteger":
		return i > 0
	case "int":
		return i >= math.MinInt32 && i <= math.MaxInt32
	case "short":
		return i >= math.MinInt16 && i <= math.MaxInt16
	case "byte":
		return i >= math.MinInt8 && i <= math.MaxInt8
	case "unsignedInt":
		return i >= 0 && i <= math.MaxUint32
	case "unsignedShort":
		return i >= 0 && i <= math.MaxUint16
	case "unsignedByte":
		return i >= 0 && i <= math.MaxUint8
	}
	return true
}

// parseDecimal reads an xsd:decimal lexical form ([+-]? digits with an
// optional fraction) into units of 10^-18; more fractional digits are
// cut off.
func parseDecimal(s string) (*big.Int, bool) {
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	intPart, frac, _ := strings.Cut(s, ".")
	if intPart == "" && frac == "" {
		return nil, false
	}
	for _, part := range []string{intPart, frac} {
		for i := 0; i < len(part); i++ {
			if !isDigit(part[i]) {
				return nil, false
			}
		}
	}
	if len(frac) > decScale {
		frac = frac[:decScale]
	}
	frac += strings.Repeat("0", decScale-len(frac))
	d, ok := new(big.Int).SetString(intPart+frac, 10)
	if !ok {
		return nil, false
	}
	if neg {
		d.Neg(d)
	}
	return d, true
}

func parseDouble(s string) (float64, bool) {
	switch s {
	case "INF", "+INF":
		return math.Inf(1), true
	case "-INF":
		return math.Inf(-1), true
	case "NaN":
		return math.NaN(), true
	}
	// the XSD lexical space: no hex, no "inf", no underscores
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isDigit(c) && c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-' {
			return 0, false
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		var ne *strconv.NumError
		if errors.As(err, &ne) && errors.Is(ne.Err, strconv.ErrRange) {
			return f, true
		}
		return 0, false
	}
	return f, true
}

func (n number) float() float64 {
	switch n.kind {
	case nInteger:
		return float64(n.i)
	case nDecimal:
		f, _ := new(big.Rat).SetFrac(n.d, decUnit).Float64()
		return f
	}
	return n.f
}

func (n number) decimal() *big.Int {
	if n.kind == nInteger {
		return new(big.Int).Mul(big.NewInt(n.i), decUnit)
	}
	return n.d
}

// promote returns the common type of a and b (integer < decimal < float <
// double).
func promote(a, b number) numKind { return max(a.kind, b.kind) }

func cmpNumbers(a, b number) (int, bool) {
	switch promote(a, b) {
	case nInteger:
		return cmpInt(a.i, b.i), true
	case nDecimal:
		return a.decimal().Cmp(b.decimal()), true
	}
	x, y := a.float(), b.float()
	if math.IsNaN(x) || math.IsNaN(y) {
		return 0, false
	}
	switch {
	case x < y:
		return -1, true
	case x > y:
		return 1, true
	}
	return 0, true
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// arith applies + - * / to two numbers.
func arith(op string, a, b number) (number, error) {
	k := promote(a, b)
	if op == "/" && k == nInteger {
		k = nDecimal
	}
	switch k {
	case nInteger:
		x, y, r := big.NewInt(a.i), big.NewInt(b.i), new(big.Int)
		switch op {
		case "+":
			r.Add(x, y)
		case "-":
			r.Sub(x, y)
		case "*":
			r.Mul(x, y)
		}
		if !r.IsInt64() {
			return number{}, errEval
		}
		return number{kind: nInteger, i: r.Int64()}, nil
	case nDecimal:
		x, y := a.decimal(), b.decimal()
		r := new(big.Int)
		switch op {
		case "+":
			r.Add(x, y)
		case "-":
			r.Sub(x, y)
		case "*":
			r.Mul(x, y)
			r.Quo(r, decUnit)
		case "/":
			if y.Sign() == 0 {
				return number{}, errEval
			}
			r.Mul(x, decUnit)
			r.Quo(r, y)
		}
		if !decimalFits(r) {
			return number{}, errEval
		}
		return number{kind: nDecimal, d: r}, nil
	}
	x, y := a.float(), b.float()
	var r float64
	switch op {
	case "+":
		r = x + y
	case "-":
		r = x - y
	case "*":
		r = x * y
	case "/":
		r = x / y
	}
	if k == nFloat {
		r = float64(float32(r))
	}
	return number{kind: k, f: r}, nil
}

// decimalFits keeps decimals within Oxigraph's 128-bit range.
var decLimit = new(big.Int).Lsh(big.NewInt(1), 127)

func decimalFits(d *big.Int) bool { return d.CmpAbs(decLimit) < 0 }

func (n number) neg() (number, error) {
	switch n.kind {
	case nInteger:
		if n.i == math.MinInt64 {
			return number{}, errEval
		}
		return number{kind: nInteger, i: -n.i}, nil
	case nDecimal:
		return number{kind: nDecimal, d: new(big.Int).Neg(n.d)}, nil
	}
	return number{kind: n.kind, f: -n.f}, nil
}

// term returns the number as a literal in canonical form (as Oxigraph
// writes computed values).
func (n number) term() ontology.Term {
	switch n.kind {
	case nInteger:
		return ontology.NewTyped(strconv.FormatInt(n.i, 10), xsd+"integer")
	case nDecimal:
		return ontology.NewTyped(formatDecimal(n.d), xsd+"decimal")
	case nFloat:
		return ontology.NewTyped(formatFloat(n.f, 32), xsd+"float")
	}
	return ontology.NewTyped(formatFloat(n.f, 64), xsd+"double")
}

func formatDecimal(d *big.Int) string {
	q, r := new(big.Int).QuoRem(d, decUnit, new(big.Int))
	s := q.String()
	if d.Sign() < 0 && q.Sign() == 0 {
		s = "-0"
	}
	if r.Sign() == 0 {
		if s == "-0" {
			return "0"
		}
		return s
	}
	frac := new(big.Int).Abs(r).String()
	frac = strings.Repeat("0", decScale-len(frac)) + frac
	return s + "." + strings.TrimRight(frac, "0")
}

func formatFloat(f float64, bits int) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "INF"
	case math.IsInf(f, -1):
		return "-INF"
	}
	return strconv.FormatFloat(f, 'f', -1, bits)
}

// --- dates and times ---

// dateValue is a date/time in XSD's seven-property model, reduced to a
// point on a timeline (seconds and nanoseconds; missing parts filled with
// fixed reference values, so only values of one type compare).
type dateValue struct {
	kind    litKind
	year    int64
	month   int
	day     int
	hour    int
	minute  int
	sec     int // whole seconds
	nano    int
	hasTZ   bool
	tz      int // minutes east of UTC
	secs    int64
	tzLabel string
}

func parseDate(s string, k litKind) (dateValue, bool) {
	d := dateValue{kind: k, year: 1972, month: 12, day: 31}
	rest := s
	var ok bool
	readYear := func() bool {
		neg := strings.HasPrefix(rest, "-")
		if neg {
			rest = rest[1:]
		}
		n := 0
		for n < len(rest) && isDigit(rest[n]) {
			n++
		}
		if n < 4 || n > 4 && rest[0] == '0' || n > 12 {
			return false
		}
		y, _ := strconv.ParseInt(rest[:n], 10, 64)
		if neg {
			y = -y
		}
		d.year = y
		rest = rest[n:]
		return true
	}
	two := func(min, max int) (int, bool) {
		if len(rest) < 2 || !isDigit(rest[0]) || !isDigit(rest[1]) {
			return 0, false
		}
		v := int(rest[0]-'0')*10 + int(rest[1]-'0')
		rest = rest[2:]
		return v, v >= min && v <= max
	}
	lit := func(c byte) bool {
		if rest == "" || rest[0] != c {
			return false
		}
		rest = rest[1:]
		return true
	}
	lits := func(p string) bool {
		if !strings.HasPrefix(rest, p) {
			return false
		}
		rest = rest[len(p):]
		return true
	}
	readTime := func() bool {
		if d.hour, ok = two(0, 24); !ok || !lit(':') {
			return false
		}
		if d.minute, ok = two(0, 59); !ok || !lit(':') {
			return false
		}
		if d.sec, ok = two(0, 59); !ok {
			return false
		}
		if lit('.') {
			n := 0
			for n < len(rest) && isDigit(rest[n]) {
				n++
			}
			if n == 0 {
				return false
			}
			frac := rest[:n]
			if len(frac) > 9 {
				frac = frac[:9]
			}
			frac += strings.Repeat("0", 9-len(frac))
			v, _ := strconv.Atoi(frac)
			d.nano = v
			rest = rest[n:]
		}
		if d.hour == 24 && (d.minute != 0 || d.sec != 0 || d.nano != 0) {
			return false
		}
		return true
	}
	switch k {
	case kDateTime:
		if !readYear() || !lit('-') {
			return d, false
		}
		if d.month, ok = two(1, 12); !ok || !lit('-') {
			return d, false
		}
		if d.day, ok = two(1, 31); !ok || !lit('T') || !readTime() {
			return d, false
		}
	case kDate:
		if !readYear() || !lit('-') {
			return d, false
		}
		if d.month, ok = two(1, 12); !ok || !lit('-') {
			return d, false
		}
		if d.day, ok = two(1, 31); !ok {
			return d, false
		}
	case kTime:
		if !readTime() {
			return d, false
		}
	case kGYear:
		if !readYear() {
			return d, false
		}
	case kGYearMonth:
		if !readYear() || !lit('-') {
			return d, false
		}
		if d.month, ok = two(1, 12); !ok {
			return d, false
		}
	case kGMonth:
		if !lits("--") {
			return d, false
		}
		if d.month, ok = two(1, 12); !ok {
			return d, false
		}
	case kGDay:
		if !lits("---") {
			return d, false
		}
		if d.day, ok = two(1, 31); !ok {
			return d, false
		}
	case kGMonthDay:
		if !lits("--") {
			return d, false
		}
		if d.month, ok = two(1, 12); !ok || !lit('-') {
			return d, false
		}
		if d.day, ok = two(1, 31); !ok {
			return d, false
		}
	default:
		return d, false
	}
	if (k == kDateTime || k == kDate || k == kGMonthDay) && d.day > daysIn(d.year, d.month) {
		return d, false
	}
	switch {
	case rest == "":
	case rest == "Z":
		d.hasTZ, d.tzLabel = true, "Z"
	case len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':':
		sign := rest[0]
		d.tzLabel = rest
		rest = rest[1:]
		h, ok1 := two(0, 14)
		lit(':')
		m, ok2 := two(0, 59)
		if !ok1 || !ok2 || h == 14 && m != 0 {
			return d, false
		}
		d.hasTZ = true
		d.tz = h*60 + m
		if sign == '-' {
			d.tz = -d.tz
		}
	default:
		return d, false
	}
	d.secs = daysFromCivil(d.year, d.month, d.day)*86400 + int64(d.hour*3600+d.minute*60+d.sec) - int64(d.tz*60)
	return d, true
}

func daysIn(y int64, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil counts days from 1970-01-01 (proleptic Gregorian).
func daysFromCivil(y int64, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := int64((153*mp+2)/5 + d - 1)
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// cmpDates compares two dates of one kind. ok is false when they cannot be
// ordered: different kinds, or one with a timezone and one without.
func cmpDates(a, b dateValue) (int, bool) {
	if a.kind != b.kind || a.hasTZ != b.hasTZ {
		return 0, false
	}
	if c := cmpInt(a.secs, b.secs); c != 0 {
		return c, true
	}
	return cmpInt(int64(a.nano), int64(b.nano)), true
}

// --- equality and order of terms ---

// equal is the = operator: (result, nil) or errEval.
func equal(a, b ontology.Term) (bool, error) {
	if a == b {
		return true, nil
	}
	if a.Kind != ontology.Literal || b.Kind != ontology.Literal {
		return false, nil
	}
	ka, kb := classify(a), classify(b)
	if ka == kOther || kb == kOther {
		return false, errEval
	}
	if ka != kb {
		return false, nil
	}
	switch ka {
	case kNumeric:
		x, _ := parseNumber(a)
		y, _ := parseNumber(b)
		c, ok := cmpNumbers(x, y)
		return ok && c == 0, nil
	case kString:
		return a.Value == b.Value, nil
	case kLang:
		return a.Value == b.Value && strings.EqualFold(a.Lang, b.Lang), nil
	case kBoolean:
		x, _ := parseBool(a.Value)
		y, _ := parseBool(b.Value)
		return x == y, nil
	default:
		x, _ := parseDate(a.Value, ka)
		y, _ := parseDate(b.Value, kb)
		c, ok := cmpDates(x, y)
		return ok && c == 0, nil
	}
}

// compare is the < and > operators: -1, 0, 1 or errEval.
func compare(a, b ontology.Term) (int, error) {
	ka, kb := classify(a), classify(b)
	if ka != kb || a.Kind != ontology.Literal || b.Kind != ontology.Literal {
		return 0, errEval
	}
	switch ka {
	case kNumeric:
		x, _ := parseNumber(a)
		y, _ := parseNumber(b)
		if c, ok := cmpNumbers(x, y); ok {
			return c, nil
		}
		return 0, errEval
	case kString:
		return strings.Compare(a.Value, b.Value), nil
	case kBoolean:
		x, _ := parseBool(a.Value)
		y, _ := parseBool(b.Value)
		return cmpInt(b2i(x), b2i(y)), nil
	case kLang, kOther:
		return 0, errEval
	default:
		x, _ := parseDate(a.Value, ka)
		y, _ := parseDate(b.Value, kb)
		if c, ok := cmpDates(x, y); ok {
			return c, nil
		}
		return 0, errEval
	}
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// orderTerms is the order of ORDER BY: unbound (the zero Term) < blank
// nodes < IRIs < literals; literals by value where < is defined between
// them, otherwise by lexical form, datatype and language.
func orderTerms(a, b ontology.Term) int {
	ra, rb := orderRank(a), orderRank(b)
	if ra != rb {
		return cmpInt(int64(ra), int64(rb))
	}
	if a.Kind != ontology.Literal {
		return strings.Compare(a.Value, b.Value)
	}
	if c, err := compare(a, b); err == nil {
		return c
	}
	if c := strings.Compare(a.Value, b.Value); c != 0 {
		return c
	}
	if c := strings.Compare(a.Datatype, b.Datatype); c != 0 {
		return c
	}
	return strings.Compare(a.Lang, b.Lang)
}

func orderRank(t ontology.Term) int {
	switch t.Kind {
	case ontology.NoTerm:
		return 0
	case ontology.Blank:
		return 1
	case ontology.IRI:
		return 2
	}
	return 3
}

// ebv is the effective boolean value of a term (§17.2.2).
func ebv(t ontology.Term) (bool, error) {
	if t.Kind != ontology.Literal {
		return false, errEval
	}
	switch classify(t) {
	case kBoolean:
		v, _ := parseBool(t.Value)
		return v, nil
	case kString, kLang:
		return t.Value != "", nil
	case kNumeric:
		n, _ := parseNumber(t)
		switch n.kind {
		case nInteger:
			return n.i != 0, nil
		case nDecimal:
			return n.d.Sign() != 0, nil
		}
		return n.f != 0 && !math.IsNaN(n.f), nil
	}
	if t.Datatype == xsd+"boolean" || integerTypes[t.Datatype] || t.Datatype == xsd+"decimal" || t.Datatype == xsd+"double" || t.Datatype == xsd+"float" {
		return false, nil // an invalid lexical form of a boolean or number is false
	}
	return false, errEval
}

func boolTerm(b bool) ontology.Term {
	return ontology.NewTyped(strconv.FormatBool(b), xsd+"boolean")
}
