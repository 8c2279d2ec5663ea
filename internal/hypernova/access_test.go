package hypernova

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

func send(t *testing.T, url, contentType, auth, body string) (int, http.Header, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", url, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var b strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := res.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return res.StatusCode, res.Header, b.String()
}

func TestContentTypeRequired(t *testing.T) {
	srv := newServer(t, Config{})
	for _, path := range []string{"/batch", "/render"} {
		for _, ct := range []string{"", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"} {
			status, _, body := send(t, srv.URL+path, ct, "", `{}`)
			if status != http.StatusUnsupportedMediaType || !strings.Contains(body, "application/json") {
				t.Errorf("POST %s with Content-Type %q: %d %s, want 415 naming application/json", path, ct, status, body)
			}
		}
		for _, ct := range []string{"application/json", "application/json; charset=utf-8", "application/vnd.api+json"} {
			if status, _, body := send(t, srv.URL+path, ct, "", `{"component": "Widget", "props": {}}`); status == http.StatusUnsupportedMediaType {
				t.Errorf("POST %s with Content-Type %q: 415 %s", path, ct, body)
			}
		}
	}
}

func TestRenderToken(t *testing.T) {
	srv := newServer(t, Config{Token: "s3cret"})
	for _, auth := range []string{"", "Bearer nope", "Basic czNjcmV0", "s3cret"} {
		status, hdr, body := send(t, srv.URL+"/batch", "application/json", auth, `{}`)
		if status != http.StatusUnauthorized || hdr.Get("WWW-Authenticate") == "" || !strings.Contains(body, "Bearer") {
			t.Errorf("Authorization %q: %d %s, want 401", auth, status, body)
		}
	}
	if status, _, body := send(t, srv.URL+"/batch", "application/json", "Bearer s3cret", `{}`); status != 200 {
		t.Errorf("with the token: %d %s", status, body)
	}
}

func TestMaxJobs(t *testing.T) {
	srv := newServer(t, Config{MaxJobs: 3})
	jobs := map[string]any{}
	for i := range 4 {
		jobs[string(rune('a'+i))] = map[string]any{"name": "Widget", "data": map[string]any{}}
	}
	b, _ := json.Marshal(jobs)
	status, _, body := send(t, srv.URL+"/batch", "application/json", "", string(b))
	if status != http.StatusRequestEntityTooLarge || !strings.Contains(body, "MaxJobs") || !strings.Contains(body, "4 jobs") {
		t.Errorf("4 jobs over a limit of 3: %d %s, want 413 naming MaxJobs", status, body)
	}
	delete(jobs, "a")
	b, _ = json.Marshal(jobs)
	if status, _, body := send(t, srv.URL+"/batch", "application/json", "", string(b)); status != 200 {
		t.Errorf("3 jobs: %d %s", status, body)
	}
}

// TestStacksOnlyWhenEnabled: by default an error answer's stack is its first line; the frames (file names and
// lines of the sources) are only in the log, unless Config.Stacks is set.
func TestStacksOnlyWhenEnabled(t *testing.T) {
	for _, stacks := range []bool{false, true} {
		srv := newServer(t, Config{Stacks: stacks})
		_, _, body := send(t, srv.URL+"/render", "application/json", "", `{"component": "Boom", "props": {"reason": "x"}}`)
		var out struct {
			Error *jsError `json:"error"`
		}
		if err := json.Unmarshal([]byte(body), &out); err != nil || out.Error == nil {
			t.Fatalf("Stacks %v: %s", stacks, body)
		}
		if frames := len(out.Error.Stack) - 1; (frames > 0) != stacks {
			t.Errorf("Stacks %v: %d frames in %q", stacks, frames, out.Error.Stack)
		}
	}
}
