// Package libcorpus holds the real-library corpus: components built on popular npm packages (icon sets,
// markdown, syntax highlighting, date and i18n libraries, CSS-in-JS, headless UI, tables, routers, stores),
// each rendered by ssrgate and by Node and compared byte for byte. The packages are pinned in
// testdata/package-lock.json, apart from the demo's, and installed by make test (npm ci --prefix).
package libcorpus
