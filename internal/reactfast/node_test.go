package reactfast_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// givesWay lists the cases of testdata/cases.mjs the fast path must leave
// to React, with the feature its Unsupported error names.
var givesWay = map[string]string{
	"hints": "ReactDOM resource hints",
	"lsusp": "<title> inside <Suspense>",
	"fa3":   "server action",
}

// TestAgainstNode renders the hand-written trees of testdata/cases.mjs
// (attribute and style rules, separators, hooks, useId forks, classes,
// context, selects, SVG, custom elements, hoisted metadata, image preloads,
// form actions, Suspense, lazy) with the fast path and with React's
// renderToString in Node: every case must be identical or, for givesWay,
// give way with Unsupported.
func TestAgainstNode(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("SSRGATE_REQUIRE_NODE") == "1" {
			t.Fatalf("node not found: %v", err)
		}
		t.Skip("node not found")
	}
	if _, err := os.Stat("../../node_modules/react-dom"); err != nil {
		t.Skip("node_modules not installed")
	}
	cmd := exec.Command(node, "cases.mjs")
	cmd.Dir = "testdata"
	cmd.Env = append(os.Environ(), "NODE_ENV=production")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node cases.mjs: %v\n%s", err, stderr.String())
	}
	var res map[string]struct {
		React, Fast, Unsupported string
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("node cases.mjs printed %.300q: %v", out, err)
	}
	if len(res) < 30 {
		t.Fatalf("only %d cases ran", len(res))
	}
	for name, r := range res {
		want, ok := givesWay[name]
		switch {
		case ok && !strings.Contains(r.Unsupported, want):
			t.Errorf("%s: want Unsupported naming %q, got unsupported=%q fast=%q", name, want, r.Unsupported, r.Fast)
		case !ok && r.Unsupported != "":
			t.Errorf("%s: the fast path gave way (%s); React renders %q", name, r.Unsupported, r.React)
		case !ok && r.Fast != r.React:
			t.Errorf("%s: fast path differs from renderToString\n react: %s\n fast:  %s", name, r.React, r.Fast)
		}
	}
	for name := range givesWay {
		if _, ok := res[name]; !ok {
			t.Errorf("givesWay lists %s, which cases.mjs does not render", name)
		}
	}
}
