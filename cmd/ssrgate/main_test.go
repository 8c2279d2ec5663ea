package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
)

// TestMain lets the test binary act as the ssrgate command, so the
// process-level tests (signals, exit codes) run the real main.
func TestMain(m *testing.M) {
	if os.Getenv("SSRGATE_TEST_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

var engineArgs = []string{"--components", "testdata/components", "--root", "../.."}

func runCmd(args ...string) (stdout, stderr string, code int) {
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return o.String(), e.String(), code
}

func TestRender(t *testing.T) {
	tests := []struct {
		args    []string
		code    int
		stdout  string
		stderr  string
		comment string
	}{
		{append([]string{"render"}, append(engineArgs, "Hello", `{"name":"cli"}`)...), 0, "<p>Hello, <!-- -->cli<!-- -->!</p>", "", "bare HTML, no wrapper"},
		{append([]string{"render"}, append(engineArgs, "Hello")...), 0, "<p>Hello, <!-- -->world<!-- -->!</p>", "", "props optional"},
		{append([]string{"render"}, append(engineArgs, "Nope")...), 1, "", `unknown component "Nope": known components are Broken, Hello, Slow, VueBroken`, "unknown"},
		{append([]string{"render"}, append(engineArgs, "Hello", `{"name":`)...), 1, "", "PROPS_JSON is not valid JSON", "bad JSON"},
		{append([]string{"render"}, append(engineArgs, "Broken")...), 1, "", "Broken.jsx:2", "JS error with mapped stack"},
		{append([]string{"render"}, append(engineArgs, "VueBroken")...), 1, "", "VueBroken.vue:4", "Vue setup error fails the render, stack mapped to the .vue file"},
		{append([]string{"render"}, engineArgs...), 1, "", "want a component NAME", "no name"},
		{append([]string{"render"}, append(engineArgs, "Hello", "--react-renderer", "react")...), 1, "", "--react-renderer after NAME: flags go before NAME", "flag after NAME"},
		{append([]string{"render", "--react-renderer", "bogus"}, append(engineArgs, "Hello")...), 1, "", `invalid value "bogus" for flag -react-renderer: "bogus" is not one of fast, react`, "bad renderer"},
		{append([]string{"render", "--react-renderer", "react"}, append(engineArgs, "Hello", `{"name":"cli"}`)...), 0, "<p>Hello, <!-- -->cli<!-- -->!</p>", "", "React's own renderer, same bytes"},
		{[]string{"render", "--components", "testdata/nowhere", "Hello"}, 1, "", "components directory testdata/nowhere does not exist", "missing dir"},
		{[]string{"frobnicate"}, 2, "", `unknown command "frobnicate"`, "unknown command"},
		{nil, 2, "", "usage:", "no command"},
	}
	for _, tt := range tests {
		out, errOut, code := runCmd(tt.args...)
		if code != tt.code || out != tt.stdout || !strings.Contains(errOut, tt.stderr) {
			t.Errorf("%s: ssrgate %q\n code %d (want %d)\n stdout %q (want %q)\n stderr %q (want it to contain %q)",
				tt.comment, tt.args, code, tt.code, out, tt.stdout, errOut, tt.stderr)
		}
	}
}

func TestRenderEnv(t *testing.T) {
	t.Setenv("SSRGATE_COMPONENTS", "testdata/components")
	t.Setenv("SSRGATE_ROOT", "../..")
	if out, errOut, code := runCmd("render", "Hello"); code != 0 || !strings.Contains(out, "Hello") {
		t.Fatalf("env config: %d %q %q", code, out, errOut)
	}
	t.Setenv("SSRGATE_RENDER_TIMEOUT", "many")
	if _, errOut, code := runCmd("render", "Hello"); code != 1 || !strings.Contains(errOut, "SSRGATE_RENDER_TIMEOUT") {
		t.Fatalf("bad env value: %d %q", code, errOut)
	}
}

func TestBuild(t *testing.T) {
	out := t.TempDir()
	stdout, stderr, code := runCmd(append(append([]string{"build"}, engineArgs...), "--out", out)...)
	if code != 0 || !strings.Contains(stdout, "built 4 components") {
		t.Fatalf("build: %d %q %q", code, stdout, stderr)
	}
	man, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil || !bytes.Contains(man, []byte(`"Hello"`)) {
		t.Fatalf("manifest: %v %s", err, man)
	}
	// Every text asset has .br and .gz forms that decode to it.
	var m struct{ Runtime string }
	if err := json.Unmarshal(man, &m); err != nil || m.Runtime == "" {
		t.Fatalf("manifest runtime: %v", err)
	}
	js, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(m.Runtime)))
	if err != nil {
		t.Fatal(err)
	}
	for ext, open := range map[string]func([]byte) (io.Reader, error){
		".gz": func(b []byte) (io.Reader, error) { return gzip.NewReader(bytes.NewReader(b)) },
		".br": func(b []byte) (io.Reader, error) { return brotli.NewReader(bytes.NewReader(b)), nil },
	} {
		z, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(m.Runtime)+ext))
		if err != nil {
			t.Fatalf("precompressed %s: %v", ext, err)
		}
		r, err := open(z)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := io.ReadAll(r); err != nil || !bytes.Equal(got, js) || len(z) >= len(js) {
			t.Errorf("%s%s: %d bytes for %d; decodes equal: %v (%v)", m.Runtime, ext, len(z), len(js), bytes.Equal(got, js), err)
		}
	}
	bad := t.TempDir()
	os.WriteFile(filepath.Join(bad, "X.jsx"), []byte("export default () => <p>{</p>\n"), 0o644)
	_, stderr, code = runCmd("build", "--components", bad, "--root", "../..", "--out", t.TempDir())
	if code != 1 || !strings.Contains(stderr, "X.jsx:1:") {
		t.Fatalf("build error: %d %q", code, stderr)
	}
}

func freePort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// TestServeGracefulShutdown starts the real command, sends a request that
// takes 1.5s to render, then SIGTERM: the request must still complete, and
// the process must exit 0.
func TestServeGracefulShutdown(t *testing.T) {
	addr := freePort(t)
	cmd := exec.Command(os.Args[0], append(append([]string{"serve", "--addr", addr, "--templates", "testdata/templates"}, engineArgs...),
		"--render-timeout", "5s", "--drain-delay", "3s")...)
	cmd.Env = append(os.Environ(), "SSRGATE_TEST_MAIN=1")
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	logs := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			logs <- sc.Text()
		}
		close(logs)
	}()
	waitFor(t, logs, "msg=serving")

	if body := httpGet(t, "http://"+addr+"/"); !strings.Contains(body, "Hello, <!-- -->serve") {
		t.Fatalf("index: %s", body)
	}
	type result struct {
		body string
		err  error
	}
	done := make(chan result, 1)
	go func() {
		resp, err := http.Get("http://" + addr + "/slow")
		if err != nil {
			done <- result{"", err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		done <- result{fmt.Sprintf("%d %s", resp.StatusCode, b), err}
	}()
	time.Sleep(300 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	// During the drain delay the listener is still open and /readyz says 503, so a load balancer sees it.
	waitFor(t, logs, "draining")
	resp, err := http.Get("http://" + addr + "/readyz")
	if err != nil {
		t.Fatalf("/readyz during the drain delay: %v; the listener must stay open", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("/readyz during the drain delay: %d, want 503", resp.StatusCode)
	}
	select {
	case r := <-done:
		if r.err != nil || !strings.Contains(r.body, "200 ") || !strings.Contains(r.body, "slept 1500ms") {
			t.Fatalf("in-flight request during shutdown: %v %q", r.err, r.body)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("in-flight request did not finish")
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("serve exited with %v", err)
	}
	waitFor(t, logs, "msg=stopped")
}

func waitFor(t *testing.T, logs <-chan string, want string) {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		select {
		case l, ok := <-logs:
			if !ok {
				t.Fatalf("process ended before logging %q", want)
			}
			if strings.Contains(l, want) {
				return
			}
		case <-deadline:
			t.Fatalf("no %q in the log within 20s", want)
		}
	}
}

func httpGet(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}
