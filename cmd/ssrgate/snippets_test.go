package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// snippet is one fenced code block of the README.
type snippet struct {
	lang, code string
	line       int
}

// readmeSnippets returns the code blocks of the README section that
// starts with heading.
func readmeSnippets(t *testing.T, heading string) []snippet {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	var out []snippet
	in, inSection := false, false
	var cur snippet
	var body []string
	for i, l := range lines {
		if strings.HasPrefix(l, "## ") {
			inSection = l == heading
			continue
		}
		if !inSection {
			continue
		}
		switch {
		case !in && strings.HasPrefix(l, "```"):
			in, cur, body = true, snippet{lang: strings.TrimPrefix(l, "```"), line: i + 1}, nil
		case in && l == "```":
			in = false
			cur.code = strings.Join(body, "\n") + "\n"
			out = append(out, cur)
		case in:
			body = append(body, l)
		}
	}
	if len(out) == 0 {
		t.Fatalf("README.md has no code blocks under %q", heading)
	}
	return out
}

// TestREADMEClientSnippets runs the README's client snippets for other
// languages, as written, with Debian's interpreters, against a real
// ssrgate serving the demo site. The test changes only the port, and
// prints the variable a snippet leaves its result in.
//
// Break it: remove `require "net/http"` from the Ruby snippet, or the
// `<?php` line from the PHP one.
func TestREADMEClientSnippets(t *testing.T) {
	interp := map[string]string{"sh": "/bin/sh", "python": "/usr/bin/python3", "php": "/usr/bin/php", "ruby": "/usr/bin/ruby", "curl": "/usr/bin/curl"}
	var missing []string
	for _, p := range interp {
		if _, err := os.Stat(p); err != nil {
			missing = append(missing, p)
		}
	}
	for _, check := range [][]string{
		{"/usr/bin/python3", "-c", "import requests, django"},
		{"/usr/bin/php", "-r", "exit(function_exists('curl_init') ? 0 : 1);"},
	} {
		if err := exec.Command(check[0], check[1:]...).Run(); err != nil {
			missing = append(missing, strings.Join(check, " "))
		}
	}
	if len(missing) > 0 {
		msg := "README snippets need " + strings.Join(missing, ", ") + " (make clients installs them)"
		if os.Getenv("SSRGATE_REQUIRE_CLIENTS") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg + "; set SSRGATE_REQUIRE_CLIENTS=1 to make this a failure")
	}

	addr := startDemoServe(t)
	port := regexp.MustCompile(`(127\.0\.0\.1|localhost):8080`)
	snips := readmeSnippets(t, "## Use ssrgate from Django / Flask / Rails / PHP")
	var pythons []snippet
	ran := map[string]int{}
	for _, s := range snips {
		s.code = port.ReplaceAllString(s.code, addr)
		dir := t.TempDir()
		switch s.lang {
		case "html", "json": // markup and a sample response: nothing to run
			continue
		case "python":
			pythons = append(pythons, s)
			continue
		case "django": // runs with the template tag, below
			continue
		case "sh":
			out := runSnippet(t, s, dir, interp["sh"], "snippet.sh", s.code)
			mustContain(t, s, out, `{"html":"<div data-hypernova-key=\"Counter\"`, `Clicks<!-- -->: <!-- -->3`)
		case "php":
			out := runSnippet(t, s, dir, interp["php"], "snippet.php", s.code)
			mustContain(t, s, out, `<div data-hypernova-key="Counter"`, `<!-- -->3</button>`)
		case "ruby":
			out := runSnippet(t, s, dir, interp["ruby"], "snippet.rb", s.code+"puts cart_html\n")
			mustContain(t, s, out, `<div data-hypernova-key="shopCart`, "Walnut desk")
		default:
			t.Errorf("README.md:%d: a %q snippet this test does not know how to run", s.line, s.lang)
			continue
		}
		ran[s.lang]++
	}
	var django snippet
	for _, s := range snips {
		if s.lang == "django" {
			django = s
		}
	}
	for _, s := range pythons {
		dir := t.TempDir()
		if strings.Contains(s.code, "from django import template") {
			// The template tag, in an app of a Django project, used by the
			// django snippet.
			writeTree(t, dir, map[string]string{
				"myapp/__init__.py":              "",
				"myapp/templatetags/__init__.py": "",
				"myapp/templatetags/ssr.py":      s.code,
				"page.html":                      django.code,
				"driver.py": "import django, sys\nfrom django.conf import settings\n" +
					"settings.configure(INSTALLED_APPS=['myapp'], TEMPLATES=[{'BACKEND': 'django.template.backends.django.DjangoTemplates'}])\n" +
					"django.setup()\nfrom django.template import engines\n" +
					"page = engines['django'].from_string(open('page.html').read())\n" +
					"print(page.render({'cart_items': [{'id': 'a', 'name': 'Walnut desk', 'qty': 1}]}))\n",
			})
			out := runIn(t, s, dir, interp["python"], "driver.py")
			mustContain(t, s, out, `<div data-hypernova-key="shopCart`, "Walnut desk", `<script type="module" src="/hypernova/client.js"></script>`)
			ran["django"]++
		} else {
			out := runSnippet(t, s, dir, interp["python"], "snippet.py", s.code+"print(cart_html)\n")
			mustContain(t, s, out, `<div data-hypernova-key="shopCart`, "Walnut desk")
		}
		ran["python"]++
	}
	want := map[string]int{"sh": 1, "php": 1, "ruby": 1, "python": 2, "django": 1}
	for lang, n := range want {
		if ran[lang] != n {
			t.Errorf("ran %d %s snippets, want %d", ran[lang], lang, n)
		}
	}
}

func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func runSnippet(t *testing.T, s snippet, dir, interp, file, code string) string {
	t.Helper()
	writeTree(t, dir, map[string]string{file: code})
	return runIn(t, s, dir, interp, file)
}

func runIn(t *testing.T, s snippet, dir, interp string, args ...string) string {
	t.Helper()
	cmd := exec.Command(interp, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Errorf("README.md:%d (%s snippet): %s %s: %v\n%s", s.line, s.lang, interp, strings.Join(args, " "), err, out)
	}
	return string(out)
}

func mustContain(t *testing.T, s snippet, out string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("README.md:%d (%s snippet): output lacks %q:\n%s", s.line, s.lang, w, out)
		}
	}
}

// startDemoServe runs this test binary as "ssrgate serve" over the demo site on
// a free loopback port and returns its address.
func startDemoServe(t *testing.T) string {
	t.Helper()
	addr := freePort(t)
	cmd := exec.Command(os.Args[0], "serve", "--addr", addr, "--components", "../../components",
		"--templates", "../../templates", "--root", "../..", "--access-log=false")
	cmd.Env = append(os.Environ(), "SSRGATE_TEST_MAIN=1")
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	logs := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			select {
			case logs <- sc.Text():
			default:
			}
		}
		close(logs)
	}()
	// Bounded, not timed: bundling the demo under -race on a busy
	// machine can take a while.
	deadline := time.After(3 * time.Minute)
	for {
		select {
		case l, ok := <-logs:
			if !ok {
				t.Fatal("ssrgate serve ended before serving")
			}
			if strings.Contains(l, "msg=serving") {
				return addr
			}
		case <-deadline:
			t.Fatal("ssrgate serve did not start within 3 minutes")
		}
	}
}
