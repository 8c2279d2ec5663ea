package hypernova

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestBatchRendersJobs(t *testing.T) {
	srv := newServer(t, Config{})
	body := `{
		"w": {"name": "Widget.js", "data": {"title": "Hello", "text": "a < b & c"}, "metadata": {"req": 1}},
		"c": {"name": "shop/Cart.tsx", "data": {"items": [{"id": "1", "name": "Tea"}]}, "metadata": []},
		"v": {"name": "VueBadge", "data": {"label": "vue"}},
		"n": {"name": "Widget"}
	}`
	status, hdr, b := post(t, http.MethodPost, srv.URL+"/batch", body)
	if status != http.StatusOK {
		t.Fatalf("status %d: %s", status, b)
	}
	if ct := hdr.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type %q", ct)
	}
	out := decodeBatchOut(t, b)
	if !*out.Success || out.Error != nil || len(out.Results) != 4 {
		t.Fatalf("envelope: %s", b)
	}
	// Results keep the request's order (hypernova-client concatenates them).
	if i, j, k, l := bytes.Index(b, []byte(`"w":`)), bytes.Index(b, []byte(`"c":`)), bytes.Index(b, []byte(`"v":`)), bytes.Index(b, []byte(`"n":`)); !(i < j && j < k && k < l) {
		t.Errorf("results out of request order: %s", b)
	}
	tests := []struct {
		token, name, key, html string
		css                    bool
	}{
		{"w", "Widget.js", "Widgetjs", `<section class="widget"><h2>Hello</h2><p class="text">a &lt; b &amp; c</p><button type="button">clicked <!-- -->0</button></section>`, false},
		{"c", "shop/Cart.tsx", "shopCarttsx", `<li>Tea</li></ul>`, true},
		{"v", "VueBadge", "VueBadge", `<button type="button" class="vue-badge">vue: 0</button>`, false},
		{"n", "Widget", "Widget", `<h2>untitled</h2>`, false},
	}
	for _, tt := range tests {
		r := out.Results[tt.token]
		if r == nil {
			t.Fatalf("no result %q", tt.token)
		}
		if r.Name != tt.name || !r.Success || r.StatusCode != 200 || r.Error != nil || string(r.Meta) != "{}" || r.Duration == nil || *r.Duration <= 0 {
			t.Errorf("%s: result fields: %+v", tt.token, r)
		}
		if r.HTML == nil {
			t.Fatalf("%s: html is null", tt.token)
		}
		html := *r.HTML
		want := regexp.MustCompile(`^((?:<link rel="stylesheet" href="/_ssr/[^"]+\.css">)*)<div data-hypernova-key="` + tt.key + `" data-hypernova-id="([0-9a-f-]{36})" data-ssrgate-src="/_ssr/islands/[^"]+\.js">(.*)</div>\n` +
			`<script type="application/json" data-hypernova-key="` + tt.key + `" data-hypernova-id="([0-9a-f-]{36})"><!--(.*)--></script>$`)
		m := want.FindStringSubmatch(html)
		if m == nil {
			t.Errorf("%s: markup does not follow hypernova's convention:\n%s", tt.token, html)
			continue
		}
		if (m[1] != "") != tt.css {
			t.Errorf("%s: stylesheet links %q, want some: %v", tt.token, m[1], tt.css)
		}
		if m[2] != m[4] {
			t.Errorf("%s: div and script ids differ: %s %s", tt.token, m[2], m[4])
		}
		if !strings.Contains(m[3], tt.html) {
			t.Errorf("%s: server HTML\n%s\nwant it to contain\n%s", tt.token, m[3], tt.html)
		}
		if !json.Valid([]byte(m[5])) {
			t.Errorf("%s: props are not JSON: %s", tt.token, m[5])
		}
	}
}

func TestBatchEmpty(t *testing.T) {
	srv := newServer(t, Config{})
	for _, body := range []string{`{}`, `[]`, ` { } `, ``, "\n"} {
		status, _, b := post(t, http.MethodPost, srv.URL+"/batch", body)
		if status != http.StatusOK || string(b) != `{"success":true,"error":null,"results":{}}` {
			t.Errorf("%q: %d %s", body, status, b)
		}
	}
}

func TestBatchArray(t *testing.T) {
	srv := newServer(t, Config{})
	status, _, b := post(t, http.MethodPost, srv.URL+"/batch", `[{"name": "Widget", "data": {"title": "zero"}}, {"name": "Nope"}]`)
	out := decodeBatchOut(t, b)
	if status != 200 || out.Results["0"] == nil || !out.Results["0"].Success || out.Results["1"] == nil || out.Results["1"].StatusCode != 404 {
		t.Fatalf("array batch: %d %s", status, b)
	}
}

func TestBatchJobFailures(t *testing.T) {
	srv := newServer(t, Config{Stacks: true})
	body := `{
		"ok": {"name": "Widget"},
		"unknown": {"name": "Nope.js", "data": {}},
		"throws": {"name": "Boom.jsx", "data": {"reason": "on purpose"}},
		"noname": {"data": {}},
		"numname": {"name": 7},
		"notobject": 5,
		"nulljob": null,
		"arraydata": {"name": "Widget", "data": [1, 2]},
		"dup": {"name": "Nope"},
		"dup": {"name": "Widget", "data": {"title": "last wins"}}
	}`
	status, _, b := post(t, http.MethodPost, srv.URL+"/batch", body)
	if status != http.StatusOK {
		t.Fatalf("one failed job must not fail the batch: %d %s", status, b)
	}
	out := decodeBatchOut(t, b)
	if !*out.Success || out.Error != nil {
		t.Fatalf("envelope: %s", b)
	}
	tests := []struct {
		token, errName, msg string
		status              int
	}{
		{"unknown", "ReferenceError", `Component "Nope.js" not registered`, 404},
		{"throws", "TypeError", "Boom exploded: on purpose", 500},
		{"noname", "TypeError", "has no name", 400},
		{"numname", "TypeError", "has no name", 400},
		{"notobject", "TypeError", "is not an object", 400},
		{"nulljob", "TypeError", "is not an object", 400},
		{"arraydata", "TypeError", "data must be a JSON object", 400},
	}
	for _, tt := range tests {
		r := out.Results[tt.token]
		if r == nil {
			t.Fatalf("no result %q", tt.token)
		}
		if r.Success || r.HTML != nil || r.StatusCode != tt.status || r.Error == nil {
			t.Errorf("%s: %+v", tt.token, r)
			continue
		}
		e := r.Error
		if e.Name != tt.errName || !strings.Contains(e.Message, tt.msg) || len(e.Stack) == 0 || e.Stack[0] != e.Name+": "+e.Message {
			t.Errorf("%s: error %+v, want %s containing %q", tt.token, e, tt.errName, tt.msg)
		}
	}
	if e := out.Results["throws"].Error; len(e.Stack) < 2 || !strings.Contains(strings.Join(e.Stack, "\n"), "Boom") {
		t.Errorf("thrown error's stack has no frames in Boom: %q", e.Stack)
	}
	if r := out.Results["ok"]; !r.Success {
		t.Errorf("ok job failed beside the others: %+v", r)
	}
	if r := out.Results["dup"]; !r.Success || !strings.Contains(*r.HTML, "last wins") {
		t.Errorf("duplicate token: the last job should win, as with JSON.parse: %+v", r)
	}
}

func TestBatchRequestErrors(t *testing.T) {
	srv := newServer(t, Config{MaxBodyBytes: 4096})
	big := `{"a": {"name": "Widget", "data": {"text": "` + strings.Repeat("x", 5000) + `"}}}`
	tests := []struct {
		name, method, body string
		status             int
		errName            string
	}{
		{"malformed", "POST", `{"a": {"name": "Widget"`, 400, "SyntaxError"},
		{"garbage", "POST", `not json`, 400, "SyntaxError"},
		{"trailing", "POST", `{} {}`, 400, "SyntaxError"},
		{"string", "POST", `"Widget"`, 400, "TypeError"},
		{"null", "POST", `null`, 400, "TypeError"},
		{"oversized", "POST", big, 413, "PayloadTooLargeError"},
		{"get", "GET", ``, 405, "MethodNotAllowedError"},
		{"put", "PUT", `{}`, 405, "MethodNotAllowedError"},
		{"delete", "DELETE", ``, 405, "MethodNotAllowedError"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, hdr, b := post(t, tt.method, srv.URL+"/batch", tt.body)
			if status != tt.status {
				t.Fatalf("status %d, want %d: %s", status, tt.status, b)
			}
			if status == 405 && hdr.Get("Allow") != "POST" {
				t.Errorf("Allow %q", hdr.Get("Allow"))
			}
			out := decodeBatchOut(t, b)
			if *out.Success || out.Error == nil || out.Error.Name != tt.errName || out.Results == nil || len(out.Results) != 0 {
				t.Errorf("envelope: %s", b)
			}
		})
	}
}

// TestBatchDeadline: a job that never returns is cut at JobTimeout (its
// runtime interrupted); the batch answers in time and its other jobs
// succeed.
func TestBatchDeadline(t *testing.T) {
	const timeout = 400 * time.Millisecond
	srv := newServer(t, Config{JobTimeout: timeout})
	body := `{"loop": {"name": "Loop.jsx"}, "a": {"name": "Widget", "data": {"title": "deadline"}}, "b": {"name": "shop/Cart"}}`
	start := time.Now()
	status, _, b := post(t, http.MethodPost, srv.URL+"/batch", body)
	took := time.Since(start)
	if status != 200 {
		t.Fatalf("status %d: %s", status, b)
	}
	if took > timeout+500*time.Millisecond {
		t.Errorf("batch took %s with JobTimeout %s", took, timeout)
	}
	out := decodeBatchOut(t, b)
	if r := out.Results["loop"]; r.Success || r.StatusCode != 500 || r.Error == nil || r.Error.Name != "TimeoutError" || r.HTML != nil {
		t.Errorf("hanging job: %+v", r)
	}
	for _, tok := range []string{"a", "b"} {
		if r := out.Results[tok]; !r.Success {
			t.Errorf("%s failed beside the hanging job: %+v", tok, r.Error)
		}
	}
	// The interrupted runtime is replaced; the pool still renders.
	status, _, b = post(t, http.MethodPost, srv.URL+"/batch", `{"a": {"name": "Widget", "data": {"title": "after"}}}`)
	if out := decodeBatchOut(t, b); status != 200 || !out.Results["a"].Success {
		t.Errorf("render after the deadline: %s", b)
	}
}

// TestBatchMoreJobsThanRuntimes: jobs queue for the pool's two runtimes
// instead of failing as "busy".
func TestBatchMoreJobsThanRuntimes(t *testing.T) {
	srv := newServer(t, Config{Concurrency: 8, JobTimeout: 5 * time.Second})
	var sb strings.Builder
	sb.WriteString("{")
	for i := range 40 {
		if i > 0 {
			sb.WriteString(",")
		}
		fmt.Fprintf(&sb, `"j%d": {"name": "Widget", "data": {"title": "t%d"}}`, i, i)
	}
	sb.WriteString("}")
	status, _, b := post(t, http.MethodPost, srv.URL+"/batch", sb.String())
	out := decodeBatchOut(t, b)
	if status != 200 || len(out.Results) != 40 {
		t.Fatalf("%d %s", status, b)
	}
	for tok, r := range out.Results {
		if !r.Success {
			t.Errorf("%s: %+v", tok, r.Error)
		}
	}
}

func TestConcurrentBatches(t *testing.T) {
	srv := newServer(t, Config{JobTimeout: 10 * time.Second})
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := range 8 {
		wg.Go(func() {
			for i := range 5 {
				body := fmt.Sprintf(`{"a": {"name": "Widget.jsx", "data": {"title": "g%d-%d"}}, "b": {"name": "shop/Cart.tsx", "data": {"items": [{"id": "x", "name": "n%d"}]}}, "c": {"name": "Boom"}}`, g, i, i%2)
				res, err := http.Post(srv.URL+"/batch", "application/json", strings.NewReader(body))
				if err != nil {
					errs <- err
					return
				}
				var out batchOut
				err = json.NewDecoder(res.Body).Decode(&out)
				res.Body.Close()
				switch {
				case err != nil:
					errs <- err
				case !out.Results["a"].Success || !strings.Contains(*out.Results["a"].HTML, fmt.Sprintf("g%d-%d", g, i)):
					errs <- fmt.Errorf("a: %+v", out.Results["a"])
				case !out.Results["b"].Success || !strings.Contains(*out.Results["b"].HTML, fmt.Sprintf("n%d", i%2)):
					errs <- fmt.Errorf("b: %+v", out.Results["b"])
				case out.Results["c"].Success:
					errs <- fmt.Errorf("c succeeded")
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
