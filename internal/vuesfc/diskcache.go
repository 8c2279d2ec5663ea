package vuesfc

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime/debug"
)

// Two things are kept on disk, in node_modules/.cache/ssrgate (the folder
// JS build tools use for such caches; npm ci and a fresh node_modules empty
// it), so that a restart does not redo them:
//
//   - the driver bundle (js/compile.js with @vue/compiler-sfc's browser
//     build; assembling it takes some 20 ms, bundling it with esbuild, the
//     fallback for an unknown layout, 0.2 s), reused while every input file
//     still has the content it was made from;
//   - each compiled file's driver output, under a folder named by the hash
//     of the driver bundle (so a new compiler starts a new folder) and a file
//     named by the hash of the file's name, source and flavour.
//
// With both warm, an engine starts without starting the compiler at all
// (about a quarter of a second of goja compiling it, and 30 ms a file). A
// cache that cannot be read or written (a read-only image) only costs the
// work. `ssrgate build` fills it, for images built with it.

// maxOutputEntries bounds the compiled files kept per compiler: past it
// (a long dev session writes one entry per saved version), New empties the
// folder and starts over.
const maxOutputEntries = 5000

// outputCacheDir names the folder of compiled files for the driver bundle
// code, emptied when it has grown past maxOutputEntries.
func outputCacheDir(cacheDir, code string) string {
	sum := sha256.Sum256([]byte(code))
	dir := filepath.Join(cacheDir, "vuesfc-"+hex.EncodeToString(sum[:8]))
	if f, err := os.Open(dir); err == nil {
		names, _ := f.Readdirnames(maxOutputEntries + 1)
		f.Close()
		if len(names) > maxOutputEntries {
			os.RemoveAll(dir)
		}
	}
	return dir
}

// loadOutput returns the cached driver output of a compile.
func (c *Compiler) loadOutput(sum [sha256.Size]byte) (string, bool) {
	if c.diskDir == "" {
		return "", false
	}
	b, err := os.ReadFile(filepath.Join(c.diskDir, hex.EncodeToString(sum[:])+".json"))
	if err != nil || len(b) == 0 {
		return "", false
	}
	return string(b), true
}

// storeOutput keeps a compile's driver output, written whole or not at all.
func (c *Compiler) storeOutput(sum [sha256.Size]byte, raw string) {
	if c.diskDir != "" {
		writeAtomic(c.diskDir, hex.EncodeToString(sum[:])+".json", []byte(raw))
	}
}

// writeAtomic writes dir/name through a temporary file and a rename, so
// that a concurrent reader never sees part of it. Errors are ignored: the
// caches are an optimisation.
func writeAtomic(dir, name string, b []byte) {
	if os.MkdirAll(dir, 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(b)
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), filepath.Join(dir, name)) != nil {
		os.Remove(tmp.Name())
	}
}

// driverCacheEntry is one cached driver bundle.
type driverCacheEntry struct {
	// Inputs maps every file esbuild read, relative to node_modules, to the
	// sha256 of its content when the bundle was made.
	Inputs map[string]string `json:"inputs"`
	Code   string            `json:"code"`
}

// driverCacheFile names the cache entry for this driver and this esbuild:
// either changing makes a new bundle.
func driverCacheFile(cacheDir string) string {
	h := sha256.New()
	h.Write([]byte(driverSource))
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, m := range bi.Deps {
			if m.Path == "github.com/evanw/esbuild" {
				h.Write([]byte(m.Version))
			}
		}
	}
	return filepath.Join(cacheDir, "vuesfc-driver-"+hex.EncodeToString(h.Sum(nil))[:16]+".json")
}

// cachedDriver returns the cached bundle when every input still hashes as
// recorded.
func cachedDriver(nodeModulesDir, cacheDir string) (string, bool) {
	b, err := os.ReadFile(driverCacheFile(cacheDir))
	if err != nil {
		return "", false
	}
	var e driverCacheEntry
	if json.Unmarshal(b, &e) != nil || len(e.Inputs) == 0 || e.Code == "" {
		return "", false
	}
	for rel, sum := range e.Inputs {
		if fileSum(filepath.Join(nodeModulesDir, rel)) != sum {
			return "", false
		}
	}
	return e.Code, true
}

// storeDriver writes a cache entry.
func storeDriver(nodeModulesDir, cacheDir, code string, inputs []string) {
	e := driverCacheEntry{Inputs: map[string]string{}, Code: code}
	for _, rel := range inputs {
		sum := fileSum(filepath.Join(nodeModulesDir, rel))
		if sum == "" {
			return
		}
		e.Inputs[rel] = sum
	}
	b, err := json.Marshal(e)
	if err != nil {
		return
	}
	writeAtomic(cacheDir, filepath.Base(driverCacheFile(cacheDir)), b)
}

// fileSum is the hex sha256 of a file's content, "" when it cannot be read.
func fileSum(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
