package reactfast_test

import (
	"bufio"
	"context"
	"encoding/json"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ssrgate/ssrgate/internal/bundle"
	"github.com/ssrgate/ssrgate/ssr"
)

// fallbacks lists every React component of the two corpora that React's own
// renderer renders, with a fragment of the Unsupported reason that sends it
// there. Every other React component must take the fast path. A component
// moving from fast to fallback, or falling back for another reason, fails
// TestCorpusPaths.
var fallbacks = map[string]string{
	"DocumentMetadata":   "<link rel=stylesheet precedence>",
	"DynamicImportReact": "a lazy component that has not loaded",
	"SuspenseFallback":   "use() of a promise that has not resolved",
}

// corpora are the component directories whose React components the test
// renders, with the root whose node_modules they use.
var corpora = []struct{ name, root, components string }{
	{"nodediff", "../..", "../../ssr/testdata/corpus"},
	{"libcorpus", "../libcorpus/testdata", "../libcorpus/testdata/components"},
}

// logSink keeps the reasons of the engine's fallback debug lines.
type logSink struct {
	mu      sync.Mutex
	reasons map[string][]string // component -> reasons
}

func (s *logSink) Enabled(context.Context, slog.Level) bool { return true }
func (s *logSink) WithAttrs([]slog.Attr) slog.Handler       { return s }
func (s *logSink) WithGroup(string) slog.Handler            { return s }
func (s *logSink) Handle(_ context.Context, r slog.Record) error {
	var comp, reason string
	r.Attrs(func(a slog.Attr) bool {
		switch a.Key {
		case "component":
			comp = a.Value.String()
		case "reason":
			reason = a.Value.String()
		}
		return true
	})
	if strings.Contains(r.Message, "rendered by React's renderer") {
		s.mu.Lock()
		s.reasons[comp] = append(s.reasons[comp], reason)
		s.mu.Unlock()
	}
	return nil
}

var metricLine = regexp.MustCompile(`^ssrgate_react_renders_total\{component="([^"]+)",path="([^"]+)"\} (\d+)`)

// TestCorpusPaths renders every prop set of every React component of the
// Node-diff corpus and the library corpus and checks which renderer
// produced it: the metric must say "fast" for all renders of a component not
// in fallbacks, and "react" with the listed reason for those that are.
// (TestNodeDiff and the libcorpus test prove the bytes are React's.)
//
// It leaves time.Local alone: which renderer takes a tree does not depend
// on the zone, and writing time.Local races with runtimes that a closed
// engine may still be building in the background.
func TestCorpusPaths(t *testing.T) {
	seen := map[string]bool{}
	paths := map[string]map[string]int{} // component -> path -> count, summed over corpora
	sink := &logSink{reasons: map[string][]string{}}
	for _, c := range corpora {
		if _, err := os.Stat(filepath.Join(c.root, "node_modules", "react-dom")); err != nil {
			if os.Getenv("SSRGATE_REQUIRE_NODE") == "1" {
				t.Fatalf("%s: node_modules not installed under %s", c.name, c.root)
			}
			t.Skipf("%s: node_modules not installed under %s", c.name, c.root)
		}
		comps, err := bundle.Discover(c.components)
		if err != nil {
			t.Fatal(err)
		}
		eng, err := ssr.New(ssr.Config{ComponentsDir: c.components, Root: c.root, CacheTTL: -1, PoolSize: 1,
			AcquireTimeout: time.Minute, RenderTimeout: time.Minute, Logger: slog.New(sink)})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		before := scrape(t, eng)
		for _, comp := range comps {
			if comp.Framework != bundle.React {
				continue
			}
			seen[comp.Name] = true
			raw, err := os.ReadFile(filepath.Join(c.components, comp.Name+".props.json"))
			if err != nil {
				t.Fatalf("%s: %v", comp.Name, err)
			}
			var sets map[string]json.RawMessage
			if err := json.Unmarshal(raw, &sets); err != nil {
				t.Fatalf("%s: %v", comp.Name, err)
			}
			for set, props := range sets {
				if _, err := eng.Render(context.Background(), comp.Name, props); err != nil {
					t.Errorf("%s/%s: %v", comp.Name, set, err)
				}
			}
		}
		after := scrape(t, eng)
		eng.Close()
		for k, n := range after {
			if d := n - before[k]; d > 0 {
				comp, path, _ := strings.Cut(k, "\x00")
				if paths[comp] == nil {
					paths[comp] = map[string]int{}
				}
				paths[comp][path] += d
			}
		}
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		p := paths[name]
		want, listed := fallbacks[name]
		switch {
		case len(p) == 0:
			t.Errorf("%s: no ssrgate_react_renders_total samples; the adapter did not record a path", name)
		case !listed && p["react"] > 0:
			t.Errorf("%s: %d of its renders fell back to React's renderer (reasons %q); make the fast path support it or list it in fallbacks with its reason", name, p["react"], sink.reasons[name])
		case listed && p["fast"] > 0:
			t.Errorf("%s: listed in fallbacks (%q) but %d renders took the fast path; remove it from the list", name, want, p["fast"])
		case listed:
			for _, r := range sink.reasons[name] {
				if !strings.Contains(r, want) {
					t.Errorf("%s: fell back because of %q, listed reason is %q", name, r, want)
				}
			}
		}
	}
	for name := range fallbacks {
		if !seen[name] {
			t.Errorf("fallbacks lists %s, which is in neither corpus", name)
		}
	}
}

// scrape reads ssrgate_react_renders_total from the engine's metrics, keyed
// "component\x00path". The metrics are process-wide, so callers diff two scrapes.
func scrape(t *testing.T, eng *ssr.Engine) map[string]int {
	t.Helper()
	rec := httptest.NewRecorder()
	eng.MetricsHandler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	m := map[string]int{}
	sc := bufio.NewScanner(rec.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if g := metricLine.FindStringSubmatch(sc.Text()); g != nil {
			var n int
			for _, c := range g[3] {
				n = n*10 + int(c-'0')
			}
			m[g[1]+"\x00"+g[2]] = n
		}
	}
	return m
}
