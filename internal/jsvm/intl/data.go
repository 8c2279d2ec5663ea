package intl

import (
	"embed"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/ssrgate/ssrgate/internal/jsvm/intl/bundlefile"
)

// dataFS holds the locale data generated from Node's ICU (gen/generate.sh): data/index.json names the
// locales, and data/LOCALE.json.gz holds everything one locale needs (date patterns and names, time zone
// names, list and relative-time patterns, compact and unit patterns, display names), whole or as a patch
// against a base locale (package bundlefile). A locale is decompressed and parsed the first time a runtime
// of the process formats in it, and then shared.
//
//go:embed data
var dataFS embed.FS

type dataIndex struct {
	ICU     string   `json:"icu"`
	CLDR    string   `json:"cldr"`
	Locales []string `json:"locales"`
}

var loadIndex = sync.OnceValue(func() dataIndex {
	b, err := dataFS.ReadFile("data/index.json")
	if err != nil {
		panic(fmt.Sprintf("intl: embedded data/index.json: %v", err))
	}
	var idx dataIndex
	if err := json.Unmarshal(b, &idx); err != nil {
		panic(fmt.Sprintf("intl: embedded data/index.json: %v", err))
	}
	return idx
})

// localeBundle is the data of one locale.
type localeBundle struct {
	CLDR    *localeData           `json:"cldr"`
	Zones   map[string]*zoneNames `json:"zones"` // timeZoneName width -> names
	Formats *formatsData          `json:"formats"`
	Numbers *numberExtras         `json:"numbers"`
	Display *displayData          `json:"display"`
	Ranges  *rangesData           `json:"ranges"`
}

// bundleLoaders has one loader per generated locale, filled once from the index.
var bundleLoaders = sync.OnceValue(func() map[string]func() *localeBundle {
	m := map[string]func() *localeBundle{}
	for _, name := range loadIndex().Locales {
		name := name
		m[name] = sync.OnceValue(func() *localeBundle { return readBundle(name) })
	}
	return m
})

func readBundle(name string) *localeBundle {
	b, err := bundlefile.JSON(name, func(n string) ([]byte, error) { return dataFS.ReadFile("data/" + n + ".json.gz") })
	if err != nil {
		panic(fmt.Sprintf("intl: embedded data for %s: %v", name, err))
	}
	var lb localeBundle
	if err := json.Unmarshal(b, &lb); err != nil {
		panic(fmt.Sprintf("intl: embedded data for %s: %v", name, err))
	}
	if lb.Display != nil {
		lb.Display.parse()
	}
	return &lb
}

// bundleFor returns the data of a generated locale, or nil.
func bundleFor(name string) *localeBundle {
	if f := bundleLoaders()[name]; f != nil {
		return f()
	}
	return nil
}
