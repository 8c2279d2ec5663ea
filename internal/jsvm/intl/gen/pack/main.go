// Command pack splits the generators' JSON (cldr, zones, formats, numbers and displaynames, each holding
// every locale) into one gzip-compressed JSON file per locale, data/LOCALE.json.gz, and an index,
// data/index.json (with the ICU and CLDR versions of the Node that generated them), so jsvm's Intl embeds them compactly and decompresses a locale only when a runtime
// first formats in it. Run by gen/generate.sh (go generate ./internal/jsvm/intl):
//
//	go run ./gen/pack DIR data
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
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
	for file, key := range sources {
		b, err := os.ReadFile(filepath.Join(dir, file))
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
