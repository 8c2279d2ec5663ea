package intl

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strings"
	"testing"

	"github.com/dop251/goja"
)

// matrixLocales get the whole matrix: the locales most sites use (the set generated before every locale
// was), every twentieth of the others, and requests that resolve to a prefix (de-US is de, en-GB-oxendict
// is en-GB) or to nothing ICU knows (xx). INTL_MATRIX_LOCALES=all runs every generated locale (about ten
// minutes), or a comma-separated list those. Under -race the sample is a few locales (race_test.go).
func matrixLocales() []string {
	switch v := os.Getenv("INTL_MATRIX_LOCALES"); v {
	case "all":
		return loadIndex().Locales
	case "":
	default:
		return strings.Split(v, ",")
	}
	if raceEnabled {
		return []string{"en-US", "de-DE", "ar-EG", "ja-JP", "hi-IN", "ru-RU", "fr-CA", "zh-Hant", "my", "de-US", "xx"}
	}
	common := map[string]bool{}
	for _, l := range commonLocales {
		common[l] = true
	}
	out := append([]string(nil), commonLocales...)
	for i, n := range loadIndex().Locales {
		if !common[n] && i%20 == 0 {
			out = append(out, n)
		}
	}
	return append(out, "de-US", "en-GB-oxendict", "zh-Hant-MO", "xx")
}

var commonLocales = []string{
	"en-US", "en-GB", "de-DE", "fr-FR", "ja-JP", "es-ES", "it-IT", "nl-NL", "pt-BR", "zh-CN", "ko-KR",
	"hi-IN", "ar-EG", "ru-RU", "pl-PL", "tr-TR", "sv-SE",
	"en-AU", "en-CA", "en-IN", "en-IE", "en-NZ", "en-ZA", "en-SG", "en-PH", "en-NG", "en-001",
	"de-AT", "de-CH", "fr-CA", "fr-BE", "fr-CH", "it-CH", "nl-BE", "pt-PT",
	"es-MX", "es-AR", "es-CO", "es-CL", "es-PE", "es-US", "es-419",
	"zh-TW", "zh-HK", "zh-Hant", "zh-SG",
	"ar-SA", "ar-AE", "ar-MA", "ar-DZ", "ar", "he-IL", "fa-IR", "ur-PK", "ur-IN",
	"bn-BD", "bn-IN", "ta-IN", "te-IN", "mr-IN", "gu-IN", "kn-IN", "ml-IN", "pa-IN",
	"uk-UA", "cs-CZ", "sk-SK", "hu-HU", "ro-RO", "bg-BG", "hr-HR", "sr-RS", "sr-Latn", "sl-SI", "el-GR",
	"lt-LT", "lv-LV", "et-EE", "da-DK", "nb", "nn-NO", "fi-FI", "is-IS",
	"id-ID", "ms-MY", "th-TH", "vi-VN", "fil-PH", "km-KH", "lo-LA", "my-MM", "ne-NP", "si-LK", "mn-MN",
	"sw-KE", "sw-TZ", "am-ET", "zu-ZA", "af-ZA", "yo-NG", "ha-NG",
	"ca-ES", "eu-ES", "gl-ES", "ka-GE", "hy-AM", "az-AZ", "kk-KZ", "uz-UZ", "sq-AL", "mk-MK", "bs-BA", "be-BY", "ga-IE", "cy-GB",
}

// TestMatrixAgainstNode formats every locale × options × value in goja and in Node. Each case must give
// Node's exact text, or throw a RangeError naming what is not supported ("jsvm Intl: …"); any other
// difference fails. The number of exact matches is logged, and must not fall below a floor.
func TestMatrixAgainstNode(t *testing.T) {
	same, all := compareWithNode(t, matrixLocales(), false)
	if same < all/2 {
		t.Errorf("only %d of %d cases match Node", same, all)
	}
}

// TestEveryLocaleAgainstNode runs a few cases of every constructor (matrix.js light) in every locale Node's
// ICU has (data/index.json, from gen/available.js). No case may differ; the few that throw are date-time
// combinations some locales' patterns could not be read for (logged by reason).
func TestEveryLocaleAgainstNode(t *testing.T) {
	locs := loadIndex().Locales
	if len(locs) < 900 {
		t.Fatalf("data/ has %d locales; Node 20's ICU has 941 (gen/available.js)", len(locs))
	}
	if raceEnabled {
		var some []string
		for i := 0; i < len(locs); i += 10 {
			some = append(some, locs[i])
		}
		locs = some
	}
	same, all := compareWithNode(t, locs, true)
	if same < all*95/100 {
		t.Errorf("only %d of %d cases match Node (want 95%%)", same, all)
	}
}

// compareWithNode runs testdata/matrix.js over locales in Node and in goja and compares every line; it
// returns how many cases gave Node's text, and how many ran.
func compareWithNode(t *testing.T, locales []string, light bool) (same, all int) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("SSRGATE_REQUIRE_NODE") == "1" {
			t.Fatal("node not found and SSRGATE_REQUIRE_NODE=1")
		}
		t.Skip("node not found")
	}
	src, err := os.ReadFile("testdata/matrix.js")
	if err != nil {
		t.Fatal(err)
	}
	locs, _ := json.Marshal(locales)
	call := fmt.Sprintf("(%s)(%s, %v)", src, locs, light)

	cmd := exec.Command(node, "-")
	cmd.Stdin = strings.NewReader("process.stdout.write(" + call + ")")
	cmd.Env = append(os.Environ(), "TZ=UTC", "LANG=en_US.UTF-8", "LC_ALL=en_US.UTF-8")
	want, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	rt := goja.New()
	if err := Install(rt); err != nil {
		t.Fatal(err)
	}
	got, err := rt.RunString(call)
	if err != nil {
		t.Fatal(err)
	}
	g, w := strings.Split(got.String(), "\n"), strings.Split(string(want), "\n")
	if len(g) != len(w) {
		t.Fatalf("goja gave %d cases, node %d", len(g), len(w))
	}
	unsupported, bad := 0, 0
	reasons := map[string]int{}
	for i := range g {
		switch {
		case g[i] == w[i]:
			same++
		case strings.Contains(g[i], "=> THROW RangeError: jsvm Intl: "):
			unsupported++
			_, why, _ := strings.Cut(g[i], "jsvm Intl: ")
			if j := strings.IndexAny(why, ":("); j > 0 {
				why = why[:j]
			}
			reasons[why]++
			if f := os.Getenv("INTL_MATRIX_THROWS"); f != "" && strings.Contains(g[i], f) {
				t.Logf("throws: %s", g[i])
			}
		default:
			if bad++; bad <= 25 || os.Getenv("INTL_MATRIX_ALL") != "" {
				t.Errorf("differs from Node:\n goja: %s\n node: %s", g[i], w[i])
			}
		}
	}
	if bad > 25 {
		t.Errorf("… %d differences in all", bad)
	}
	t.Logf("%d locales, %d cases: %d identical to Node, %d throw a RangeError naming the unsupported option", len(locales), len(g), same, unsupported)
	var why []string
	for r, n := range reasons {
		why = append(why, fmt.Sprintf("%6d %s", n, r))
	}
	sort.Sort(sort.Reverse(sort.StringSlice(why)))
	if len(why) > 40 {
		why = append(why[:40], "…")
	}
	t.Logf("unsupported, by reason:\n%s", strings.Join(why, "\n"))
	return same, len(g)
}

// BenchmarkLoadLocale measures the first use of a locale in a process: decompressing and parsing its
// data (data/LOCALE.json.gz). Run: go test ./internal/jsvm/intl -run '^$' -bench LoadLocale
func BenchmarkLoadLocale(b *testing.B) {
	for _, name := range []string{"en-US", "de-DE", "ja-JP", "ar-EG", "fr-LU", "en-AU"} { // fr-LU and en-AU are patches
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if readBundle(name).CLDR == nil {
					b.Fatal("no data")
				}
			}
		})
	}
}

// BenchmarkInstall measures Install on a new runtime once the process has loaded its data.
func BenchmarkInstall(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if err := Install(goja.New()); err != nil {
			b.Fatal(err)
		}
	}
}

// TestNewFeaturesGiveNodesText holds cases the matrices would accept as a RangeError: each must print
// Node's exact text, so a feature that regressed to "not supported" fails here.
func TestNewFeaturesGiveNodesText(t *testing.T) {
	cases := []string{
		`new Intl.NumberFormat("en-US", { roundingMode: "halfEven", maximumFractionDigits: 1 }).format(0.25)`,
		`new Intl.NumberFormat("de-DE", { roundingMode: "ceil", maximumFractionDigits: 0 }).format(-1.5)`,
		`new Intl.NumberFormat("en-US", { trailingZeroDisplay: "stripIfInteger", minimumFractionDigits: 2 }).format(3)`,
		`new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Berlin", hour: "numeric", timeZoneName: "longGeneric" }).format(0)`,
		`new Intl.DateTimeFormat("en-US", { timeZone: "America/Los_Angeles", hour: "numeric", timeZoneName: "shortGeneric" }).format(Date.UTC(2024, 6, 1))`,
		`new Intl.DateTimeFormat("ar-EG", { timeZone: "UTC", dateStyle: "medium" }).format(Date.UTC(2024, 1, 29))`,
		`new Intl.NumberFormat("en-150", { style: "currency", currency: "EUR" }).format(-1234.5)`,
		`new Intl.NumberFormat("de-US").resolvedOptions().locale`,
		`new Intl.NumberFormat("fr-LU", { style: "currency", currency: "EUR" }).format(1234.5)`,
		`new Intl.Locale("sat").maximize().toString()`,
		`new Intl.NumberFormat("ccp").format(1000)`,
		`new Intl.NumberFormat("dz-BT").format(Infinity)`,
		`new Intl.DisplayNames("lij-IT", { type: "calendar" }).of("gregory")`,
		`new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", currencySign: "accounting" }).format(-1234.5)`,
		`new Intl.NumberFormat("en-IN", { style: "currency", currency: "INR", currencySign: "accounting" }).format(-1234567)`,
		`new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", currencySign: "accounting" }).formatRange(-3, 5)`,
		`new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", currencySign: "accounting" }).resolvedOptions().currencySign`,
		`new Intl.NumberFormat("en-CH", { style: "currency", currency: "USD" }).format(-1234567.5)`,
		`new Intl.Locale("kk-IR").textInfo.direction`,
		`JSON.stringify(new Intl.Locale("en-US").weekInfo)`,
		`new Intl.Locale("ar-SA").calendars.join()`,
		`new Intl.Locale("de").collations.join()`,
		`new Intl.Locale("fr-CA").hourCycles.join()`,
		`new Intl.Locale("ar-EG").numberingSystems.join()`,
		`new Intl.Locale("en-CA").timeZones.join()`,
		`new Intl.Locale("ku-Cyrl").maximize().toString()`,
		`Intl.supportedValuesOf("calendar").join()`,
		`new Intl.DateTimeFormat("fi", { timeZone: "UTC", hour: "numeric", minute: "2-digit", second: "2-digit", fractionalSecondDigits: 2 }).format(Date.UTC(2024, 0, 5, 13, 4, 5, 678))`,
		`new Intl.DateTimeFormat("ja", { timeZone: "UTC", hour: "numeric", minute: "2-digit", hourCycle: "h12" }).format(Date.UTC(2024, 0, 5, 0, 4))`,
		`Object.keys(Intl).length + " " + Object.getOwnPropertyNames(Intl).join()`,
		`new Date(Date.UTC(2001, 1, 3, 16, 5)).toLocaleDateString("th", { timeZone: "UTC" })`,
		`new Intl.DateTimeFormat("th", { dateStyle: "full", timeStyle: "short", timeZone: "UTC" }).format(Date.UTC(2001, 1, 3, 16, 5))`,
		`new Intl.DateTimeFormat("th").resolvedOptions().calendar`,
		`new Intl.DateTimeFormat("en", { era: "short", year: "numeric", timeZone: "UTC" }).format(Date.UTC(2001, 1, 3))`,
		`new Intl.DateTimeFormat("ja", { era: "long", year: "numeric", month: "long", day: "numeric", timeZone: "UTC" }).format(Date.UTC(2001, 1, 3))`,
		`new Intl.DateTimeFormat("en", { dayPeriod: "short", hour: "numeric", timeZone: "UTC" }).format(Date.UTC(2001, 1, 3, 12))`,
		`new Intl.DateTimeFormat("en", { dayPeriod: "long", hour: "numeric", minute: "2-digit", timeZone: "UTC" }).format(Date.UTC(2001, 1, 3, 12, 30))`,
		`new Intl.DateTimeFormat("zh-Hant", { dayPeriod: "narrow", hour: "numeric", timeZone: "UTC" }).format(Date.UTC(2001, 1, 3, 4))`,
		`JSON.stringify(Object.getOwnPropertyDescriptor(Intl, "NumberFormat")) + " " + Object.prototype.toString.call(Intl)`,
	}
	// Errors name the constructor or method that read the option, as V8's do.
	for _, expr := range []string{
		`new Intl.NumberFormat("en", { style: "x" })`, `new Intl.DateTimeFormat("en", { weekday: "x" })`,
		`new Intl.Collator("en", { usage: "x" })`, `new Intl.PluralRules("en", { type: "x" })`,
		`new Intl.ListFormat("en", { type: "x" })`, `new Intl.RelativeTimeFormat("en", { style: "x" })`,
		`new Intl.DisplayNames("en", { type: "x" })`, `new Intl.Segmenter("en", { granularity: "x" })`,
		`new Intl.Locale("en", { hourCycle: "x" })`, `(1).toLocaleString("en", { style: "x" })`,
		`new Date(0).toLocaleString("en", { weekday: "x" })`, `new Date(0).toLocaleTimeString("en", { hour: "x" })`,
		`"a".localeCompare("b", "en", { usage: "x" })`, `new Intl.RelativeTimeFormat("en", { numeric: "x" })`,
		`new Intl.DateTimeFormat("en", { second: "numeric", fractionalSecondDigits: 4 })`,
		`new Intl.DateTimeFormat("en", { timeStyle: "short", fractionalSecondDigits: 1 })`,
	} {
		cases = append(cases, "(() => { try { "+expr+`; return "no error" } catch (e) { return e.name + ": " + e.message } })()`)
	}
	src := "[" + strings.Join(cases, ",\n") + "].map(String).join('\\n')"
	cmd := exec.Command("node", "-e", "process.stdout.write("+src+")")
	cmd.Env = append(os.Environ(), "TZ=UTC")
	want, err := cmd.Output()
	if err != nil {
		if os.Getenv("SSRGATE_REQUIRE_NODE") != "1" {
			t.Skipf("node: %v", err)
		}
		t.Fatalf("node: %v", err)
	}
	rt := goja.New()
	if err := Install(rt); err != nil {
		t.Fatal(err)
	}
	got, err := rt.RunString(src)
	if err != nil {
		t.Fatal(err)
	}
	g, w := strings.Split(got.String(), "\n"), strings.Split(string(want), "\n")
	for i := range cases {
		if g[i] != w[i] {
			t.Errorf("%s\n goja: %s\n node: %s", cases[i], g[i], w[i])
		}
	}
}
