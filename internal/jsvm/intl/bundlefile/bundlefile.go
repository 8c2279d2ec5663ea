// Package bundlefile is the stored form of one locale's Intl data (internal/jsvm/intl's data/LOCALE.json.gz):
// gzip-compressed JSON that is either the whole bundle or a JSON merge patch (RFC 7386) against a base
// locale's bundle, {"base": "fr", "patch": {...}}. Most of ICU's regional locales differ from their
// language's data in a few currency symbols or patterns, so patches keep 941 locales in a few megabytes.
//
// gen/pack writes the files (Encode, Diff); the intl package reads them (Resolve) when a runtime first
// formats in a locale.
package bundlefile

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
)

// stored is a file's JSON: Base and Patch for a patch, Full otherwise.
type stored struct {
	Base  string         `json:"base"`
	Patch map[string]any `json:"patch"`
}

// Resolve reads locale name's file with read (its gzip bytes) and, for a patch, its base's, recursively,
// and returns the whole bundle as decoded JSON.
func Resolve(name string, read func(name string) ([]byte, error)) (map[string]any, error) {
	b, err := readJSON(name, read)
	if err != nil {
		return nil, err
	}
	return resolve(name, b, read, map[string]bool{})
}

// JSON is Resolve's bundle as JSON text; a whole bundle's file is returned as stored, without a decode.
func JSON(name string, read func(name string) ([]byte, error)) ([]byte, error) {
	b, err := readJSON(name, read)
	if err != nil || !bytes.HasPrefix(b, []byte(`{"base":`)) {
		return b, err
	}
	m, err := resolve(name, b, read, map[string]bool{})
	if err != nil {
		return nil, err
	}
	return json.Marshal(m)
}

// readJSON reads and decompresses one locale's file.
func readJSON(name string, read func(name string) ([]byte, error)) ([]byte, error) {
	z, err := read(name)
	if err != nil {
		return nil, err
	}
	b, err := gunzip(z)
	if err != nil {
		return nil, fmt.Errorf("bundlefile: %s: %w", name, err)
	}
	return b, nil
}

// resolve decodes b, the JSON of locale name's file, and applies it to its base's bundle if it is a patch.
func resolve(name string, b []byte, read func(name string) ([]byte, error), seen map[string]bool) (map[string]any, error) {
	if seen[name] {
		return nil, fmt.Errorf("bundlefile: %s: its base chain loops", name)
	}
	seen[name] = true
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("bundlefile: %s: %w", name, err)
	}
	base, _ := m["base"].(string)
	patch, isPatch := m["patch"].(map[string]any)
	if base == "" || !isPatch {
		return m, nil
	}
	bb, err := readJSON(base, read)
	if err != nil {
		return nil, err
	}
	bm, err := resolve(base, bb, read, seen)
	if err != nil {
		return nil, err
	}
	return Apply(bm, patch).(map[string]any), nil
}

func gunzip(z []byte) ([]byte, error) {
	r, err := gzip.NewReader(bytes.NewReader(z))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

// Encode gzips a whole bundle (base "") or a patch against base.
func Encode(base string, v map[string]any) ([]byte, error) {
	var doc any = v
	if base != "" {
		doc = stored{Base: base, Patch: v}
	}
	b, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	var z bytes.Buffer
	w, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
	w.Write(b)
	if err := w.Close(); err != nil {
		return nil, err
	}
	return z.Bytes(), nil
}

// Diff returns the merge patch that turns base into target (both decoded JSON objects): changed and new
// keys with their values (objects diffed recursively), removed keys as null. target must hold no null
// values: a merge patch cannot express them.
func Diff(base, target map[string]any) map[string]any {
	patch := map[string]any{}
	for k, tv := range target {
		bv, ok := base[k]
		if !ok {
			patch[k] = tv
			continue
		}
		bm, bIsMap := bv.(map[string]any)
		tm, tIsMap := tv.(map[string]any)
		if bIsMap && tIsMap {
			if sub := Diff(bm, tm); len(sub) > 0 {
				patch[k] = sub
			}
			continue
		}
		if !reflect.DeepEqual(bv, tv) {
			patch[k] = tv
		}
	}
	for k := range base {
		if _, ok := target[k]; !ok {
			patch[k] = nil
		}
	}
	return patch
}

// Apply merges patch into a copy of target, as RFC 7386 defines: an object merges key by key, null
// removes a key, any other value replaces. target is not modified.
func Apply(target any, patch any) any {
	pm, ok := patch.(map[string]any)
	if !ok {
		return patch
	}
	tm, _ := target.(map[string]any)
	out := make(map[string]any, len(tm)+len(pm))
	for k, v := range tm {
		out[k] = v
	}
	for k, v := range pm {
		if v == nil {
			delete(out, k)
			continue
		}
		out[k] = Apply(out[k], v)
	}
	return out
}
