//go:build !race

package difftest

const raceBuild = false
