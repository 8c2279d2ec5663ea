//go:build unix

package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ssrgate/ssrgate/internal/server"
	"github.com/ssrgate/ssrgate/ssr"
)

// TestIslands drives the island runtime's harder duties in Chromium
// (islands.mjs), over the fixtures in testdata/islands: clicks and typing
// before a lazy island hydrated are replayed, islands of one component get
// distinct useId values, a strict nonce-based CSP passes (every page here is
// served under it), and hydration failures reach the server's metrics.
func TestIslands(t *testing.T) {
	if testing.Short() && os.Getenv("SSRGATE_REQUIRE_BROWSER") != "1" {
		t.Skip("browser e2e test skipped in -short mode")
	}
	node := requireBrowser(t)

	logs := &lockedBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelInfo}))
	eng, err := ssr.New(ssr.Config{
		ComponentsDir: "testdata/islands/components",
		Root:          "../..",
		Strict:        true,
		Logger:        logger,
		// Every page of this test runs under the strict policy.
		CSPNonce: true,
	})
	if err != nil {
		t.Fatalf("ssr.New over testdata/islands/components: %v", err)
	}
	t.Cleanup(func() { eng.Close() })
	srv, err := server.New(server.Config{Engine: eng, TemplatesDir: "testdata/islands/templates", Strict: true, Logger: logger})
	if err != nil {
		t.Fatalf("server.New over testdata/islands/templates: %v", err)
	}
	ts := httptest.NewServer(srv.Handler()) // 127.0.0.1 only
	t.Cleanup(ts.Close)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("engine and server logs:\n%s", logs.String())
		}
	})

	rep := runScript(t, node, "islands.mjs", ts.URL, eng)
	for _, c := range rep.Checks {
		t.Run(c.Name, func(t *testing.T) {
			if !c.OK {
				t.Error(c.Detail)
				return
			}
			t.Log(c.Detail)
		})
	}

	// The server's own view, after the browser is gone: each deliberate
	// failure was counted under its component, and logged.
	t.Run("report/metrics-after-browser", func(t *testing.T) {
		res, err := http.Get(ts.URL + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		for _, comp := range []string{"Mismatch", "VueMismatch", "Tally"} {
			re := regexp.MustCompile(`(?m)^ssrgate_hydration_errors_total\{component="` + comp + `"\} ([1-9][0-9]*)$`)
			if !re.Match(body) {
				t.Errorf("/metrics has no ssrgate_hydration_errors_total for %s:\n%s", comp, grepLines(string(body), "ssrgate_hydration"))
			}
		}
		if re := regexp.MustCompile(`(?m)^ssrgate_hydration_errors_total\{component="(VueTally|unknown)"\}`); re.Match(body) {
			t.Errorf("hydration errors reported for islands that hydrated cleanly:\n%s", grepLines(string(body), "ssrgate_hydration"))
		}
		if n := strings.Count(logs.String(), "no {{ ssrScripts }}, so nothing hydrates"); n != 1 {
			t.Errorf("the page without {{ ssrScripts }} was logged %d times over two loads, want once:\n%s", n, grepLines(logs.String(), "ssrgate:"))
		}
		if l := logs.String(); !strings.Contains(l, "island failed in the browser") || !strings.Contains(l, "kind=load") || !strings.Contains(l, "kind=mismatch") {
			t.Errorf("server log lacks the browser's load and mismatch reports:\n%s", grepLines(l, "browser"))
		}
	})
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

// runScript runs one browser script against base and returns its report.
func runScript(t *testing.T, node, script, base string, eng *ssr.Engine) report {
	t.Helper()
	artifacts := os.Getenv("SSRGATE_E2E_ARTIFACTS")
	if artifacts == "" {
		artifacts = t.TempDir()
	} else if err := os.MkdirAll(artifacts, 0o755); err != nil {
		t.Fatal(err)
	}
	man, err := json.Marshal(eng.Manifest())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 55*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, script, base, artifacts)
	cmd.Env = append(os.Environ(), "SSRGATE_E2E_MANIFEST="+string(man), "TMPDIR="+t.TempDir())
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 2 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	var rep report
	if err := json.Unmarshal(bytes.TrimSpace(stdout.Bytes()), &rep); err != nil {
		t.Fatalf("%s gave no JSON report (exit: %v, context: %v): %v\nstdout:\n%s\nstderr:\n%s",
			script, runErr, ctx.Err(), err, stdout.String(), stderr.String())
	}
	if b, err := json.MarshalIndent(rep, "", "  "); err == nil {
		os.WriteFile(filepath.Join(artifacts, strings.TrimSuffix(script, ".mjs")+"-report.json"), b, 0o644)
	}
	if rep.Fatal != "" {
		t.Errorf("%s failed: %s\nstderr:\n%s", script, rep.Fatal, stderr.String())
	}
	var exitErr *exec.ExitError
	if runErr != nil && !errors.As(runErr, &exitErr) {
		t.Errorf("running %s: %v", script, runErr)
	} else if runErr != nil {
		t.Errorf("%s exited with %v\nstderr:\n%s", script, runErr, stderr.String())
	}
	if len(rep.Checks) == 0 {
		t.Fatalf("%s reported no checks", script)
	}
	var cons strings.Builder
	for _, m := range rep.Console {
		cons.WriteString("  [" + m.Page + "] " + m.Type + ": " + m.Text + "\n")
	}
	t.Logf("browser console messages of %s:\n%s", script, cons.String())
	return rep
}
