package jsvm

import (
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// requireNode returns the path of node. Without it the test skips, except
// under SSRGATE_REQUIRE_NODE=1 (the test command sets it), where it fails:
// a skip there would hide the parity guard.
func requireNode(t testing.TB) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("SSRGATE_REQUIRE_NODE") == "1" {
			t.Fatalf("node not found on PATH and SSRGATE_REQUIRE_NODE=1: %v", err)
		}
		t.Skip("node not found on PATH; set SSRGATE_REQUIRE_NODE=1 to make this a failure")
	}
	return node
}

// nodeEnv is the environment of a process compared with goja: the caller's,
// with the locale pinned (C.UTF-8) and the time zone set to tz, so that a
// developer's LANG=de_DE.UTF-8 or TZ cannot change Node's side.
func nodeEnv(tz string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if k == "TZ" || k == "LANG" || k == "LANGUAGE" || strings.HasPrefix(k, "LC_") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TZ="+tz)
}

// TestNodeICUMatchesGeneratedData fails when the Node on PATH has another
// ICU, CLDR or Unicode version than the one internal/jsvm's Intl and emoji
// data were generated from: the Node-diff tests would then compare goja
// with different locale data and fail (or pass) for the wrong reason.
//
// Break it: edit "cldr" in intl/data/index.json, or run the tests with another Node.
func TestNodeICUMatchesGeneratedData(t *testing.T) {
	node := requireNode(t)
	out, err := exec.Command(node, "-p", "JSON.stringify(process.versions)").Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var have map[string]string
	if err := json.Unmarshal(out, &have); err != nil {
		t.Fatalf("process.versions: %v\n%s", err, out)
	}
	var data struct{ ICU, CLDR, Unicode string }
	var cldr struct {
		ICU  string `json:"icu"`
		CLDR string `json:"cldr"`
	}
	var emoji struct {
		Unicode string `json:"unicode"`
	}
	for file, v := range map[string]any{"intl/data/index.json": &cldr, "uniprop/props.json": &emoji} {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
	}
	data.ICU, data.CLDR, data.Unicode = cldr.ICU, cldr.CLDR, emoji.Unicode
	for _, c := range []struct{ name, recorded, file string }{
		{"icu", data.ICU, "intl/data/index.json"}, {"cldr", data.CLDR, "intl/data/index.json"}, {"unicode", data.Unicode, "uniprop/emoji.json"},
	} {
		if c.recorded == "" {
			t.Errorf("%s does not record the %s version it was generated from; regenerate it (go generate ./internal/jsvm/...)", c.file, c.name)
			continue
		}
		if have[c.name] != c.recorded {
			t.Errorf("node %s has %s %s, but internal/jsvm/%s was generated from %s %s: the Node-diff tests "+
				"would compare different locale data. Use a Node built with %s %s, or regenerate the data with this one "+
				"(go generate ./internal/jsvm/...) and review the diff", have["node"], c.name, have[c.name], c.file, c.name, c.recorded, c.name, c.recorded)
		}
	}
}
