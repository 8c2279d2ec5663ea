// keywords.js: Unicode extension keywords in locales (-u-ca-, -u-hc-, -u-nu-, -u-co-, -u-kf-, -u-kn-) and the
// options that override them, against Node, run by nodediff_test.go (TestKeywordsAgainstNode) in Node and in
// goja: what each constructor formats and the locale and options it resolves. Each line is
// "label => result", or "THROW " with the error's name and message.
(function keywords(locales) {
  const out = [];
  const run = (label, f) => {
    let r;
    try {
      r = String(f());
    } catch (e) {
      r = "THROW " + e.name + ": " + e.message;
    }
    out.push(label + " => " + r);
  };
  const t = Date.UTC(2001, 1, 3, 16, 5, 6), t0 = Date.UTC(2001, 1, 3, 0, 5, 6), t9 = Date.UTC(2001, 1, 3, 9, 5, 6);
  const v8PatternQuirks = new Set(["lt-LT", "is-IS", "ii-CN", "eu-ES", "rw", "prg"]);
  const date = ["-u-ca-gregory", "-u-ca-buddhist", "-u-ca-persian", "-u-ca-islamicc", "-u-ca-iso8601", "-u-ca-xyz",
    "-u-hc-h11", "-u-hc-h12", "-u-hc-h23", "-u-hc-h24", "-u-hc-h25", "-u-nu-latn", "-u-nu-arab", "-u-nu-xyz",
    "-u-ca-gregory-hc-h23-nu-latn", "-u-nu-latn-ca-gregory"];
  const dateOptions = [{}, { dateStyle: "medium", timeStyle: "short" }, { hour: "numeric", minute: "2-digit" }, { year: "numeric", month: "long", day: "numeric" },
    { hour: "numeric", hourCycle: "h12" }, { hour: "numeric", hour12: false }, { calendar: "gregory" }, { numberingSystem: "latn", hour: "numeric" }];
  const number = ["-u-nu-latn", "-u-nu-arab", "-u-nu-deva", "-u-nu-thai", "-u-nu-xyz", "-u-ca-buddhist"];
  const collation = ["-u-kn", "-u-kn-true", "-u-kn-false", "-u-kf-false", "-u-kf-upper", "-u-co-phonebk", "-u-co-emoji", "-u-co-standard", "-u-co-pinyin", "-u-kn-co-xyz"];
  for (const base of locales) {
    for (const k of date) {
      const loc = base + k;
      for (const o of dateOptions) {
        run(`${loc} DateTimeFormat ${JSON.stringify(o)} format`, () => [t, t0, t9].map((x) => new Intl.DateTimeFormat(loc, { timeZone: "UTC", ...o }).format(x)).join(" | "));
        // As in matrix.js: no resolvedOptions for the locales whose reported fields V8 takes from another
        // pattern than the one it formats with, and no hour width in the h11 and h24 cycles (V8 reports
        // "numeric" where its pattern writes two digits).
        if (!v8PatternQuirks.has(base)) {
          run(`${loc} DateTimeFormat ${JSON.stringify(o)} resolvedOptions`, () => {
            const r = new Intl.DateTimeFormat(loc, { timeZone: "UTC", ...o }).resolvedOptions();
            if (r.hourCycle === "h11" || r.hourCycle === "h24") delete r.hour;
            return JSON.stringify(r);
          });
        }
      }
      run(`${loc} toLocaleString`, () => new Date(t).toLocaleString(loc, { timeZone: "UTC" }));
    }
    for (const k of number) {
      const loc = base + k;
      for (const o of [{}, { numberingSystem: "latn" }, { style: "percent" }]) {
        run(`${loc} NumberFormat ${JSON.stringify(o)} format`, () => new Intl.NumberFormat(loc, o).format(1234.5));
        run(`${loc} NumberFormat ${JSON.stringify(o)} resolvedOptions`, () => JSON.stringify(new Intl.NumberFormat(loc, o).resolvedOptions()));
      }
      run(`${loc} toLocaleString`, () => (98765.25).toLocaleString(loc));
      run(`${loc} RelativeTimeFormat`, () => new Intl.RelativeTimeFormat(loc).format(-3, "day") + " " + new Intl.RelativeTimeFormat(loc).resolvedOptions().locale);
      // (PluralRules and ListFormat resolve a tag with keywords by their own lookup in V8, "de-DE-u-nu-latn" to
      // "de": their resolved locale is not compared here.)
      run(`${loc} PluralRules`, () => [0, 1, 2, 5, 1.5].map((n) => new Intl.PluralRules(loc).select(n)).join());
      run(`${loc} ListFormat`, () => new Intl.ListFormat(loc).format(["a", "b", "c"]));
    }
    for (const k of collation) {
      const loc = base + k;
      for (const o of [{}, { numeric: false }, { numeric: true }]) {
        run(`${loc} Collator ${JSON.stringify(o)} sort`, () => ["a10", "a2", "A", "a", "b", "ä"].sort(new Intl.Collator(loc, o).compare).join("|"));
        run(`${loc} Collator ${JSON.stringify(o)} resolvedOptions`, () => JSON.stringify(new Intl.Collator(loc, o).resolvedOptions()));
      }
      run(`${loc} localeCompare`, () => "a2".localeCompare("a10", loc));
    }
  }
  return out.join("\n");
})
