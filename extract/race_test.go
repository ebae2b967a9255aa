//go:build race

package extract_test

// raceEnabled: the race detector slows extraction about tenfold, so the
// tests that time it use smaller inputs.
const raceEnabled = true
