package intl

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"sort"
	"strings"
	"testing"

	"github.com/dop251/goja"
)

// nodeDiff runs testdata/FILE, a function of the locales list, in Node and in goja, and compares the
// outputs line by line. A line must be Node's exactly, or goja's must throw a RangeError naming what is not
// supported ("jsvm Intl: …"); anything else is a difference and fails. It logs the counts.
func nodeDiff(t *testing.T, file string, arg any) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("SSRGATE_REQUIRE_NODE") == "1" {
			t.Fatal("node not found and SSRGATE_REQUIRE_NODE=1")
		}
		t.Skip("node not found")
	}
	src, err := os.ReadFile("testdata/" + file)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(arg)
	call := "(" + string(src) + ")(" + string(a) + ")"
	cmd := exec.Command(node, "-")
	cmd.Stdin = strings.NewReader("process.stdout.write(" + call + ")")
	cmd.Env = append(os.Environ(), "TZ=UTC", "LANG=en_US.UTF-8", "LC_ALL=en_US.UTF-8")
	var stdout bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, os.Stderr
	if err := cmd.Start(); err != nil { // Node and goja run side by side
		t.Fatalf("node: %v", err)
	}
	rt := goja.New()
	if err := Install(rt); err != nil {
		t.Fatal(err)
	}
	got, gojaErr := rt.RunString(call)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("node: %v", err)
	}
	if gojaErr != nil {
		t.Fatal(gojaErr)
	}
	want := stdout.Bytes()
	g, w := strings.Split(got.String(), "\n"), strings.Split(string(want), "\n")
	if len(g) != len(w) {
		t.Fatalf("goja gave %d cases, node %d", len(g), len(w))
	}
	same, throws, bad := 0, 0, 0
	reasons := map[string]int{}
	for i := range g {
		switch {
		case g[i] == w[i]:
			same++
		case strings.Contains(g[i], "=> THROW RangeError: jsvm Intl: "):
			throws++
			_, why, _ := strings.Cut(g[i], "jsvm Intl: ")
			for _, cut := range []string{":", "(", " for ", " in locale"} {
				if j := strings.Index(why, cut); j > 0 {
					why = why[:j]
				}
			}
			reasons[why]++
		default:
			if bad++; bad <= 25 || os.Getenv("INTL_MATRIX_ALL") != "" {
				t.Errorf("differs from Node:\n goja: %s\n node: %s", g[i], w[i])
			}
		}
	}
	t.Logf("%s: %d cases: %d identical to Node, %d throw a RangeError naming what is not supported, %d differ", file, len(g), same, throws, bad)
	var why []string
	for r, n := range reasons {
		why = append(why, strings.Repeat(" ", max(0, 7-len(itoa(n))))+itoa(n)+" "+r)
	}
	sort.Sort(sort.Reverse(sort.StringSlice(why)))
	if len(why) > 0 {
		t.Logf("throws, by reason:\n%s", strings.Join(why, "\n"))
	}
	if same < len(g)/2 {
		t.Errorf("only %d of %d cases match Node", same, len(g))
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// TestRangesAgainstNode holds NumberFormat and DateTimeFormat formatRange(ToParts) to Node over every
// locale (testdata/ranges.js).
func TestRangesAgainstNode(t *testing.T) { nodeDiff(t, "ranges.js", matrixLocales()) }

// TestSegmenterAgainstNode holds Intl.Segmenter to Node over a corpus in every granularity
// (testdata/segmenter.js).
func TestSegmenterAgainstNode(t *testing.T) { nodeDiff(t, "segmenter.js", matrixLocales()) }

// TestLocaleInfoAgainstNode holds the Intl.Locale info getters and Intl.supportedValuesOf to Node over
// every generated locale, every language with a spread of regions and scripts, and extension keywords
// (testdata/localeinfo.js).
func TestLocaleInfoAgainstNode(t *testing.T) {
	var languages []string
	if err := json.Unmarshal(languagesJSON, &struct {
		Languages *[]string `json:"languages"`
	}{&languages}); err != nil {
		t.Fatal(err)
	}
	var bare []string
	for _, l := range languages {
		if !strings.Contains(l, "-") {
			bare = append(bare, l)
		}
	}
	nodeDiff(t, "localeinfo.js", map[string]any{"locales": loadIndex().Locales, "languages": bare})
}

// TestCollatorAgainstNode holds Intl.Collator's order and resolvedOptions to Node's (testdata/collator.js).
func TestCollatorAgainstNode(t *testing.T) { nodeDiff(t, "collator.js", matrixLocales()) }

// TestKeywordsAgainstNode holds the Unicode extension keywords of a locale (-u-ca-buddhist, -u-nu-arab,
// -u-hc-h23, -u-kn) and the options that override them to Node (testdata/keywords.js): honoured, in the
// resolved locale, or a RangeError naming them, never ignored.
func TestKeywordsAgainstNode(t *testing.T) { nodeDiff(t, "keywords.js", matrixLocales()) }
