//go:build race

package difftest

// raceBuild: under -race (make test) a case costs about ten times more.
const raceBuild = true
