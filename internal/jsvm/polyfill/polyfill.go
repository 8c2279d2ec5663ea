package polyfill

import (
	"embed"
	"encoding/base64"
	"fmt"
	neturl "net/url"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/dop251/goja"
	"github.com/dop251/goja_nodejs/url"

	"github.com/ssrgate/ssrgate/internal/jsvm/intl"
)

// The host globals are JavaScript files, each a function expression taking the Go-backed `host` object.
// They run in this order: later files use earlier globals (MessageChannel uses structuredClone and
// DOMException).
//
//go:embed js/*.js
var jsFiles embed.FS

var hostScripts = []string{"process.js", "timers.js", "encoding.js", "structuredclone.js", "messagechannel.js", "console.js", "date.js", "url.js", "builtins.js"}

var compileHostScripts = sync.OnceValues(func() ([]*goja.Program, error) {
	var prgs []*goja.Program
	for _, name := range hostScripts {
		src, err := jsFiles.ReadFile("js/" + name)
		if err != nil {
			return nil, err
		}
		prg, err := goja.Compile("jsvm/"+name, string(src), true)
		if err != nil {
			return nil, fmt.Errorf("compile %s: %w", name, err)
		}
		prgs = append(prgs, prg)
	}
	return prgs, nil
})

// Host is what the polyfills need from the runtime's owner: a clock, an event loop for timers, a sink for
// exceptions nobody can catch, and a logger for console output. Its methods are called on the goroutine
// that is running the runtime.
type Host interface {
	// Now returns milliseconds since TimeOrigin, for performance.now().
	Now() float64
	// TimeOrigin returns the Unix time in milliseconds at which the runtime was created.
	TimeOrigin() float64
	// AddTimer schedules fn after delay (again every delay when repeat) and returns the timer's id.
	AddTimer(fn goja.Callable, delay time.Duration, repeat bool, args []goja.Value) int64
	// ClearTimer cancels a timer; unknown ids are ignored.
	ClearTimer(id int64)
	// ReportError receives an exception thrown where no caller can catch it (a timer or microtask callback).
	ReportError(v goja.Value)
	// Log receives console output; level is "debug", "info", "warn" or "error".
	Log(level, msg string)
}

// Install defines the host globals in rt: process, performance, timers, TextEncoder/TextDecoder, atob/btoa,
// structuredClone, MessageChannel, console, URL, V8-compatible Math functions and fixes to Date and typed
// arrays. It must run before any other program in rt.
func Install(rt *goja.Runtime, h Host) error {
	prgs, err := compileHostScripts()
	if err != nil {
		return err
	}
	host := rt.NewObject()
	set := func(name string, v any) {
		if err == nil {
			err = host.Set(name, v)
		}
	}
	set("now", h.Now)
	set("timeOrigin", h.TimeOrigin())
	set("addTimer", func(fn goja.Callable, ms float64, repeat bool, args []goja.Value) int64 {
		return h.AddTimer(fn, time.Duration(ms*float64(time.Millisecond)), repeat, args)
	})
	set("clearTimer", h.ClearTimer)
	set("reportError", h.ReportError)
	set("log", h.Log)
	set("utf8Encode", func(s string) goja.ArrayBuffer { return rt.NewArrayBuffer([]byte(s)) })
	set("utf8Decode", func(buf goja.ArrayBuffer, off, n int, fatal, ignoreBOM bool) string {
		b := buf.Bytes()[off : off+n]
		if !ignoreBOM {
			b = trimBOM(b)
		}
		if fatal && !utf8.Valid(b) {
			panic(rt.NewTypeError("The encoded data was not valid for encoding utf-8"))
		}
		return decodeUTF8(b)
	})
	set("btoa", func(s string) string {
		b := make([]byte, 0, len(s))
		for _, r := range s {
			if r > 0xff {
				panic(domException(rt, "Invalid character", "InvalidCharacterError"))
			}
			b = append(b, byte(r))
		}
		return base64.StdEncoding.EncodeToString(b)
	})
	set("atob", func(s string) string {
		b, ok := forgivingBase64(s)
		if !ok {
			panic(domException(rt, "The string to be decoded is not correctly encoded.", "InvalidCharacterError"))
		}
		r := make([]rune, len(b))
		for i, c := range b {
			r[i] = rune(c)
		}
		return string(r)
	})
	set("zoneName", zoneName)
	set("resolveURL", resolveURL)
	if err != nil {
		return err
	}
	if err := installMath(rt); err != nil {
		return err
	}
	urls := rt.NewObject()
	module := rt.NewObject()
	if err := module.Set("exports", urls); err != nil {
		return err
	}
	url.Require(rt, module)
	for _, name := range []string{"URL", "URLSearchParams"} {
		if err := rt.Set(name, urls.Get(name)); err != nil {
			return err
		}
	}
	for i, prg := range prgs {
		if err := RunHostScript(rt, prg, host); err != nil {
			return fmt.Errorf("%s: %w", hostScripts[i], err)
		}
	}
	return nil
}

// RunHostScript runs a compiled host script, a function expression, and calls it with host.
func RunHostScript(rt *goja.Runtime, prg *goja.Program, host *goja.Object) error {
	v, err := rt.RunProgram(prg)
	if err != nil {
		return err
	}
	f, ok := goja.AssertFunction(v)
	if !ok {
		return fmt.Errorf("host script is not a function expression")
	}
	_, err = f(goja.Undefined(), host)
	return err
}

func domException(rt *goja.Runtime, msg, name string) goja.Value {
	f, _ := goja.AssertFunction(rt.Get("DOMException"))
	if f == nil {
		return rt.NewTypeError(msg)
	}
	c, _ := goja.AssertConstructor(rt.Get("DOMException"))
	v, err := c(nil, rt.ToValue(msg), rt.ToValue(name))
	if err != nil {
		return rt.NewTypeError(msg)
	}
	return v
}

func trimBOM(b []byte) []byte {
	if len(b) >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf {
		return b[3:]
	}
	return b
}

// decodeUTF8 replaces each maximal invalid subsequence with U+FFFD, as the WHATWG decoder does.
func decodeUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var sb strings.Builder
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n <= 1 {
			n = max(1, invalidPrefix(b))
		}
		sb.WriteRune(r)
		b = b[n:]
	}
	return sb.String()
}

// invalidPrefix is the length of the maximal subpart of an ill-formed sequence starting at b[0].
func invalidPrefix(b []byte) int {
	c := b[0]
	var need int
	lo, hi := byte(0x80), byte(0xbf)
	switch {
	case c >= 0xc2 && c <= 0xdf:
		need = 1
	case c == 0xe0:
		need, lo = 2, 0xa0
	case c >= 0xe1 && c <= 0xef:
		need = 2
		if c == 0xed {
			hi = 0x9f
		}
	case c == 0xf0:
		need, lo = 3, 0x90
	case c >= 0xf1 && c <= 0xf3:
		need = 3
	case c == 0xf4:
		need, hi = 3, 0x8f
	default:
		return 1
	}
	i := 1
	for ; i <= need && i < len(b); i++ {
		if b[i] < lo || b[i] > hi {
			break
		}
		lo, hi = 0x80, 0xbf
	}
	return i
}

// forgivingBase64 implements the WHATWG forgiving-base64 decode used by atob.
func forgivingBase64(s string) ([]byte, bool) {
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\n', '\f', '\r':
			return -1
		}
		return r
	}, s)
	if len(s)%4 == 0 {
		s = strings.TrimSuffix(strings.TrimSuffix(s, "="), "=")
	}
	if len(s)%4 == 1 || strings.ContainsRune(s, '=') {
		return nil, false
	}
	b, err := base64.RawStdEncoding.DecodeString(s)
	if err != nil {
		// RawStdEncoding is strict about non-zero trailing bits; forgiving-base64 is not.
		b, err = base64.RawStdEncoding.WithPadding(base64.NoPadding).Strict().DecodeString(s)
		if err != nil {
			return lenientBase64(s)
		}
	}
	return b, true
}

func lenientBase64(s string) ([]byte, bool) {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	var out []byte
	var acc, bits uint
	for i := 0; i < len(s); i++ {
		v := strings.IndexByte(alphabet, s[i])
		if v < 0 {
			return nil, false
		}
		acc = acc<<6 | uint(v)
		bits += 6
		if bits >= 8 {
			bits -= 8
			out = append(out, byte(acc>>bits))
			acc &= 1<<bits - 1
		}
	}
	return out, true
}

// zoneLongNames maps tzdata abbreviations to ICU's English long names, which Node prints in Date#toString.
var zoneLongNames = map[string]string{
	"UTC": "Coordinated Universal Time", "GMT": "Greenwich Mean Time", "BST": "British Summer Time",
	"IST": "Irish Standard Time", "WET": "Western European Standard Time", "WEST": "Western European Summer Time",
	"CET": "Central European Standard Time", "CEST": "Central European Summer Time",
	"EET": "Eastern European Standard Time", "EEST": "Eastern European Summer Time",
	"EST": "Eastern Standard Time", "EDT": "Eastern Daylight Time", "CST": "Central Standard Time",
	"CDT": "Central Daylight Time", "MST": "Mountain Standard Time", "MDT": "Mountain Daylight Time",
	"PST": "Pacific Standard Time", "PDT": "Pacific Daylight Time", "AKST": "Alaska Standard Time",
	"AKDT": "Alaska Daylight Time", "HST": "Hawaii-Aleutian Standard Time", "JST": "Japan Standard Time",
	"KST": "Korean Standard Time", "AEST": "Australian Eastern Standard Time", "AEDT": "Australian Eastern Daylight Time",
	"MSK": "Moscow Standard Time",
}

// zoneName returns the long zone name for a goja zone abbreviation, or ICU's GMT±hh:mm fallback.
func zoneName(abbr string, offsetMinutes int) string {
	if n, ok := zoneLongNames[abbr]; ok {
		if abbr == "GMT" && intl.LocalTimeZone() == "UTC" {
			return zoneLongNames["UTC"]
		}
		return n
	}
	sign := '+'
	if offsetMinutes < 0 {
		sign, offsetMinutes = '-', -offsetMinutes
	}
	return fmt.Sprintf("GMT%c%02d:%02d", sign, offsetMinutes/60, offsetMinutes%60)
}

// resolveURL resolves input against base (RFC 3986, as WHATWG URL does for hierarchical URLs). Unparsable
// input is returned unchanged so the URL constructor reports it.
func resolveURL(input, base string) string {
	b, err := neturl.Parse(base)
	if err != nil || !b.IsAbs() {
		return input
	}
	ref, err := neturl.Parse(input)
	if err != nil {
		return input
	}
	return b.ResolveReference(ref).String()
}
