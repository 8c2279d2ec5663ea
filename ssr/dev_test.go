package ssr

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
)

// devSite writes a small project into a temp directory: components (one
// with a CSS module) and Gin templates. It returns the directory.
func devSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"components/Hello.jsx":        "export default function Hello({ name = \"world\" }) {\n  return <p className=\"hello\">Hello, {name}!</p>;\n}\n",
		"components/Badge.jsx":        "import styles from \"./Badge.module.css\";\n\nexport default function Badge({ label }) {\n  return <span className={styles.badge}>{label}</span>;\n}\n",
		"components/Badge.module.css": ".badge { color: rgb(1, 2, 3); }\n",
		"templates/index.html":        "<html><head>{{ ssrHead }}</head><body><h1>{{ .Title }}</h1>{{ component \"Hello\" nil }}{{ component \"Badge\" (props \"label\" \"new\") }}{{ ssrScripts }}</body></html>\n",
	}
	for name, body := range files {
		writeFile(t, filepath.Join(dir, name), body)
	}
	return dir
}

func writeFile(t *testing.T, path, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// sseEvent is one server-sent event of the dev stream.
type sseEvent struct {
	name string
	data devEvent
}

// devEvents connects to the dev event stream and delivers its events.
func devEvents(t *testing.T, url string) <-chan sseEvent {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != 200 || ct != "text/event-stream" {
		t.Fatalf("event stream: %d %s", resp.StatusCode, ct)
	}
	ch := make(chan sseEvent, 64)
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(ch)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				if err := json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &ev.data); err != nil {
					panic(err)
				}
			case line == "" && ev.name != "":
				ch <- ev
				ev = sseEvent{}
			}
		}
	}()
	t.Cleanup(func() { cancel(); resp.Body.Close(); <-done })
	return ch
}

// next returns the next event, failing the test if the stream ends or
// nothing arrives for a minute (a bound against hanging, not a timing
// check: a rebuild takes about a second).
func next(t *testing.T, ch <-chan sseEvent) sseEvent {
	t.Helper()
	select {
	case ev, ok := <-ch:
		if !ok {
			t.Fatal("dev event stream ended")
		}
		return ev
	case <-time.After(time.Minute):
		t.Fatal("no dev event within a minute")
	}
	return sseEvent{}
}

// TestDevGin is the README's Gin setup with Dev: true: every kind of edit
// reaches the open page's event stream, and errors carry their position.
func TestDevGin(t *testing.T) {
	dir := devSite(t)
	logs := &logBuffer{}
	prev := gin.Mode()
	gin.SetMode(gin.DebugMode) // Gin re-reads templates per request only in debug mode
	defer gin.SetMode(prev)
	gin.DefaultWriter = io.Discard
	defer func() { gin.DefaultWriter = os.Stdout }()

	// The README's lines.
	engine, err := New(Config{
		ComponentsDir: filepath.Join(dir, "components"), Root: "..", PoolSize: 2,
		Dev: true, DevWatch: []string{filepath.Join(dir, "templates")},
		Logger: slog.New(slog.NewTextHandler(logs, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	defer engine.Close()
	r := gin.New()
	r.SetFuncMap(engine.FuncMap())
	r.LoadHTMLGlob(filepath.Join(dir, "templates", "*"))
	r.HTMLRender = engine.HTMLRender(r.HTMLRender)
	engine.Mount(r)
	r.GET("/", func(c *gin.Context) { c.HTML(http.StatusOK, "index.html", gin.H{"Title": "Dev"}) })

	srv := httptest.NewServer(r)
	defer srv.Close()
	defer engine.StopDev() // before srv.Close, which waits for the event stream

	body, resp := get(t, srv.URL+"/")
	if resp.StatusCode != 200 || !strings.Contains(body, "Hello, <!-- -->world<!-- -->!") {
		t.Fatalf("first page: %d\n%s", resp.StatusCode, body)
	}
	if !strings.Contains(body, `<script type="module" src="/_ssr/__dev/client.js" data-version="`) {
		t.Fatalf("dev page has no dev client:\n%s", body)
	}
	js, resp := get(t, srv.URL+"/_ssr/__dev/client.js")
	if resp.StatusCode != 200 || !strings.Contains(js, "new EventSource") {
		t.Fatalf("dev client: %d", resp.StatusCode)
	}

	events := devEvents(t, srv.URL+"/_ssr/__dev/events")
	if ev := next(t, events); ev.name != "hello" || len(ev.data.Errors) != 0 {
		t.Fatalf("first event: %+v", ev)
	}

	// A component edit: the pages reload and get the new markup.
	hello := filepath.Join(dir, "components", "Hello.jsx")
	writeFile(t, hello, "export default function Hello({ name = \"world\" }) {\n  return <p className=\"hello\">Bonjour, {name}!</p>;\n}\n")
	ev := next(t, events)
	if ev.name != "reload" || !strings.Contains(strings.Join(ev.data.Changed, " "), "Hello.jsx") {
		t.Fatalf("after a component edit: %+v", ev)
	}
	if body, _ := get(t, srv.URL+"/"); !strings.Contains(body, "Bonjour, <!-- -->world") {
		t.Fatalf("page after the edit:\n%s", body)
	}
	if !strings.Contains(logs.String(), "dev: rebuilt in ") {
		t.Errorf("no rebuild line in the log:\n%s", logs)
	}

	// A template edit: a reload, and Gin (debug mode) reads the new file.
	writeFile(t, filepath.Join(dir, "templates", "index.html"), "<html><head>{{ ssrHead }}</head><body><h2>{{ .Title }} edited</h2>{{ component \"Hello\" nil }}{{ component \"Badge\" (props \"label\" \"new\") }}{{ ssrScripts }}</body></html>\n")
	if ev := next(t, events); ev.name != "reload" {
		t.Fatalf("after a template edit: %+v", ev)
	}
	if body, _ := get(t, srv.URL+"/"); !strings.Contains(body, "<h2>Dev edited</h2>") {
		t.Fatalf("page after the template edit:\n%s", body)
	}

	// A CSS-only edit: stylesheets are swapped in place, old URL to new.
	oldCSS := "/_ssr/" + engine.Manifest().Components["Badge"].CSS[0]
	writeFile(t, filepath.Join(dir, "components", "Badge.module.css"), ".badge { color: rgb(4, 5, 6); }\n")
	ev = next(t, events)
	if ev.name != "css" || ev.data.CSS[oldCSS] == "" {
		t.Fatalf("after a CSS edit: %+v (old stylesheet %s)", ev, oldCSS)
	}
	if css, resp := get(t, srv.URL+ev.data.CSS[oldCSS]); resp.StatusCode != 200 || !strings.Contains(css, "rgb(4, 5, 6)") {
		t.Fatalf("new stylesheet: %d %s", resp.StatusCode, css)
	}

	// A syntax error: the pages get the error with file, line, column and
	// code frame; the page keeps being served from the last good build.
	writeFile(t, hello, "export default function Hello({ name = \"world\" }) {\n  return <p className=\"hello\">Bonjour, {name!</p>;\n}\n")
	ev = next(t, events)
	if ev.name != "errors" || len(ev.data.Errors) != 1 {
		t.Fatalf("after a syntax error: %+v", ev)
	}
	be := ev.data.Errors[0]
	if be.Kind != "build" || !strings.HasSuffix(be.File, "components/Hello.jsx") || be.Line != 2 || be.Column == 0 ||
		!strings.Contains(be.Frame, "> 2 |") || !strings.Contains(be.Frame, "{name!</p>") {
		t.Fatalf("build error: %+v", be)
	}
	if !strings.Contains(logs.String(), "components/Hello.jsx:2:") {
		t.Errorf("the terminal lacks the error's position:\n%s", logs)
	}
	if body, resp := get(t, srv.URL+"/"); resp.StatusCode != 200 || !strings.Contains(body, "Bonjour") {
		t.Fatalf("page while the build is broken: %d\n%s", resp.StatusCode, body)
	}
	// A page opened now learns of the error on connecting.
	if ev := next(t, devEvents(t, srv.URL+"/_ssr/__dev/events")); ev.name != "hello" || len(ev.data.Errors) != 1 {
		t.Fatalf("hello while broken: %+v", ev)
	}

	// A component that throws: the page is the error overlay, with the
	// position in the original file.
	writeFile(t, hello, "export default function Hello({ name }) {\n  const n = name.length;\n  return <p className=\"hello\">Hi {n}</p>;\n}\n")
	if ev := next(t, events); ev.name != "reload" {
		t.Fatalf("after fixing the syntax error: %+v", ev)
	}
	body, resp = get(t, srv.URL+"/")
	if resp.StatusCode != 500 || !strings.Contains(body, `id="ssrgate-dev-errors"`) || !strings.Contains(body, "__dev/client.js") {
		t.Fatalf("page with a throwing component: %d\n%s", resp.StatusCode, body)
	}
	var errs []devError
	js = body[strings.Index(body, `id="ssrgate-dev-errors">`)+len(`id="ssrgate-dev-errors">`):]
	if err := json.Unmarshal([]byte(js[:strings.Index(js, "</script>")]), &errs); err != nil {
		t.Fatal(err)
	}
	if len(errs) != 1 || errs[0].Kind != "render" || !strings.HasSuffix(errs[0].File, "components/Hello.jsx") || errs[0].Line != 2 ||
		!strings.Contains(errs[0].Frame, "> 2 |   const n = name.length;") || !strings.Contains(errs[0].Stack, "Hello.jsx:2:") {
		t.Fatalf("render error: %+v", errs)
	}
}

// TestDevSwapUnderLoad rebuilds repeatedly while requests render: none
// may fail, and each sees one build or the next, never a closed pool.
func TestDevSwapUnderLoad(t *testing.T) {
	dir := devSite(t)
	e, err := New(Config{
		ComponentsDir: filepath.Join(dir, "components"), Root: "..", PoolSize: 2, Dev: true,
		// Generous bounds: a busy or slow render (on a loaded machine, under
		// -race) is an error in dev mode, and not what this test is about.
		AcquireTimeout: time.Minute, RenderTimeout: time.Minute,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	page := template.Must(template.New("p").Funcs(e.FuncMap()).Parse(
		`<head>{{ ssrHead }}</head>{{ component "Hello" (props "name" .) }}{{ component "Badge" (props "label" "x") "cache=off" }}{{ ssrScripts }}`))

	var (
		stop     atomic.Bool
		requests atomic.Int64
		failures atomic.Int64
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	fail := func(err error) {
		failures.Add(1)
		mu.Lock()
		if firstErr == nil {
			firstErr = err
		}
		mu.Unlock()
	}
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; !stop.Load(); i++ {
				var sb strings.Builder
				if err := e.Execute(&sb, page, "p", fmt.Sprintf("w%d-%d", w, i)); err != nil {
					fail(err)
				} else if !strings.Contains(sb.String(), fmt.Sprintf("w%d-%d", w, i)) {
					fail(fmt.Errorf("page without its island: %s", sb.String()))
				}
				if _, err := e.RenderWith(context.Background(), "Hello", nil, RenderOptions{NoCache: true}); err != nil {
					fail(err)
				}
				requests.Add(2)
			}
		}(w)
	}
	const rounds = 4
	for round := 1; round <= rounds; round++ {
		before := e.BuildID()
		writeFile(t, filepath.Join(dir, "components", "Hello.jsx"),
			fmt.Sprintf("export default function Hello({ name = \"world\" }) {\n  return <p>Round %d, {name}</p>;\n}\n", round))
		deadline := time.Now().Add(time.Minute)
		for e.BuildID() == before {
			if time.Now().After(deadline) {
				t.Fatalf("round %d: no rebuild within a minute", round)
			}
			time.Sleep(10 * time.Millisecond)
		}
		at := requests.Load()
		for requests.Load() < at+20 && time.Now().Before(deadline) { // some requests on this build
			time.Sleep(5 * time.Millisecond)
		}
	}
	stop.Store(true)
	wg.Wait()
	if n := failures.Load(); n > 0 {
		t.Fatalf("%d of %d requests failed during rebuilds; first: %v", n, requests.Load(), firstErr)
	}
	got, err := e.Render(context.Background(), "Hello", nil)
	if err != nil || got != fmt.Sprintf("<p>Round %d, <!-- -->world</p>", rounds) {
		t.Fatalf("after the last rebuild: %q, %v", got, err)
	}
	t.Logf("%d requests over %d rebuilds, none failed", requests.Load(), rounds)
}

// TestNotDev: outside dev mode no dev client, no event stream, no overlay.
func TestNotDev(t *testing.T) {
	e, _ := newTestEngine(t, nil)
	page := e.Finish([]byte("<body>{{ ssrScripts }}</body>"))
	if strings.Contains(string(page), "__dev") {
		t.Fatalf("dev client outside dev mode: %s", page)
	}
	for _, p := range []string{"/_ssr/__dev/client.js", "/_ssr/__dev/events"} {
		rec := httptest.NewRecorder()
		e.Assets().ServeHTTP(rec, httptest.NewRequest("GET", p, nil))
		if rec.Code != 404 {
			t.Errorf("%s outside dev mode: %d", p, rec.Code)
		}
	}
	rec := httptest.NewRecorder()
	if e.WriteDevError(rec, 500, fmt.Errorf("secret")) || rec.Body.Len() > 0 {
		t.Errorf("WriteDevError wrote outside dev mode: %q", rec.Body)
	}
	if err := e.WatchDev(nil, "."); err != nil {
		t.Errorf("WatchDev outside dev mode: %v", err)
	}
}

func TestCodeFrame(t *testing.T) {
	p := filepath.Join(t.TempDir(), "x.jsx")
	writeFile(t, p, "a\nb\n\tcc dd\ne\nf\ng\n")
	got := codeFrame(p, 3, 5)
	want := "  1 | a\n  2 | b\n> 3 |   cc dd\n    |      ^\n  4 | e\n  5 | f"
	if got != want {
		t.Fatalf("codeFrame:\n%s\nwant:\n%s", got, want)
	}
	if codeFrame(p, 40, 1) != "" || codeFrame(p+"x", 1, 1) != "" {
		t.Error("codeFrame of a line past the end or a missing file must be empty")
	}
}

// TestStrictErrorHasLocation: with Strict (no dev mode), the error a page
// gets names the component's file and line, not only the message.
func TestStrictErrorHasLocation(t *testing.T) {
	e, _ := newTestEngine(t, func(c *Config) { c.Strict = true })
	page := template.Must(template.New("p").Funcs(e.FuncMap()).Parse(`{{ component "Boom" nil }}`))
	err := e.Execute(io.Discard, page, "p", nil)
	if err == nil || !regexp.MustCompile(`Boom failed: kaboom \(at [^ ]*components/Boom\.jsx:2:\d+\)`).MatchString(err.Error()) {
		t.Fatalf("strict error without the position: %v", err)
	}
}

// TestDevStartsBroken: in dev mode a build error at start-up does not stop
// the engine; the pages show the error, and a save that fixes it brings
// the components in. Outside dev mode New fails as before.
func TestDevStartsBroken(t *testing.T) {
	dir := devSite(t)
	hello := filepath.Join(dir, "components", "Hello.jsx")
	writeFile(t, hello, "export default function Hello() {\n  return <p>{</p>;\n}\n")
	cfg := Config{ComponentsDir: filepath.Join(dir, "components"), Root: "..", PoolSize: 1,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if _, err := New(cfg); err == nil {
		t.Fatal("outside dev mode a build error must fail New")
	}
	cfg.Dev = true
	e, err := New(cfg)
	if err != nil {
		t.Fatalf("dev mode with a build error at start-up: %v", err)
	}
	defer e.Close()
	srv := httptest.NewServer(e.Assets())
	defer srv.Close()
	defer e.StopDev()
	events := devEvents(t, srv.URL+"/_ssr/__dev/events")
	ev := next(t, events)
	if ev.name != "hello" || len(ev.data.Errors) != 1 || !strings.HasSuffix(ev.data.Errors[0].File, "components/Hello.jsx") || ev.data.Errors[0].Line != 2 {
		t.Fatalf("hello of a broken start: %+v", ev)
	}
	// A failing page shows the build error first.
	rec := httptest.NewRecorder()
	page := template.Must(template.New("p").Funcs(e.FuncMap()).Parse(`{{ component "Hello" nil }}`))
	if err := e.Execute(io.Discard, page, "p", nil); err == nil {
		t.Fatal("a page of a broken start must fail")
	} else if !e.WriteDevError(rec, 500, err) || !strings.Contains(rec.Body.String(), `"kind":"build"`) {
		t.Fatalf("error page of a broken start: %s", rec.Body)
	}
	writeFile(t, hello, "export default function Hello() {\n  return <p>fixed</p>;\n}\n")
	if ev := next(t, events); ev.name != "reload" {
		t.Fatalf("after the fix: %+v", ev)
	}
	if got, err := e.Render(context.Background(), "Hello", nil); err != nil || got != "<p>fixed</p>" {
		t.Fatalf("after the fix: %q, %v", got, err)
	}
}

// TestVueRenderErrorIsThrown: a Vue component that throws while rendering
// is a render error with its stack (Vue's production build would log it
// and render nothing), so the island falls back like a React one.
func TestVueRenderErrorIsThrown(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "Bad.vue"), "<template><p>{{ boom() }}</p></template>\n<script setup>\nfunction boom() { return null.x; }\n</script>\n")
	logs := &logBuffer{}
	e, err := New(Config{ComponentsDir: dir, Root: "..", PoolSize: 1, Logger: slog.New(slog.NewTextHandler(logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	_, err = e.Render(context.Background(), "Bad", nil)
	var re *RenderError
	if !errors.As(err, &re) || re.Reason != ReasonError || !strings.Contains(re.Stack, "Bad.vue") {
		t.Fatalf("Vue render error: %v (stack %q)", err, stackOf(re))
	}
	page := template.Must(template.New("p").Funcs(e.FuncMap()).Parse(`{{ component "Bad" nil }}`))
	var sb strings.Builder
	if err := e.Execute(&sb, page, "p", nil); err != nil || !strings.Contains(sb.String(), `data-fallback="error"`) {
		t.Fatalf("Vue island that throws must fall back: %v\n%s", err, sb.String())
	}
}

func stackOf(re *RenderError) string {
	if re == nil {
		return ""
	}
	return re.Stack
}
