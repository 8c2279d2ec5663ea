//go:build race

package intl

// raceEnabled: under -race (make test's first pass) the Node matrices run on a small sample; make test
// runs them whole again without the race detector, which makes goja about four times slower.
const raceEnabled = true
