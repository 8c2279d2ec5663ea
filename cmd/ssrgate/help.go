package main

import (
	"flag"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
)

// version is the release, set at link time:
// go build -ldflags "-X main.version=v1.2.3" ./cmd/ssrgate. Without it,
// the module version that go install recorded is used.
var version = ""

// versionLine is what ssrgate --version prints: the version (or the VCS
// revision of a local build) and the Go release it was built with.
func versionLine() string {
	v := version
	info, ok := debug.ReadBuildInfo()
	if v == "" && ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		v = info.Main.Version
	}
	if v == "" {
		v = "devel"
		if ok {
			var rev, modified string
			for _, s := range info.Settings {
				switch s.Key {
				case "vcs.revision":
					rev = s.Value
				case "vcs.modified":
					modified = s.Value
				}
			}
			if rev != "" {
				v += " " + rev[:min(12, len(rev))]
				if modified == "true" {
					v += "+dirty"
				}
			}
		}
	}
	return fmt.Sprintf("ssrgate %s (%s %s/%s)", v, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

// registerOnly registers on fs just the named engine flags: a command
// lists only the flags it uses.
func (f *engineFlags) registerOnly(fs *flag.FlagSet, names ...string) {
	all := flag.NewFlagSet("", flag.ContinueOnError)
	f.register(all)
	for _, n := range names {
		fl := all.Lookup(n)
		if fl == nil {
			panic("no engine flag --" + n)
		}
		fs.Var(fl.Value, fl.Name, fl.Usage)
	}
}

// setUsage gives fs a help text: the synopsis, what the command does, and
// every flag with its argument, meaning, default and environment variable.
func setUsage(fs *flag.FlagSet, w io.Writer, synopsis, about string) {
	fs.Usage = func() {
		fmt.Fprintf(w, "usage: %s\n\n%s\n\nflags (each can also be set by its environment variable; flags win):\n", synopsis, about)
		fs.VisitAll(func(fl *flag.Flag) {
			arg, usage := flag.UnquoteUsage(fl)
			head := "  --" + fl.Name
			if arg != "" {
				head += " " + arg
			}
			fmt.Fprintf(w, "%-30s %s", head, usage)
			if !strings.Contains(usage, "(default") && fl.DefValue != "" && fl.DefValue != "false" && fl.DefValue != "0" {
				fmt.Fprintf(w, " (default %s)", fl.DefValue)
			}
			fmt.Fprintf(w, "\n%-30s $%s\n", "", envName(fl.Name))
		})
	}
}

// envName is the environment variable of a flag: --cache-ttl is
// SSRGATE_CACHE_TTL.
func envName(flagName string) string {
	return "SSRGATE_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}
