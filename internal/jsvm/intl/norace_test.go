//go:build !race

package intl

const raceEnabled = false
