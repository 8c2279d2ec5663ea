package reactfast

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// TestLockedReactDOMIsVerified fails when package-lock.json moves react-dom
// off the release the fast path was verified against: the build would turn
// the fast path off (see Module), so an upgrade must come with a check of
// js/render.js against the new release and a new VerifiedVersion.
func TestLockedReactDOMIsVerified(t *testing.T) {
	b, err := os.ReadFile("../../package-lock.json")
	if err != nil {
		t.Fatal(err)
	}
	var lock struct {
		Packages map[string]struct {
			Version string `json:"version"`
		} `json:"packages"`
	}
	if err := json.Unmarshal(b, &lock); err != nil {
		t.Fatalf("package-lock.json: %v", err)
	}
	for _, pkg := range []string{"react-dom", "react"} {
		p, ok := lock.Packages["node_modules/"+pkg]
		if !ok {
			t.Fatalf("package-lock.json has no node_modules/%s entry", pkg)
		}
		if p.Version != VerifiedVersion {
			t.Errorf("package-lock.json locks %s %s, but internal/reactfast is verified against %s: check js/render.js against the new react-dom-server-legacy code and update VerifiedVersion", pkg, p.Version, VerifiedVersion)
		}
	}
}

func TestModuleTurnsOffOnOtherVersions(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(dir+"/node_modules/react-dom", 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(v string) {
		if err := os.WriteFile(dir+"/node_modules/react-dom/package.json", []byte(`{"name":"react-dom","version":"`+v+`"}`), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(VerifiedVersion)
	if src, off := Module(dir, true); off != "" || !strings.Contains(src, `disabled = "";`) {
		t.Errorf("verified version: off=%q src=%q, want the fast path on", off, src)
	}
	write("19.4.0")
	src, off := Module(dir, true)
	if !strings.Contains(off, "react-dom 19.4.0 is installed") || !strings.Contains(src, "19.4.0") {
		t.Errorf("other version: off=%q src=%q, want the fast path off naming the version", off, src)
	}
	if _, off := Module(dir+"/missing", true); !strings.Contains(off, "cannot read") {
		t.Errorf("no react-dom: off=%q", off)
	}
	if _, off := Module(dir, false); !strings.Contains(off, `"react"`) {
		t.Errorf("disabled by config: off=%q", off)
	}
}
