package main

import (
	"flag"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// TestHelp checks every command's -h: it exits 0, and lists exactly the
// flags the command uses, each with its environment variable.
//
// Break it: register every engine flag for render again (ef.register).
func TestHelp(t *testing.T) {
	want := map[string][]string{
		"render": {"components", "max-output", "react-renderer", "render-timeout", "root"},
		"build":  {"components", "dev", "out", "public-path", "react-renderer", "root"},
		"warm":   {"base", "concurrency", "max-failures", "progress", "sitemap", "timeout", "urls"},
		// serve uses every flag: all of serveFlagSet's, which is how serve registers them.
		"serve": nil,
	}
	flagLine := regexp.MustCompile(`(?m)^  --([a-z-]+)`)
	envLine := regexp.MustCompile(`(?m)^ +\$(SSRGATE_[A-Z_]+)$`)
	serveFlagSet().VisitAll(func(fl *flag.Flag) { want["serve"] = append(want["serve"], fl.Name) })
	for cmd, flags := range want {
		for _, args := range [][]string{{cmd, "-h"}, {cmd, "--help"}, {"help", cmd}} {
			out, errOut, code := runCmd(args...)
			help := out + errOut
			if code != 0 {
				t.Errorf("ssrgate %s: exit %d\n%s", strings.Join(args, " "), code, help)
				continue
			}
			if !strings.HasPrefix(help, "usage: ssrgate "+cmd) {
				t.Errorf("ssrgate %s: help does not start with the usage line:\n%s", strings.Join(args, " "), help)
			}
			var got, envs []string
			for _, m := range flagLine.FindAllStringSubmatch(help, -1) {
				got = append(got, m[1])
			}
			for _, m := range envLine.FindAllStringSubmatch(help, -1) {
				envs = append(envs, m[1])
			}
			if !slices.Equal(got, flags) {
				t.Errorf("ssrgate %s lists flags\n %v\nwant\n %v", strings.Join(args, " "), got, flags)
			}
			for i, f := range got {
				if i >= len(envs) || envs[i] != envName(f) {
					t.Errorf("ssrgate %s: --%s is not followed by $%s", strings.Join(args, " "), f, envName(f))
				}
			}
		}
	}
	// A flag render does not use is an error there.
	if _, errOut, code := runCmd("render", "--pool-size", "2", "Hello"); code != 2 && code != 1 || !strings.Contains(errOut, "flag provided but not defined: -pool-size") {
		t.Errorf("render --pool-size: exit %d, %q", code, errOut)
	}
}

// TestVersion: ssrgate --version names the version and the Go release.
func TestVersion(t *testing.T) {
	for _, arg := range []string{"--version", "-v", "version"} {
		out, _, code := runCmd(arg)
		if code != 0 || !strings.HasPrefix(out, "ssrgate ") || !strings.Contains(out, runtime.Version()) {
			t.Errorf("ssrgate %s: exit %d, %q", arg, code, out)
		}
	}
	version = "v9.8.7"
	defer func() { version = "" }()
	if out, _, _ := runCmd("--version"); !strings.HasPrefix(out, "ssrgate v9.8.7 (") {
		t.Errorf("with -ldflags -X main.version: %q", out)
	}
}
