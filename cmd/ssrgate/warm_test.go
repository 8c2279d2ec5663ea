package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ssrgate/ssrgate/internal/rediscache/redistest"
)

// startServe runs `ssrgate serve` with args as a child process and returns
// its address and log lines.
func startServe(t *testing.T, env []string, args ...string) (string, <-chan string) {
	t.Helper()
	addr := freePort(t)
	cmd := exec.Command(os.Args[0], append(append([]string{"serve", "--addr", addr, "--access-log=false"}, engineArgs...), args...)...)
	cmd.Env = append(append(os.Environ(), "SSRGATE_TEST_MAIN=1"), env...)
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	logs := make(chan string, 1000)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			logs <- sc.Text()
		}
		close(logs)
	}()
	return addr, logs
}

// TestWarm deploys two replicas on one Redis: the first warms itself
// (serve --warm) before /readyz reports ready; `ssrgate warm` then warms
// the second, which renders nothing: every island comes from Redis.
func TestWarm(t *testing.T) {
	rs := redistest.Start(t)
	dir := t.TempDir()
	pages := map[string]string{
		"index.html":        `<html><head>{{ ssrHead }}</head><body>{{ component "Hello" (props "name" "home") }}{{ ssrScripts }}</body></html>`,
		"hello/[name].html": `<html><body>{{ component "Hello" (props "name" .Params.name) }}</body></html>`,
		"slow.html":         `<html><body>{{ component "Slow" (props "ms" 800) }}</body></html>`,
	}
	for name, text := range pages {
		p := filepath.Join(dir, "templates", "pages", name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(text), 0o644)
	}
	urls := filepath.Join(dir, "urls.txt")
	os.WriteFile(urls, []byte("# release warm-up\n/\n/hello/a\nhttps://www.example/hello/b\n/slow\n"), 0o644)
	common := []string{"--templates", filepath.Join(dir, "templates"), "--render-timeout", "5s", "--cache-redis-timeout", "2s"}

	a, logs := startServe(t, nil, append(common, "--cache-redis", rs.URL(), "--warm", urls)...)
	waitFor(t, logs, "msg=serving")
	for i := 0; !strings.HasPrefix(httpGet(t, "http://"+a+"/readyz"), "ready"); i++ {
		if i > 2000 {
			t.Fatal("serve --warm never became ready")
		}
		time.Sleep(10 * time.Millisecond)
	}
	// Ready only once warm: the 800ms render of /slow is already done.
	if m := httpGet(t, "http://"+a+"/metrics"); !strings.Contains(m, `ssrgate_render_duration_seconds_count{component="Slow"} 1`) {
		t.Fatalf("ready before /slow was warmed:\n%s", grepLines(m, "render_duration_seconds_count"))
	}
	waitFor(t, logs, "msg=warmed pages=4 of=4 renders=4")

	// The second replica gets Redis from the environment.
	b, blogs := startServe(t, []string{"SSRGATE_CACHE_REDIS=" + rs.URL()}, common...)
	waitFor(t, blogs, "msg=serving")
	out, errOut, code := runCmd("warm", "--urls", urls, "--base", "http://"+b)
	if code != 0 || !strings.Contains(out, "warmed 4 pages in") || !strings.Contains(out, ": 0 renders, 4 from the shared cache, 0 fallbacks, 0 failed") {
		t.Fatalf("ssrgate warm on the second replica: exit %d\nstdout %s\nstderr %s", code, out, errOut)
	}
	if !strings.Contains(errOut, "warm: 4/4 pages (100%)") {
		t.Errorf("no progress lines on a non-terminal:\n%s", errOut)
	}

	// A failing page fails the command, unless tolerated.
	os.WriteFile(urls, []byte("/\n/no/such/page\n"), 0o644)
	if out, _, code := runCmd("warm", "--urls", urls, "--base", "http://"+b, "--progress", "none"); code != 1 || !strings.Contains(out, "/no/such/page: HTTP status 404") {
		t.Fatalf("warm with a 404: exit %d\n%s", code, out)
	}
	if _, _, code := runCmd("warm", "--urls", urls, "--base", "http://"+b, "--max-failures", "1"); code != 0 {
		t.Fatalf("--max-failures 1: exit %d", code)
	}
	if _, errOut, code := runCmd("warm", "--urls", filepath.Join(dir, "missing.txt"), "--base", "http://"+b); code != 1 || !strings.Contains(errOut, "missing.txt: not a readable file") {
		t.Fatalf("warm with a missing list: %d %s", code, errOut)
	}
	if _, errOut, code := runCmd("warm", "--base", "http://"+b); code != 1 || !strings.Contains(errOut, "want exactly one of --urls FILE and --sitemap SRC") {
		t.Fatalf("warm without a list: %d %s", code, errOut)
	}
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
