//go:build unix

package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/ssrgate/ssrgate/internal/server"
	"github.com/ssrgate/ssrgate/ssr"
)

// TestDevBrowser runs the demo site in dev mode, from a temp copy that
// dev.mjs edits on disk while Chromium has /products open.
func TestDevBrowser(t *testing.T) {
	if testing.Short() && os.Getenv("SSRGATE_REQUIRE_BROWSER") != "1" {
		t.Skip("browser e2e test skipped in -short mode")
	}
	node := requireBrowser(t)
	site := filepath.Join(t.TempDir(), "site")
	for _, d := range []string{"components", "templates"} {
		if err := copyTree(filepath.Join("../..", d), filepath.Join(site, d)); err != nil {
			t.Fatal(err)
		}
	}
	logs := &lockedBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelInfo}))
	eng, err := ssr.New(ssr.Config{ComponentsDir: filepath.Join(site, "components"), Root: "../..", Dev: true, Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close() })
	srv, err := server.New(server.Config{Engine: eng, TemplatesDir: filepath.Join(site, "templates"), Strict: true, Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	t.Cleanup(eng.StopDev) // runs before ts.Close: ends the pages' event streams
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("engine and server logs:\n%s", logs.String())
		}
	})

	artifacts := os.Getenv("SSRGATE_E2E_ARTIFACTS")
	if artifacts == "" {
		artifacts, err = os.MkdirTemp("", "ssrgate-e2e-dev-")
	} else {
		err = os.MkdirAll(artifacts, 0o755)
	}
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 170*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "dev.mjs", ts.URL, site, artifacts)
	cmd.Env = append(os.Environ(), "TMPDIR="+t.TempDir())
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 2 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()

	var rep report
	if err := json.Unmarshal(bytes.TrimSpace(stdout.Bytes()), &rep); err != nil {
		t.Fatalf("dev.mjs gave no JSON report (exit: %v): %v\nstdout:\n%s\nstderr:\n%s", runErr, err, stdout.String(), stderr.String())
	}
	if rep.Fatal != "" {
		t.Errorf("dev.mjs failed: %s\nstderr:\n%s", rep.Fatal, stderr.String())
	}
	if runErr != nil {
		t.Errorf("dev.mjs exited with %v\nstderr:\n%s", runErr, stderr.String())
	}
	if len(rep.Checks) != 6 {
		t.Errorf("dev.mjs reported %d checks, want 6", len(rep.Checks))
	}
	for _, c := range rep.Checks {
		t.Run(c.Name, func(t *testing.T) {
			if !c.OK {
				t.Error(c.Detail)
				return
			}
			t.Log(c.Detail)
		})
	}
	for _, m := range rep.Console {
		t.Logf("console [%s] %s: %s", m.Page, m.Type, m.Text)
	}
	t.Logf("overlay screenshot: %s", rep.Screenshot)
}

// copyTree copies the regular files below src to dst.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}
