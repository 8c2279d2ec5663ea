package bundle

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// copyTree copies the regular files under src into dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestBuildReproducible builds the demo components from two copies of the
// project at different paths (and depths), as two replicas on two machines
// would: the build id, the file names and every byte of output must be equal,
// or replicas could not share render-cache entries and asset URLs.
func TestBuildReproducible(t *testing.T) {
	nm, err := filepath.Abs(filepath.Join(repoRoot, "node_modules"))
	if err != nil {
		t.Fatal(err)
	}
	if real, err := filepath.EvalSymlinks(nm); err == nil {
		nm = real
	}
	base := t.TempDir()
	var results []*Result
	for _, dir := range []string{filepath.Join(base, "a"), filepath.Join(base, "replica-two", "deeper", "checkout")} {
		copyTree(t, filepath.Join(repoRoot, "components"), filepath.Join(dir, "components"))
		if err := os.Symlink(nm, filepath.Join(dir, "node_modules")); err != nil {
			t.Fatal(err)
		}
		res, err := Build(Options{ComponentsDir: filepath.Join(dir, "components"), Root: dir})
		if err != nil {
			t.Fatal(err)
		}
		for _, out := range append([]string{res.Server}, stringsOf(res.Client)...) {
			if strings.Contains(out, base) {
				t.Errorf("output of build in %s holds the absolute path %s", dir, base)
				break
			}
		}
		results = append(results, res)
	}
	a, b := results[0], results[1]
	if a.BuildID != b.BuildID {
		t.Errorf("build ids differ: %s vs %s", a.BuildID, b.BuildID)
	}
	if an, bn := names(a.Client), names(b.Client); strings.Join(an, " ") != strings.Join(bn, " ") {
		t.Errorf("asset names differ:\n%v\n%v", an, bn)
	}
	if a.Server != b.Server {
		t.Errorf("server bundles differ")
	}
	for k, v := range a.Client {
		if !bytes.Equal(v, b.Client[k]) {
			t.Errorf("client file %s differs", k)
		}
	}
}

func names(m map[string][]byte) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func stringsOf(m map[string][]byte) []string {
	out := make([]string, 0, len(m))
	for _, k := range names(m) {
		out = append(out, string(m[k]))
	}
	return out
}
