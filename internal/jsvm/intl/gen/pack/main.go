// Command pack splits the generators' JSON (cldr, zones, formats, numbers, displaynames and ranges, each
// holding every locale) into one gzip-compressed JSON file per locale, data/LOCALE.json.gz, and an index,
// data/index.json (with the ICU and CLDR versions of the Node that generated them), so jsvm's Intl embeds
// them compactly and decompresses a locale only when a runtime first formats in it. Run by gen/generate.sh
// (go generate ./internal/jsvm/intl):
//
//	go run ./gen/pack DIR data
//
// A generator whose file is not in DIR keeps its data from the existing data/ files (generate.sh's
// INTL_GEN runs only some generators); its ICU version must be the one of the new files.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
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
	locales := map[string]map[string]json.RawMessage{}
	icu, cldr := "", ""
	var kept []string // keys taken from the existing data/
	for file, key := range sources {
		b, err := os.ReadFile(filepath.Join(dir, file))
		if os.IsNotExist(err) {
			kept = append(kept, key)
			continue
		}
		if err != nil {
			return err
		}
		var raw struct {
			ICU     string                     `json:"icu"`
			CLDR    string                     `json:"cldr"`
			Locales map[string]json.RawMessage `json:"locales"`
		}
		if err := json.Unmarshal(b, &raw); err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		if icu != "" && raw.ICU != icu {
			return fmt.Errorf("%s was generated with ICU %s, others with %s: rerun every generator with one Node", file, raw.ICU, icu)
		}
		icu = raw.ICU
		if raw.CLDR != "" {
			cldr = raw.CLDR
		}
		for loc, v := range raw.Locales {
			if locales[loc] == nil {
				locales[loc] = map[string]json.RawMessage{}
			}
			locales[loc][key] = v
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
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	var names []string
	for loc, m := range locales {
		if m["cldr"] == nil {
			return fmt.Errorf("locale %s has no cldr.json data", loc)
		}
		names = append(names, loc)
		b, err := json.Marshal(m)
		if err != nil {
			return err
		}
		var z bytes.Buffer
		w, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
		w.Write(b)
		if err := w.Close(); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(out, loc+".json.gz"), z.Bytes(), 0o644); err != nil {
			return err
		}
	}
	sort.Strings(names)
	idx, _ := json.Marshal(map[string]any{"icu": icu, "cldr": cldr, "locales": names})
	return os.WriteFile(filepath.Join(out, "index.json"), append(idx, '\n'), 0o644)
}

var oldIndex struct {
	ICU     string   `json:"icu"`
	CLDR    string   `json:"cldr"`
	Locales []string `json:"locales"`
}

// keepExisting copies the keys of generators that did not run from the existing data/ files into locales.
func keepExisting(out string, keys []string, icu string, locales map[string]map[string]json.RawMessage) error {
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
	for _, loc := range oldIndex.Locales {
		z, err := os.ReadFile(filepath.Join(out, loc+".json.gz"))
		if err != nil {
			return err
		}
		r, err := gzip.NewReader(bytes.NewReader(z))
		if err != nil {
			return fmt.Errorf("%s: %w", loc, err)
		}
		raw, err := io.ReadAll(r)
		if err != nil {
			return fmt.Errorf("%s: %w", loc, err)
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(raw, &m); err != nil {
			return fmt.Errorf("%s: %w", loc, err)
		}
		for _, k := range keys {
			if v, ok := m[k]; ok {
				if locales[loc] == nil {
					locales[loc] = map[string]json.RawMessage{}
				}
				locales[loc][k] = v
			}
		}
	}
	return nil
}
