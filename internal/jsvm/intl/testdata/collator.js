// collator.js: Intl.Collator and localeCompare against Node, run by nodediff_test.go (TestCollatorAgainstNode)
// in Node and in goja: for each locale, a word list sorted with each option set, and resolvedOptions. Each
// line is "label => result", or "THROW " with the error's name and message.
(function collator(locales) {
  const words = ["b", "a", "A", "ä", "Ä", "á", "z", "Z", "é", "e", "E", "ch", "cz", "h", "10", "9", "item10", "item9", "Item1",
    "ångström", "Äpfel", "apple", "o", "ö", "ø", "ß", "ss", "-dash", "dash", "co-op", "coop", "ñ", "n", "ł", "l", "ı", "i", "ç", "c", " space", "x y", "xy",
    "Résumé", "résumé", "RESUME", "resume", "Straße", "STRASSE", "strasse", "Co-op", "CO-OP", "iPhone", "IPHONE", "McDonald", "MCDONALD",
    "o'brien", "O'Brien", "e.g.", "eg", "ǅemal", "Džemal", "džemal", "a1", "A1", "a 1",
    // Other scripts, so that each locale's own letters and the scripts' relative order are compared too.
    "ёж", "еж", "Ёж", "жук", "яма", "щука", "ґанок", "гай", "α", "Ω", "ά", "β", "שלום", "אבא", "مرحبا", "أهلا", "ب",
    "中文", "汉字", "漢字", "日本", "あい", "アイ", "かな", "カナ", "가나", "하늘", "नमस्ते", "क", "ক", "ก", "ข", "ஆ", "ა", "Ա"];
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
  const optionSets = [{}, { sensitivity: "base" }, { sensitivity: "accent" }, { sensitivity: "case" }, { numeric: true }, { usage: "search" },
    { ignorePunctuation: true }, { ignorePunctuation: false }, { usage: "search", sensitivity: "base" }];
  for (const loc of locales) {
    for (const o of optionSets) {
      run(`${loc} Collator ${JSON.stringify(o)} sort`, () => [...words].sort(new Intl.Collator(loc, o).compare).join("|"));
      run(`${loc} Collator ${JSON.stringify(o)} resolvedOptions`, () => JSON.stringify(new Intl.Collator(loc, o).resolvedOptions()));
    }
    run(`${loc} localeCompare`, () => ["a", "ä", "z", "Z"].map((x) => ["A", "b", "z"].map((y) => x.localeCompare(y, loc)).join()).join(";"));
  }
  return out.join("\n");
})
