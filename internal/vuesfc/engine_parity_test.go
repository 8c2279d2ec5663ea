package vuesfc_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ssrgate/ssrgate/ssr"
)

var scopeID = regexp.MustCompile(`(data-v-|--v)[0-9a-f]{8}`)

// TestEngineMatchesNodeGoldens renders every component of testdata/render
// through what serves pages: ssr.New's bundle (the vuesfc plugin, the
// framework patches of internal/bundle) in jsvm's pool (its host globals,
// timers and event loop), and requires the bytes of the golden files, which
// TestNodeDiff produces with Node and checks against Node on every run.
//
// Break it: drop a host global the components use (setTimeout), or change
// a bundle patch's output (join the Vue buffer with a separator).
func TestEngineMatchesNodeGoldens(t *testing.T) {
	eng, err := ssr.New(ssr.Config{ComponentsDir: "testdata/render", Root: "../..", PoolSize: 1, CacheTTL: -1,
		Strict: true, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	files, _ := filepath.Glob("testdata/render/*.vue")
	if len(files) == 0 {
		t.Fatal("no corpus in testdata/render")
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".vue")
		t.Run(name, func(t *testing.T) {
			props, err := os.ReadFile(strings.TrimSuffix(file, ".vue") + ".props.json")
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(strings.TrimSuffix(file, ".vue") + ".html")
			if err != nil {
				t.Fatalf("missing golden file (go test -run TestNodeDiff -update writes Node's output): %v", err)
			}
			got, err := eng.Render(context.Background(), name, json.RawMessage(props))
			if err != nil {
				t.Fatal(err)
			}
			// Scope ids (and the CSS variables of v-bind in <style>) hash the file's path from the plugin's root, which is
			// the components directory here and testdata/ for the goldens;
			// within one build, server and client agree on them.
			got = scopeID.ReplaceAllString(got, "${1}SCOPE")
			wantS := scopeID.ReplaceAllString(string(want), "${1}SCOPE")
			if got != wantS {
				t.Errorf("engine output differs from Node's (golden %s.html)\nengine: %s\nnode:   %s", name, got, wantS)
			}
		})
	}
}
