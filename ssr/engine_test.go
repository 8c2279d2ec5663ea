package ssr

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"html/template"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"go.uber.org/goleak"

	"github.com/ssrgate/ssrgate/internal/jsvm"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m, goleak.IgnoreTopFunction("github.com/patrickmn/go-cache.(*janitor).Run"),
		// regexp2's clock for match timeouts (jsvm sets one) runs until the last timeout has passed.
		goleak.IgnoreAnyFunction("github.com/dlclark/regexp2/v2.runClock"))
}

// logBuffer collects log output for assertions; slog handlers may be
// called from several goroutines.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func newTestEngine(t *testing.T, mod func(*Config)) (*Engine, *logBuffer) {
	t.Helper()
	logs := &logBuffer{}
	cfg := Config{
		ComponentsDir: "testdata/components", Root: "..", PoolSize: 2,
		RenderTimeout: 500 * time.Millisecond,
		Logger:        slog.New(slog.NewTextHandler(logs, nil)),
	}
	if mod != nil {
		mod(&cfg)
	}
	e, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e, logs
}

// waitAssets waits for the background pass that gives e's assets their
// smallest forms (brotli and zstd among them); until it ends only a fast
// gzip form is served.
func waitAssets(e *Engine) {
	if err := e.WaitAssets(context.Background()); err != nil {
		panic(err)
	}
}

func TestRender(t *testing.T) {
	e, _ := newTestEngine(t, nil)
	ctx := context.Background()
	tests := []struct {
		name  string
		props any
		want  string
	}{
		{"Hello", nil, `<p class="hello">Hello, <!-- -->world<!-- -->!</p>`},
		{"Hello", map[string]any{"name": "<Go & JS>"}, `<p class="hello">Hello, <!-- -->&lt;Go &amp; JS&gt;<!-- -->!</p>`},
		{"Hello", json.RawMessage(`{"name":"raw"}`), `<p class="hello">Hello, <!-- -->raw<!-- -->!</p>`},
		{"Hello", struct {
			Name string `json:"name"`
		}{"tagged"}, `<p class="hello">Hello, <!-- -->tagged<!-- -->!</p>`},
	}
	for _, tt := range tests {
		got, err := e.Render(ctx, tt.name, tt.props)
		if err != nil {
			t.Fatalf("Render(%s, %v): %v", tt.name, tt.props, err)
		}
		if got != tt.want {
			t.Errorf("Render(%s, %v)\n got %s\nwant %s", tt.name, tt.props, got, tt.want)
		}
	}
}

func TestRenderErrors(t *testing.T) {
	e, _ := newTestEngine(t, func(c *Config) { c.MaxOutputBytes = 64 << 10 })
	ctx := context.Background()

	_, err := e.Render(ctx, "Nope", nil)
	if !errors.Is(err, ErrUnknownComponent) || !strings.Contains(err.Error(), "Hello") || !strings.Contains(err.Error(), "ui/Badge") {
		t.Errorf("unknown component: want ErrUnknownComponent listing known names, got %v", err)
	}

	_, err = e.Render(ctx, "Hello", map[string]any{"f": func() {}})
	if err == nil || !strings.Contains(err.Error(), "not JSON-serializable") {
		t.Errorf("bad props: got %v", err)
	}
	_, err = e.Render(ctx, "Hello", json.RawMessage(`{"name":`))
	if err == nil || !strings.Contains(err.Error(), "not valid JSON") {
		t.Errorf("malformed JSON props: got %v", err)
	}
	_, err = e.Render(ctx, "Hello", []int{1})
	if err == nil || !strings.Contains(err.Error(), "JSON object") {
		t.Errorf("array props: got %v", err)
	}

	var re *RenderError
	_, err = e.Render(ctx, "Boom", map[string]any{"why": "testing"})
	if !errors.As(err, &re) || re.Reason != ReasonError || !strings.Contains(err.Error(), "Boom failed: testing") {
		t.Fatalf("throwing component: got %v", err)
	}
	if !strings.Contains(re.Stack, "components/Boom.jsx:2") {
		t.Errorf("stack is not mapped to the source file:\n%s", re.Stack)
	}

	start := time.Now()
	_, err = e.Render(ctx, "Loop", nil)
	if !errors.As(err, &re) || re.Reason != ReasonTimeout {
		t.Fatalf("looping component: want timeout, got %v", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("loop interrupted after %s, deadline 500ms", d)
	}

	_, err = e.Render(ctx, "Big", map[string]any{"kb": 80}) // 80 KiB over a 64 KiB bound: small enough to stay far inside the deadline under -race
	if !errors.As(err, &re) || re.Reason != ReasonTooBig {
		t.Errorf("oversized output: got %v", err)
	}

	// After all that, the pool still renders.
	for i := 0; i < 4; i++ {
		if _, err := e.Render(ctx, "Hello", nil); err != nil {
			t.Fatalf("render after failures: %v", err)
		}
	}
}

func TestConsoleGoesToLog(t *testing.T) {
	e, logs := newTestEngine(t, nil)
	if _, err := e.Render(context.Background(), "Chatty", nil); err != nil {
		t.Fatal(err)
	}
	if s := logs.String(); !strings.Contains(s, "rendering chatty 42") || !strings.Contains(s, "component=Chatty") {
		t.Errorf("console.log not in the server log with its component:\n%s", s)
	}
}

func execute(t *testing.T, e *Engine, file string, data any) (string, error) {
	t.Helper()
	tmpl := template.Must(template.New("").Funcs(e.FuncMap()).ParseFiles("testdata/templates/" + file))
	var buf bytes.Buffer
	err := e.Execute(&buf, tmpl, file, data)
	return buf.String(), err
}

func TestTemplateIslands(t *testing.T) {
	e, _ := newTestEngine(t, nil)
	page, err := execute(t, e, "page.html", map[string]any{"Title": "T", "Name": "</script><!-- \u2028"})
	if err != nil {
		t.Fatal(err)
	}
	man := e.Manifest()
	wantIsland := `<ssr-island data-component="Hello" data-strategy="load" data-src="/_ssr/` + man.Components["Hello"].JS + `" data-id-prefix="i0">` +
		`<p class="hello">Hello, <!-- -->&lt;/script&gt;&lt;!-- ` + "\u2028" + `<!-- -->!</p></ssr-island>` +
		`<script type="application/json" data-island-props>{"name":"\u003c/script\u003e\u003c!-- \u2028"}</script>`
	if !strings.Contains(page, wantIsland) {
		t.Errorf("island markup missing; page:\n%s", page)
	}
	badgeCSS := man.Components["ui/Badge"].CSS
	if len(badgeCSS) != 1 || !strings.Contains(page, `<link rel="stylesheet" href="/_ssr/`+badgeCSS[0]+`">`) {
		t.Errorf("static island's stylesheet missing from head: %v\n%s", badgeCSS, page)
	}
	if !strings.Contains(page, `<script type="module" src="/_ssr/`+man.Runtime+`"></script></body>`) {
		t.Errorf("runtime script missing:\n%s", page)
	}
	if strings.Contains(page, "ssrgate:head") || strings.Contains(page, "ssrgate:scripts") {
		t.Errorf("markers left in page:\n%s", page)
	}
	// A static island: server HTML only, no props, no JS.
	if !strings.Contains(page, `data-component="ui/Badge" data-strategy="static"><span class="`) || strings.Contains(page, man.Components["ui/Badge"].JS) {
		t.Errorf("static island wrong:\n%s", page)
	}

	page, err = execute(t, e, "static.html", nil)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(page, "<script") || strings.Contains(page, "modulepreload") {
		t.Errorf("page with only static islands ships JS:\n%s", page)
	}

	_, err = execute(t, e, "broken.html", nil)
	if !errors.Is(err, ErrUnknownComponent) || !strings.Contains(err.Error(), `"Nope"`) {
		t.Errorf("unknown component in template: %v", err)
	}
}

func TestIslandOptions(t *testing.T) {
	e, _ := newTestEngine(t, nil)
	tests := []struct {
		opts    []string
		want    []string
		notWant []string
		err     string
	}{
		{opts: nil, want: []string{`data-strategy="load"`, `Hello, `}},
		{opts: []string{"client:idle"}, want: []string{`data-strategy="idle"`}},
		{opts: []string{"client:visible"}, want: []string{`data-strategy="visible"`}},
		{opts: []string{"client:media=(max-width: 600px)"}, want: []string{`data-strategy="media" data-media="(max-width: 600px)"`}},
		{opts: []string{"client:only"}, want: []string{`data-render="client"></ssr-island>`}, notWant: []string{"Hello, "}},
		{opts: []string{"static"}, want: []string{`data-strategy="static">`}, notWant: []string{"data-src", "data-island-props"}},
		{opts: []string{"cache=5m"}, want: []string{`Hello, `}},
		{opts: []string{"client:bogus"}, err: `unknown island option "client:bogus"`},
		{opts: []string{"client:idle", "static"}, err: "more than one hydration strategy"},
		{opts: []string{"cache=soon"}, err: "cache takes a positive duration"},
		{opts: []string{"client:media="}, err: "client:media needs a query"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		err := e.Island(context.Background(), &buf, "Hello", nil, tt.opts...)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%v: want error %q, got %v", tt.opts, tt.err, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%v: %v", tt.opts, err)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(buf.String(), w) {
				t.Errorf("%v: want %q in %s", tt.opts, w, buf.String())
			}
		}
		for _, w := range tt.notWant {
			if strings.Contains(buf.String(), w) {
				t.Errorf("%v: do not want %q in %s", tt.opts, w, buf.String())
			}
		}
	}
}

func TestFallbackAndStrict(t *testing.T) {
	e, logs := newTestEngine(t, nil)
	var buf bytes.Buffer
	if err := e.Island(context.Background(), &buf, "Boom", nil, "static"); err != nil {
		t.Fatalf("a throwing component must not fail the page: %v", err)
	}
	got := buf.String()
	if !strings.Contains(got, `data-render="client" data-fallback="error"></ssr-island>`) || !strings.Contains(got, "data-island-props") {
		t.Errorf("fallback island wrong: %s", got)
	}
	if l := logs.String(); !strings.Contains(l, "component=Boom") || !strings.Contains(l, "Boom failed") || !strings.Contains(l, "components/Boom.jsx:2") {
		t.Errorf("log lacks component, error or mapped stack:\n%s", l)
	}

	strict, _ := newTestEngine(t, func(c *Config) { c.Strict = true })
	buf.Reset()
	err := strict.Island(context.Background(), &buf, "Boom", nil)
	var re *RenderError
	if !errors.As(err, &re) {
		t.Fatalf("strict: want *RenderError, got %v", err)
	}
}

func TestGinLoadHTMLGlob(t *testing.T) {
	e, logs := newTestEngine(t, nil)
	waitAssets(e) // the asset checks below expect the final forms' caching
	gin.SetMode(gin.TestMode)
	r := gin.New()
	// A failed page's error goes back to Gin (c.Errors), reported once by
	// whoever handles Gin's errors; the engine does not log it as well.
	ginErrs := make(chan []string, 10)
	r.Use(func(c *gin.Context) {
		c.Next()
		if c.Request.URL.Path == "/broken" {
			ginErrs <- c.Errors.Errors()
		}
	})
	// The few lines an existing Gin app adds:
	r.SetFuncMap(e.FuncMap())
	r.LoadHTMLGlob("testdata/templates/*")
	r.HTMLRender = e.HTMLRender(r.HTMLRender)
	e.Mount(r)

	r.GET("/", func(c *gin.Context) { c.HTML(http.StatusOK, "page.html", gin.H{"Title": "Gin", "Name": "gin"}) })
	r.GET("/broken", func(c *gin.Context) { c.HTML(http.StatusOK, "broken.html", nil) })
	srv := httptest.NewServer(r)
	defer srv.Close()

	body, resp := get(t, srv.URL+"/")
	if resp.StatusCode != 200 || !strings.Contains(body, "Hello, <!-- -->gin<!-- -->!") || !strings.Contains(body, `rel="stylesheet"`) {
		t.Fatalf("gin page: %d\n%s", resp.StatusCode, body)
	}
	// Every asset the page references is served, with immutable caching.
	man := e.Manifest()
	for _, p := range []string{man.Runtime, man.Components["Hello"].JS, man.Components["ui/Badge"].CSS[0]} {
		_, resp := get(t, srv.URL+"/_ssr/"+p)
		if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") {
			t.Errorf("asset %s: %d %q", p, resp.StatusCode, resp.Header.Get("Cache-Control"))
		}
	}
	if _, resp := get(t, srv.URL+"/_ssr/nope.js"); resp.StatusCode != 404 {
		t.Errorf("missing asset: %d", resp.StatusCode)
	}
	body, resp = get(t, srv.URL+"/broken")
	if resp.StatusCode != 500 || strings.Contains(body, "<html>") {
		t.Errorf("failing template must give a 500 and no half page: %d %q", resp.StatusCode, body)
	}
	if errs := <-ginErrs; len(errs) != 1 {
		t.Errorf("the failed template's error must reach gin's c.Errors once, got %v", errs)
	}
	if strings.Contains(logs.String(), "broken.html") {
		t.Errorf("the engine logged the template error it also returned:\n%s", logs.String())
	}
}

func get(t *testing.T, url string) (string, *http.Response) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(resp.Body)
	return b.String(), resp
}

func TestConfigDefaults(t *testing.T) {
	var c Config
	if err := c.fill(); err != nil {
		t.Fatal(err)
	}
	if c.ComponentsDir != "components" || c.PublicPath != "/_ssr/" || c.PoolSize < 1 || c.RenderTimeout != 2*time.Second ||
		c.AcquireTimeout <= 0 || c.CacheTTL != time.Minute || c.CacheStale != time.Minute || c.CacheMaxBytes != 64<<20 || c.Logger == nil {
		t.Errorf("defaults: %+v", c)
	}
	if c.RuntimeMaxRenders != jsvm.DefaultMaxUses || c.PoolSize != jsvm.DefaultSize() || c.RuntimeMaxHTMLBytes != 8<<20 || c.MaxOutputBytes != 4<<20 {
		t.Errorf("runtime defaults must come from jsvm's: %+v", c)
	}
	if d := Defaults(); d.RenderTimeout != c.RenderTimeout || d.CacheMaxBytes != c.CacheMaxBytes || d.PoolSize != c.PoolSize {
		t.Errorf("Defaults() = %+v, want the filled zero Config %+v", d, c)
	}
	bad := Config{PublicPath: "assets/"}
	if err := bad.fill(); err == nil {
		t.Error("PublicPath without leading slash accepted")
	}
}

func TestNewReportsBuildErrors(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(dir+"/Bad.jsx", []byte("export default () => <div>{</div>;\n"), 0o644)
	_, err := New(Config{ComponentsDir: dir, Root: ".."})
	if err == nil || !strings.Contains(err.Error(), "Bad.jsx:1:") {
		t.Fatalf("want build error with position, got %v", err)
	}
}

func TestRenderVue(t *testing.T) {
	e, _ := newTestEngine(t, nil)
	ctx := context.Background()
	tests := []struct {
		name  string
		props any
		want  string
	}{
		{"VueHello", map[string]any{"name": "<go>"}, `<p class="vue-hello">Hello, &lt;go&gt;!</p>`},
		{"SlowAsync", map[string]any{"ms": 50}, `<p class="slow">ready after 50ms</p>`},
		{"Suspended", nil, `<p class="slow">ready after 10ms</p>`}, // as Node renders h(Suspense, …)
	}
	for _, tt := range tests {
		got, err := e.Render(ctx, tt.name, tt.props)
		if err != nil {
			t.Fatalf("Render(%s): %v", tt.name, err)
		}
		if got != tt.want {
			t.Errorf("Render(%s)\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
	// An async setup slower than the deadline times out; the pool recovers.
	var re *RenderError
	start := time.Now()
	_, err := e.Render(ctx, "SlowAsync", map[string]any{"ms": 5000})
	if !errors.As(err, &re) || re.Reason != ReasonTimeout {
		t.Fatalf("slow async: want timeout, got %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("slow async held the request for %s; deadline is 500ms", d)
	}
	if _, err := e.Render(ctx, "VueHello", nil); err != nil {
		t.Fatalf("after timeout: %v", err)
	}
}

func TestAssetsGzip(t *testing.T) {
	e, _ := newTestEngine(t, nil)
	waitAssets(e)
	srv := httptest.NewServer(e.Assets())
	defer srv.Close()
	js := "/_ssr/" + e.Manifest().Runtime
	for _, tt := range []struct {
		accept, wantEnc string
	}{{"gzip, br", "br"}, {"gzip", "gzip"}, {"", ""}, {"gzip;q=0", ""}, {"*", "br"}, {"zstd, gzip;q=0.5", "zstd"}} {
		req, _ := http.NewRequest("GET", srv.URL+js, nil)
		if tt.accept != "" {
			req.Header.Set("Accept-Encoding", tt.accept)
		}
		resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Content-Encoding"); got != tt.wantEnc || resp.StatusCode != 200 {
			t.Errorf("Accept-Encoding %q: %d, Content-Encoding %q, want %q", tt.accept, resp.StatusCode, got, tt.wantEnc)
		}
	}
	resp, err := http.Post(srv.URL+js, "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST asset: %d", resp.StatusCode)
	}
}

func TestRenderCache(t *testing.T) {
	e, _ := newTestEngine(t, func(c *Config) { c.PoolSize = 1; c.RuntimeMaxRenders = -1 })
	ctx := context.Background()
	render := func(props any, opts RenderOptions) string {
		t.Helper()
		html, err := e.RenderWith(ctx, "Counted", props, opts)
		if err != nil {
			t.Fatal(err)
		}
		return html
	}
	first := render(map[string]any{"label": "a"}, RenderOptions{})
	if again := render(map[string]any{"label": "a"}, RenderOptions{}); again != first {
		t.Errorf("cache miss for equal props: %s then %s", first, again)
	}
	// Equal props however they are built: maps sort their keys.
	type p struct {
		Label string `json:"label"`
	}
	if again := render(p{"a"}, RenderOptions{}); again != first {
		t.Errorf("struct props missed the entry of equal map props: %s vs %s", again, first)
	}
	if other := render(map[string]any{"label": "b"}, RenderOptions{}); other == first || !strings.HasPrefix(other, "<b>b<!-- -->=") {
		t.Errorf("different props served from cache: %s", other)
	}
	n1 := render(map[string]any{"label": "a"}, RenderOptions{NoCache: true})
	n2 := render(map[string]any{"label": "a"}, RenderOptions{NoCache: true})
	if n1 == n2 || n1 == first {
		t.Errorf("NoCache renders were not fresh: %s, %s (cached %s)", n1, n2, first)
	}
	// A short per-call TTL expires; the default one does not.
	short := render(map[string]any{"label": "ttl"}, RenderOptions{CacheTTL: 50 * time.Millisecond})
	time.Sleep(120 * time.Millisecond)
	// Past the TTL but inside the stale window: the old value, refreshed in the background.
	if stale := render(map[string]any{"label": "ttl"}, RenderOptions{CacheTTL: 50 * time.Millisecond}); stale != short {
		t.Errorf("stale-while-revalidate: got %s, want the stale %s", stale, short)
	}
	// The background refresh lands within a render's time; poll, bounded.
	refreshed := false
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if render(map[string]any{"label": "ttl"}, RenderOptions{CacheTTL: time.Hour}) != short {
			refreshed = true
			break
		}
	}
	if !refreshed {
		t.Errorf("entry was not refreshed after its TTL: still %s", short)
	}
	// Failed renders are not cached: each one runs a runtime.
	// Break it: store failed loads in the cache.
	before := e.gen.Load().pool.Stats().Runs
	for i := 0; i < 2; i++ {
		if _, err := e.Render(ctx, "Boom", nil); err == nil {
			t.Fatal("Boom rendered")
		}
	}
	if got := e.gen.Load().pool.Stats().Runs - before; got != 2 {
		t.Errorf("2 renders of a throwing component ran %d times: a failed render was cached", got)
	}
	// A different build id never hits the old entry.
	if cacheKey("build1", "Counted", []byte(`{}`), "") == cacheKey("build2", "Counted", []byte(`{}`), "") {
		t.Error("cache key ignores the build id")
	}
}

func TestTemplateCacheOption(t *testing.T) {
	e, _ := newTestEngine(t, func(c *Config) { c.PoolSize = 1; c.RuntimeMaxRenders = -1 })
	tmpl := template.Must(template.New("p").Funcs(e.FuncMap()).Parse(
		`{{ component "Counted" (props "label" "x") }}|{{ component "Counted" (props "label" "x") "cache=off" }}`))
	var a, b bytes.Buffer
	if err := e.Execute(&a, tmpl, "p", nil); err != nil {
		t.Fatal(err)
	}
	if err := e.Execute(&b, tmpl, "p", nil); err != nil {
		t.Fatal(err)
	}
	ca, oa, _ := strings.Cut(a.String(), "|")
	cb, ob, _ := strings.Cut(b.String(), "|")
	if ca != cb {
		t.Errorf("cached island changed between pages:\n%s\n%s", ca, cb)
	}
	if oa == ob {
		t.Errorf("cache=off island was served from cache:\n%s", oa)
	}
}
