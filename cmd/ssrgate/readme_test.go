package main

import (
	"bufio"
	"flag"
	"io"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/ssrgate/ssrgate/ssr"
)

// serveFlags returns the flag set of "ssrgate serve", the command with
// every flag, registered exactly as serve registers them.
func serveFlagSet() *flag.FlagSet {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var ef engineFlags
	ef.register(fs)
	var sf serveFlags
	sf.register(fs)
	return fs
}

// readmeFlagTable reads the flag table of README.md's "The ssrgate command"
// section: flag name -> default cell, with the backquotes removed. A row
// naming two flags ("--log-level, --log-format" with "info, text") gives
// each its own default.
func readmeFlagTable(t *testing.T) map[string]string {
	t.Helper()
	f, err := os.Open("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	row := regexp.MustCompile("^\\| (`--[^|]+) \\| ([^|]+) \\|")
	table := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		m := row.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		names := strings.Split(m[1], ", ")
		defs := strings.Split(strings.TrimSpace(m[2]), ", ")
		if len(defs) != len(names) {
			defs = []string{strings.TrimSpace(m[2])}
		}
		for i, n := range names {
			d := defs[0]
			if i < len(defs) {
				d = defs[i]
			}
			table[strings.Trim(n, "`")] = strings.Trim(d, "`")
		}
	}
	if len(table) == 0 {
		t.Fatal("README.md has no flag table rows (| `--flag` | default | meaning |)")
	}
	return table
}

var helpDefault = regexp.MustCompile(`\(default ([^)]*)\)$`)

// TestREADMEFlagDefaults checks the README's flag table against the
// command: every flag has a row and every row a flag, and each default in
// the table is the one the command applies: the flag's own default, or for
// flags left to the library, the ssr.Defaults (or internal package
// constant) value its help text prints.
//
// Break it: change a default in ssr.Config.fill (RenderTimeout to 3s) or a
// number in the README table, or add a flag without a README row.
func TestREADMEFlagDefaults(t *testing.T) {
	table := readmeFlagTable(t)
	fs := serveFlagSet()
	d := ssr.Defaults()
	seen := map[string]bool{}
	fs.VisitAll(func(fl *flag.Flag) {
		name := "--" + fl.Name
		seen[name] = true
		cell, ok := table[name]
		if !ok {
			t.Errorf("README flag table has no row for %s", name)
			return
		}
		// Descriptive cells, checked against what they describe.
		switch cell {
		case "CPUs":
			if d.PoolSize != ssr.Defaults().PoolSize || !strings.Contains(fl.Usage, "number of CPUs") {
				t.Errorf("%s: README says CPUs, help says %q", name, fl.Usage)
			}
			return
		case "= ttl":
			if d.CacheStale != d.CacheTTL || !strings.Contains(fl.Usage, "equal to --cache-ttl") {
				t.Errorf("%s: README says = ttl, Defaults has stale %s, ttl %s", name, d.CacheStale, d.CacheTTL)
			}
			return
		case "none": // a string flag that is empty unless set
			cell = ""
		case "on":
			cell = "true"
		case "off":
			cell = "false"
		}
		want := fl.DefValue
		if m := helpDefault.FindStringSubmatch(fl.Usage); m != nil && isZero(fl) {
			want = m[1] // left to the library: its default, as the help prints it
		}
		if got, exp := normalize(t, fl.Name, cell), normalize(t, fl.Name, want); got != exp {
			t.Errorf("README says %s defaults to %q; the command's default is %q", name, cell, want)
		}
	})
	for name := range table {
		if !seen[name] {
			t.Errorf("README flag table lists %s, which ssrgate serve does not have", name)
		}
	}
}

// isZero reports whether fl's default is its type's zero value, which
// leaves the setting to the library.
func isZero(fl *flag.Flag) bool {
	switch fl.DefValue {
	case "", "0", "0s", "false":
		return true
	}
	return false
}

// normalize parses s as a value of flag name (so "1m" and "1m0s" compare
// equal) and prints it back.
func normalize(t *testing.T, name, s string) string {
	t.Helper()
	fs := serveFlagSet()
	if err := fs.Set(name, s); err != nil {
		t.Errorf("--%s: %q is not a value of the flag: %v", name, s, err)
		return s
	}
	return fs.Lookup(name).Value.String()
}

// TestFlagsLeaveDefaultsToConfig checks that the engine flags, left unset,
// give the zero ssr.Config (every default then comes from Config.fill).
//
// Break it: give --render-timeout a default of 2*time.Second again.
func TestFlagsLeaveDefaultsToConfig(t *testing.T) {
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	var ef engineFlags
	ef.register(fs)
	if err := fs.Parse(nil); err != nil {
		t.Fatal(err)
	}
	cfg := ef.config(nil)
	if !reflect.ValueOf(cfg).IsZero() {
		t.Errorf("unset flags must leave Config to its defaults, got %+v", cfg)
	}
}
