import i18next from "i18next";
import { initReactI18next, useTranslation } from "react-i18next";

const i18n = i18next.createInstance();
i18n.use(initReactI18next).init({
  lng: "en",
  initImmediate: false,
  resources: { en: { translation: { apples_one: "{{count}} apple", apples_other: "{{count}} apples", hi: "Hello <1>{{name}}</1>" } } },
  interpolation: { escapeValue: false },
});

export default function I18next({ count }) {
  const { t } = useTranslation(undefined, { i18n });
  return <p>{t("apples", { count })} · {t("hi", { name: "Ada" })}</p>;
}
