package hypernova

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"net/http"
	"sort"
	"time"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/gin-gonic/gin"
)

// ClientSource is js/client.js, the browser script that hydrates
// hypernova markup. Register serves it, minified, at ClientPath+"client.js".
//
//go:embed js/client.js
var ClientSource string

// buildClient minifies ClientSource for the browser. The source is
// embedded and covered by a test, so a failure means a broken build of
// ssrgate; the unminified source still works then, so serve that.
func buildClient(log *slog.Logger) []byte {
	res := api.Transform(ClientSource, api.TransformOptions{
		Loader:            api.LoaderJS,
		Format:            api.FormatESModule,
		Target:            api.ES2020,
		MinifyWhitespace:  true,
		MinifySyntax:      true,
		MinifyIdentifiers: true,
		Sourcefile:        "hypernova-client.js",
	})
	if len(res.Errors) > 0 {
		log.Error("hypernova: minify client.js; serving it unminified", "err", res.Errors[0].Text)
		return []byte(ClientSource)
	}
	return res.Code
}

// clientEntry is one component in the client's manifest.json: absolute
// paths (below the engine's PublicPath) of its browser entry and styles.
type clientEntry struct {
	JS  string   `json:"js"`
	CSS []string `json:"css,omitempty"`
}

// clientManifest is manifest.json: every key a job name can produce for a
// component (the name with and without each of Extensions, through Key)
// mapped to its browser files. js/client.js needs it for fallback markup,
// which carries only the key. Keys that two components produce (say
// "a/b" and "ab") are left out: their fallbacks cannot be told apart.
func (s *service) clientManifest() []byte {
	byKey := map[string]string{}
	ambiguous := map[string]bool{}
	for name := range s.known {
		for _, variant := range append([]string{name}, withExts(name)...) {
			k := Key(variant)
			if prev, ok := byKey[k]; ok && prev != name {
				ambiguous[k] = true
			}
			byKey[k] = name
		}
	}
	out := struct {
		BuildID    string                 `json:"buildId"`
		Components map[string]clientEntry `json:"components"`
	}{BuildID: s.manifest.BuildID, Components: map[string]clientEntry{}}
	for k, name := range byKey {
		if ambiguous[k] {
			continue
		}
		e := s.manifest.Components[name]
		ce := clientEntry{JS: s.manifest.PublicPath + e.JS}
		for _, c := range e.CSS {
			ce.CSS = append(ce.CSS, s.manifest.PublicPath+c)
		}
		out.Components[k] = ce
	}
	if len(ambiguous) > 0 {
		keys := make([]string, 0, len(ambiguous))
		for k := range ambiguous {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		s.log.Warn("hypernova: component names share a key; client fallbacks of these keys cannot start", "keys", keys)
	}
	b, err := json.Marshal(out) // maps marshal in sorted order: stable bytes
	if err != nil {
		panic(err) // strings only
	}
	return b
}

func withExts(name string) []string {
	out := make([]string, len(Extensions))
	for i, ext := range Extensions {
		out[i] = name + ext
	}
	return out
}

// clientHandler serves client.js. Its URL has no content hash, so browsers
// revalidate it (no-cache) and get 304 through the ETag.
func (s *service) clientHandler() gin.HandlerFunc {
	return serveBytes("client.js", "text/javascript; charset=utf-8", s.client)
}

// manifestHandler serves manifest.json; it changes with every build.
func (s *service) manifestHandler() gin.HandlerFunc {
	return serveBytes("manifest.json", "application/json; charset=utf-8", s.keys)
}

func serveBytes(name, contentType string, b []byte) gin.HandlerFunc {
	sum := sha256.Sum256(b)
	etag := `"` + hex.EncodeToString(sum[:12]) + `"`
	modTime := time.Now()
	return func(c *gin.Context) {
		h := c.Writer.Header()
		h.Set("Content-Type", contentType)
		h.Set("Cache-Control", "no-cache")
		h.Set("ETag", etag)
		h.Set("X-Content-Type-Options", "nosniff")
		http.ServeContent(c.Writer, c.Request, name, modTime, bytes.NewReader(b))
	}
}
