package intl

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strings"
	"testing"

	"github.com/dop251/goja"
)

// matrixLocales are the generated locales and a few that are not: a region of a generated language
// (en-JM), a language ICU knows that has no data here (fo-FO), and no locale ICU knows (xx).
func matrixLocales() []string {
	var out []string
	for _, n := range loadCLDR().names {
		out = append(out, n)
	}
	return append(out, "en-JM", "fo-FO", "xx")
}

// TestMatrixAgainstNode formats every locale × options × value in goja and in Node. Each case must give
// Node's exact text, or throw a RangeError naming what is not supported ("jsvm Intl: …"); any other
// difference fails. The number of exact matches is logged, and must not fall below a floor.
func TestMatrixAgainstNode(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("SSRGATE_REQUIRE_NODE") == "1" {
			t.Fatal("node not found and SSRGATE_REQUIRE_NODE=1")
		}
		t.Skip("node not found")
	}
	src, err := os.ReadFile("testdata/matrix.js")
	if err != nil {
		t.Fatal(err)
	}
	locs, _ := json.Marshal(matrixLocales())
	call := "(" + string(src) + ")(" + string(locs) + ")"

	cmd := exec.Command(node, "-")
	cmd.Stdin = strings.NewReader("process.stdout.write(" + call + ")")
	cmd.Env = append(os.Environ(), "TZ=UTC", "LANG=en_US.UTF-8", "LC_ALL=en_US.UTF-8")
	want, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	rt := goja.New()
	if err := Install(rt); err != nil {
		t.Fatal(err)
	}
	got, err := rt.RunString(call)
	if err != nil {
		t.Fatal(err)
	}
	g, w := strings.Split(got.String(), "\n"), strings.Split(string(want), "\n")
	if len(g) != len(w) {
		t.Fatalf("goja gave %d cases, node %d", len(g), len(w))
	}
	same, unsupported, bad := 0, 0, 0
	reasons := map[string]int{}
	for i := range g {
		switch {
		case g[i] == w[i]:
			same++
		case strings.Contains(g[i], "=> THROW RangeError: jsvm Intl: "):
			unsupported++
			_, why, _ := strings.Cut(g[i], "jsvm Intl: ")
			if j := strings.IndexAny(why, ":("); j > 0 {
				why = why[:j]
			}
			reasons[why]++
			if f := os.Getenv("INTL_MATRIX_THROWS"); f != "" && strings.Contains(g[i], f) {
				t.Logf("throws: %s", g[i])
			}
		default:
			if bad++; bad <= 25 || os.Getenv("INTL_MATRIX_ALL") != "" {
				t.Errorf("differs from Node:\n goja: %s\n node: %s", g[i], w[i])
			}
		}
	}
	if bad > 25 {
		t.Errorf("… %d differences in all", bad)
	}
	t.Logf("%d cases: %d identical to Node, %d throw a RangeError naming the unsupported option", len(g), same, unsupported)
	var why []string
	for r, n := range reasons {
		why = append(why, fmt.Sprintf("%6d %s", n, r))
	}
	sort.Sort(sort.Reverse(sort.StringSlice(why)))
	t.Logf("unsupported, by reason:\n%s", strings.Join(why, "\n"))
	if same < len(g)/2 {
		t.Errorf("only %d of %d cases match Node", same, len(g))
	}
}

// BenchmarkLoadLocale measures the first use of a locale in a process: decompressing and parsing its
// data (data/LOCALE.json.gz). Run: go test ./internal/jsvm/intl -run '^$' -bench LoadLocale
func BenchmarkLoadLocale(b *testing.B) {
	for _, name := range []string{"en-US", "de-DE", "ja-JP", "ar-EG"} {
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if readBundle(name).CLDR == nil {
					b.Fatal("no data")
				}
			}
		})
	}
}

// BenchmarkInstall measures Install on a new runtime once the process has loaded its data.
func BenchmarkInstall(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if err := Install(goja.New()); err != nil {
			b.Fatal(err)
		}
	}
}
