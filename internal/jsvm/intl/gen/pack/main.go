// Command pack merges the generators' JSON (cldr, zones, formats, numbers, displaynames and ranges, each
// holding every locale of one shard: cldr.0.json, cldr.1.json ...) into one gzip-compressed file per
// locale, data/LOCALE.json.gz, and an index, data/index.json (with the ICU and CLDR versions of the Node
// that generated them), so jsvm's Intl embeds them compactly and decompresses a locale only when a runtime
// first formats in it. A locale whose data is close to a base locale's (same language, a lower rank in
// gen/locales.js's order: fr-LU against fr, en-AU against en-001) is stored as a JSON merge patch against
// it (package bundlefile). Run by gen/generate.sh (go generate ./internal/jsvm/intl):
//
//	go run ./gen/pack DIR data
//
// A generator whose files are not in DIR keeps its data from the existing data/ files (generate.sh's
// INTL_GEN runs only some generators); its ICU version must be the one of the new files.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/ssrgate/ssrgate/internal/jsvm/intl/bundlefile"
)

// sources maps a generator's output file to the key of its data in a locale's file.
var sources = map[string]string{
	"cldr.json":         "cldr",
	"zones.json":        "zones",
	"formats.json":      "formats",
	"numbers.json":      "numbers",
	"displaynames.json": "display",
	"ranges.json":       "ranges",
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: pack DIR OUT (DIR holds the generators' JSON files)")
		os.Exit(2)
	}
	if err := pack(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "pack:", err)
		os.Exit(1)
	}
}

func pack(dir, out string) error {
	locales := map[string]map[string]any{}
	icu, cldr := "", ""
	var kept []string // keys taken from the existing data/
	for file, key := range sources {
		stem := strings.TrimSuffix(file, ".json")
		files, err := filepath.Glob(filepath.Join(dir, stem+".*.json"))
		if err != nil {
			return err
		}
		if _, err := os.Stat(filepath.Join(dir, file)); err == nil {
			files = append(files, filepath.Join(dir, file))
		}
		if len(files) == 0 {
			kept = append(kept, key)
			continue
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				return err
			}
			var raw struct {
				ICU     string         `json:"icu"`
				CLDR    string         `json:"cldr"`
				Locales map[string]any `json:"locales"`
			}
			if err := json.Unmarshal(b, &raw); err != nil {
				return fmt.Errorf("%s: %w", f, err)
			}
			if icu != "" && raw.ICU != icu {
				return fmt.Errorf("%s was generated with ICU %s, others with %s: rerun every generator with one Node", f, raw.ICU, icu)
			}
			icu = raw.ICU
			if raw.CLDR != "" {
				cldr = raw.CLDR
			}
			for loc, v := range raw.Locales {
				if locales[loc] == nil {
					locales[loc] = map[string]any{}
				}
				locales[loc][key] = v
			}
		}
	}
	if len(kept) > 0 {
		if err := keepExisting(out, kept, icu, locales); err != nil {
			return err
		}
		if icu == "" {
			icu, cldr = oldIndex.ICU, oldIndex.CLDR
		}
	}
	var names []string
	for loc, m := range locales {
		if m["cldr"] == nil {
			if !slices.Contains(kept, "cldr") {
				// Only in the old data/: the new run's locale list no longer has it.
				fmt.Fprintf(os.Stderr, "pack: %s is gone from the locale list; dropping its old data\n", loc)
				continue
			}
			return fmt.Errorf("locale %s has no cldr.json data", loc)
		}
		names = append(names, loc)
	}
	sort.Strings(names)
	files := map[string][]byte{}
	patched, size := 0, 0
	for _, loc := range names {
		base, patch := smallestPatch(loc, names, locales)
		var z []byte
		var err error
		if base != "" {
			z, err = bundlefile.Encode(base, patch)
			patched++
		} else {
			z, err = bundlefile.Encode("", locales[loc])
		}
		if err != nil {
			return fmt.Errorf("%s: %w", loc, err)
		}
		files[loc] = z
		size += len(z)
	}
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for loc, z := range files {
		if err := os.WriteFile(filepath.Join(out, loc+".json.gz"), z, 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "pack: %d locales (%d stored as patches), %d bytes\n", len(names), patched, size)
	idx, _ := json.Marshal(map[string]any{"icu": icu, "cldr": cldr, "locales": names})
	return os.WriteFile(filepath.Join(out, "index.json"), append(idx, '\n'), 0o644)
}

var macroRegion = regexp.MustCompile(`-(001|150|419)$`)

// rank is gen/locales.js's order within a language: the bare language, then by depth macro-regions and
// pt-PT, scripts, the rest. A locale's base has a lower rank, so base chains end.
func rank(l string) int {
	parts := strings.Split(l, "-")
	r := len(parts) * 4
	switch {
	case macroRegion.MatchString(l) || l == "pt-PT":
	case len(parts[len(parts)-1]) == 4:
		r++
	default:
		r += 2
	}
	return r
}

// smallestPatch picks the base (same language, lower rank) whose patch for loc is smallest; base is "" when
// no patch is under 70% of the whole bundle.
func smallestPatch(loc string, names []string, locales map[string]map[string]any) (base string, patch map[string]any) {
	lang, _, _ := strings.Cut(loc, "-")
	full, _ := json.Marshal(locales[loc])
	best := len(full) * 7 / 10
	for _, b := range names {
		if bl, _, _ := strings.Cut(b, "-"); bl != lang || rank(b) >= rank(loc) {
			continue
		}
		p := bundlefile.Diff(locales[b], locales[loc])
		pj, _ := json.Marshal(p)
		if len(pj) < best {
			base, patch, best = b, p, len(pj)
		}
	}
	return base, patch
}

var oldIndex struct {
	ICU     string   `json:"icu"`
	CLDR    string   `json:"cldr"`
	Locales []string `json:"locales"`
}

// keepExisting copies the keys of generators that did not run from the existing data/ files into locales.
func keepExisting(out string, keys []string, icu string, locales map[string]map[string]any) error {
	b, err := os.ReadFile(filepath.Join(out, "index.json"))
	if err != nil {
		return fmt.Errorf("generators %v did not run and there is no existing data to keep: %w", keys, err)
	}
	if err := json.Unmarshal(b, &oldIndex); err != nil {
		return fmt.Errorf("%s/index.json: %w", out, err)
	}
	if icu != "" && oldIndex.ICU != icu {
		return fmt.Errorf("existing data was generated with ICU %s, the new files with %s: rerun every generator", oldIndex.ICU, icu)
	}
	read := func(n string) ([]byte, error) { return os.ReadFile(filepath.Join(out, n+".json.gz")) }
	for _, loc := range oldIndex.Locales {
		m, err := bundlefile.Resolve(loc, read)
		if err != nil {
			return err
		}
		for _, k := range keys {
			if v, ok := m[k]; ok {
				if locales[loc] == nil {
					locales[loc] = map[string]any{}
				}
				locales[loc][k] = v
			}
		}
	}
	return nil
}
