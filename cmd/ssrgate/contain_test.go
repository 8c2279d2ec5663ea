package main

import (
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// serveWith runs `ssrgate serve` (startServe) on the test site with extra flags and returns its address
// once it serves.
func serveWith(t *testing.T, extra ...string) string {
	t.Helper()
	addr, logs := startServe(t, nil, append([]string{"--templates", "testdata/templates", "--drain-delay", "0s"}, extra...)...)
	waitFor(t, logs, "msg=serving")
	go func() {
		for range logs { // keep the child's stderr flowing
		}
	}()
	return addr
}

// TestSlowBodyIsCutOff: a client that sends a /batch body slowly (here: never finishes it) is cut off by
// --read-timeout instead of holding a connection and a handler goroutine for ever.
func TestSlowBodyIsCutOff(t *testing.T) {
	addr := serveWith(t, "--read-timeout", "500ms")
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	io.WriteString(conn, "POST /batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"a\": ")
	// Without a read timeout the server waits for the rest of the body for ever; the deadline here only
	// turns that hang into a failure message.
	conn.SetReadDeadline(time.Now().Add(time.Minute))
	b, err := io.ReadAll(conn)
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		t.Fatalf("the server kept the slow connection open (read %q)", b)
	}
	// The server answered the unreadable body with an error, or closed the connection.
	if len(b) > 0 && !strings.HasPrefix(string(b), "HTTP/1.1 4") {
		t.Errorf("answer to a body cut off: %q", b)
	}
}

// TestRenderServiceRules: the render service flags reach the endpoints: a token, the content type, stacks.
func TestRenderServiceRules(t *testing.T) {
	addr := serveWith(t, "--render-token", "tok", "--max-batch-jobs", "1")
	do := func(ct, auth, body string) int {
		req, _ := http.NewRequest("POST", "http://"+addr+"/batch", strings.NewReader(body))
		req.Header.Set("Content-Type", ct)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	for _, tt := range []struct {
		ct, auth, body string
		want           int
	}{
		{"application/json", "", `{}`, 401},
		{"application/json", "Bearer tok", `{}`, 200},
		{"text/plain", "Bearer tok", `{}`, 415},
		{"application/json", "Bearer tok", `{"a": {"name": "Hello"}, "b": {"name": "Hello"}}`, 413},
	} {
		if got := do(tt.ct, tt.auth, tt.body); got != tt.want {
			t.Errorf("POST /batch %s auth %q body %s: %d, want %d", tt.ct, tt.auth, tt.body, got, tt.want)
		}
	}
}
