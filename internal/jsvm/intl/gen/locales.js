// locales.js lists the locales jsvm's Intl has data for: every generator (cldr.js, zones.js, formats.js,
// numbers.js, displaynames.js) extracts these from Node's ICU. The first seventeen were the original set;
// the rest are the most-used locales on the web by language and region, about a hundred in all (Node's
// ICU ships more: a locale in a language ICU knows but not listed here throws a RangeError naming it).
// INTL_LOCALES (comma-separated) overrides the list, for timing or trying a locale.
"use strict";

const LOCALES = [
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
];

module.exports = { LOCALES: process.env.INTL_LOCALES ? process.env.INTL_LOCALES.split(",") : LOCALES };
