// segmenter.js runs in goja (after intl.Install) and in Node: Intl.Segmenter over a corpus of text
// (sentences with punctuation and abbreviations, emoji sequences, flags, combining marks, Hangul, Arabic,
// Hebrew, Devanagari and other Indic conjuncts, numbers, mixed scripts) and over every string of up to
// three characters from a set chosen for the break rules, in each granularity; containing(), the
// iterator protocol, resolvedOptions and errors. One line per case: the output, or "THROW " with the
// error's name and message.
(function segmenter(locales) {
  const out = [];
  const run = (label, f) => {
    let r;
    try {
      r = f();
    } catch (e) {
      r = "THROW " + e.name + ": " + e.message;
    }
    out.push(label + " => " + r);
  };
  const esc = (s) => JSON.stringify(s).replace(/[\u0080-\uffff]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
  const corpus = [
    "", "a", "Hello, world! How are you?", "Mr. Smith went to Washington. He arrived at 3 p.m. on Jan. 5th.",
    "The U.S.A. is large. e.g. this one... Really?! Yes.", "\"Quoted.\" Next sentence. (Parenthetical.) After.",
    "It's 3.5 km, or 1,234.56 m; costs $4.99 (approx.) — isn't it? foo@example.com http://a.b/c?d=e#f",
    "can't won't l'homme aujourd'hui 2024-01-05 10:07:08 +1-555-0100 v1.2.3 a_b __init__ x86_64",
    "Ünïcödé naïve café résumé Straße ÆØÅ Ωμέγα Привет, мир! Добрый день.",
    "e\u0301 a\u0308\u0304 n\u0303 \u0915\u093f \u0937\u094d\u0930 \u0915\u094d\u0937 \u0928\u092e\u0938\u094d\u0924\u0947 \u0939\u093f\u0928\u094d\u0926\u0940",
    "\u0915\u094d\u200d\u0937 \u0915\u093c\u094d\u0937 \u09b8\u09cd\u09a4 \u0a95\u0acd\u0ab7 \u0b15\u0b4d\u0b37 \u0c15\u0c4d\u0c37 \u0d15\u0d4d\u0d37 \u0b95\u0bcd\u0bb7",
    "\u0928\u092e\u0938\u094d\u0924\u0947 \u0926\u0941\u0928\u093f\u092f\u093e\u0964 \u092f\u0939 \u0939\u093f\u0902\u0926\u0940 \u0939\u0948\u0964",
    "👍🏽 👨‍👩‍👧‍👦 🏳️‍🌈 🇺🇸🇩🇪🇯🇵 🇺 ❤️ ☺︎ 1️⃣ #️⃣ 👁‍🗨 🧑🏿‍🤝‍🧑🏻 🫠 🏴󠁧󠁢󠁳󠁣󠁴󠁿",
    "한국어 텍스트입니다. 안녕하세요! \u1100\u1161\u11a8 \u1100\u1161 \uac00\u11a8",
    "مرحبا بالعالم. كيف حالك؟ ٣٫٥ كم، العربية\u064e\u0651 \u0600\u0661\u0662",
    "שלום עולם! זה \"טקסט\" בעברית. ה׳ ג״ד",
    "Mixed: English, Русский, Ελληνικά, עברית, العربية, हिन्दी, 한국어. End.",
    "line one\nline two\r\nline three\u2029para\u2028ls\tTab  double  space",
    "A.B. C.D. a.b. 1. 2. 3.14 .5 5. $5. x?y!z", "Ends without punctuation", "...", "?!", "   ", "\u00a0\u2009\u202f",
    "soft\u00adhyphen zero\u200bwidth join\u200dhere non\u200cjoin wj\u2060x", "ＡＢＣ１２３", "Dr. No. 7 vs. St. Louis; Inc. Ltd. Co.",
    "আমি বাংলায় গান গাই। স্বাধীনতা ক্ষমা", "தமிழ் மொழி க்ஷ ஸ்ரீ", "తెలుగు భాష క్ష్మ", "ગુજરાતી ભાષા ક્ષ", "മലയാളം ഭാഷ ക്ഷ ന്റെ",
    "ಕನ್ನಡ ಭಾಷೆ ಕ್ಷ", "ਪੰਜਾਬੀ ਭਾਸ਼ਾ", "ଓଡ଼ିଆ ଭାଷା କ୍ଷ", "සිංහල භාෂාව ක්‍ෂ", "བོད་ཡིག་", "ქართული ენა. მეორე წინადადება.",
    "Հայերեն լեզու։ Երկրորդ նախադասություն։", "አማርኛ ቋንቋ። ሁለተኛ ዓረፍተ ነገር።", "Ελληνικά; Ερώτηση; Τέλος.", "Türkçe İstanbul ıi. Ünlü.",
    "Tiếng Việt có dấu: Hà Nội, Thành phố Hồ Chí Minh.", "Wait... what?! \"Yes,\" she said. 'No.' Fine.", "1.2.3. 4) a) i. ii. 10:30 a.m. 5 p.m.",
    "👩🏽‍💻👨‍❤️‍💋‍👨🫱🏼‍🫲🏿 🧔🏻‍♂️ 🏊‍♀️ ⛹️‍♂️ 🇪🇺🇺🇳 🏴‍☠️ 🐻‍❄️ 👁️‍🗨️ ✌🏾 ☝️ 🤌", "a\u0301\u0302\u0303\u0304b\u20dd c\u20e3 \u1f00\u0345",
    "x\r\ny\r\r\n\n\u0085z", "$100 €5,50 ¥300 50% 3×4=12 π≈3.14 ½ ¼ ① ⅷ 2²", "#hashtag @mention email.me@x.io C++ C# .NET Node.js",
    "「日本語」", "한국어 문장입니다. 두 번째 문장! 세 번째?", "Ей-богу, что-то кое-где. Т.е. и т.д. и т.п. Конец.",
  ];
  const dictionary = ["日本語のテキスト", "中文文本。", "ภาษาไทย", "ພາສາລາວ", "ភាសាខ្មែរ", "မြန်မာ", "カタカナ", "hello 世界"];
  const chars = ["a", "Z", "1", " ", ".", ",", "'", "?", "\n", "\r", "\u0301", "\u200d", "\ufe0f", "👍", "🏽", "🇺", "🇸", "\u0915", "\u094d",
    "\u093f", "\u0903", "\u1100", "\u1161", "\u11a8", "\uac00", "\u0600", "\u05d0", "\"", "_", ":", "\u00ad", "-"];
  const small = [];
  for (const a of chars) for (const b of chars) small.push(a + b);
  const tri = ["a", "1", ".", "'", "\u0915", "\u094d", "\u0301", "\u200d", "👍", "🇺", " ", "\u1100", "\uac00", ":"];
  for (const a of tri) for (const b of tri) for (const c of tri) small.push(a + b + c);
  // A seeded fuzz: strings of one to eight characters from a pool chosen for the break rules.
  const pool = [...chars, "b", "Q", "9", "٣", "!", ";", "\t", "\u00a0", "\u3000", "\u2026", "\u201c", "\u201d", "(", ")", "\u0627", "\u064e",
    "\u05d1", "\u0928", "\u092e", "\u094d", "\u0937", "\u09cd", "\u0995", "\u0d4d", "\u0d15", "\u0bcd", "\u0b95", "\u1112", "\u1175", "\u11ab",
    "\ud55c", "\u20e3", "\ud83c\udff3", "\ud83c\udf08", "\u2764", "\ud83d\udc69", "\ud83d\udc68", "\ud83d\udc67", "\u0300", "\u0345", "\u00e9",
    "\u0130", "\u00df", "\u2060", "\u200b", "\u200c", "\u2028", "\u0001", "\u007f", "$", "%", "@", "/", "&"];
  let seed = 20240105;
  const rnd = (n) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
  for (let k = 0; k < 3000; k++) {
    let s = "";
    for (let n = 1 + rnd(8); n > 0; n--) s += pool[rnd(pool.length)];
    small.push(s);
  }
  const show = (seg, s) => [...seg.segment(s)].map((d) => esc(d.segment) + "@" + d.index + ("isWordLike" in d ? (d.isWordLike ? "w" : "-") : "")).join(" ");
  for (const granularity of ["grapheme", "word", "sentence"]) {
    const seg = new Intl.Segmenter("en-US", { granularity });
    for (const s of [...corpus, ...dictionary]) run(`${granularity} ${esc(s)}`, () => show(seg, s));
    for (const s of small) run(`${granularity} small ${esc(s)}`, () => show(seg, s));
    for (const s of corpus.slice(2, 6)) {
      const segs = seg.segment(s);
      for (const i of [-1, 0, 1, 5, 6.7, 20, s.length - 1, s.length, NaN, "3", Infinity]) {
        run(`${granularity} containing ${esc(s)} ${String(i)}`, () => JSON.stringify(segs.containing(i)));
      }
    }
  }
  for (const loc of locales) {
    for (const granularity of ["grapheme", "word", "sentence"]) {
      run(`${loc} ${granularity} resolvedOptions`, () => JSON.stringify(new Intl.Segmenter(loc, { granularity }).resolvedOptions()));
      run(`${loc} ${granularity}`, () => show(new Intl.Segmenter(loc, { granularity }), corpus[3] + " " + corpus[8] + " " + corpus[9]));
    }
  }
  run("default resolvedOptions", () => JSON.stringify(new Intl.Segmenter().resolvedOptions()));
  run("bad granularity", () => new Intl.Segmenter("en", { granularity: "line" }));
  run("no new", () => Intl.Segmenter("en"));
  run("supportedLocalesOf", () => JSON.stringify(Intl.Segmenter.supportedLocalesOf(["en-US", "de-DE", "xx"])));
  run("toStringTag", () => Object.prototype.toString.call(new Intl.Segmenter()));
  run("iterator tag", () => Object.prototype.toString.call(new Intl.Segmenter().segment("ab")[Symbol.iterator]()));
  run("segment non-string", () => show(new Intl.Segmenter(), 12345));
  run("segment undefined", () => show(new Intl.Segmenter("en", { granularity: "word" }), undefined));
  run("keys", () => Object.keys([...new Intl.Segmenter("en", { granularity: "word" }).segment("a b")][0]).join(","));
  run("keys grapheme", () => Object.keys([...new Intl.Segmenter().segment("ab")][0]).join(","));
  run("iterator done", () => {
    const it = new Intl.Segmenter().segment("a")[Symbol.iterator]();
    return JSON.stringify([it.next(), it.next(), it.next()]);
  });
  run("receiver", () => Intl.Segmenter.prototype.segment.call({}, "a"));
  return out.join("\n");
})
