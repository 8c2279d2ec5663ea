import { createContext, useContext, type ReactNode } from "react";

// Context: the default value, nested providers (the React 19 <Ctx value>
// form and the classic .Provider), and a consumer render prop.
type Theme = { name: string; dark: boolean };

const ThemeContext = createContext<Theme>({ name: "default", dark: false });
const LocaleContext = createContext("en-US");

function Badge({ label }: { label: string }) {
  const theme = useContext(ThemeContext);
  const locale = useContext(LocaleContext);
  return (
    <span className={theme.dark ? "badge dark" : "badge"} lang={locale}>
      {label}: {theme.name}
    </span>
  );
}

function Section({ children }: { children: ReactNode }) {
  return <section>{children}</section>;
}

export default function Context({ theme, locale }: { theme: Theme; locale: string }) {
  return (
    <div>
      <Badge label="outside" />
      <ThemeContext value={theme}>
        <Section>
          <Badge label="inside" />
          <LocaleContext.Provider value={locale}>
            <Badge label="both" />
            <ThemeContext.Provider value={{ name: "nested", dark: !theme.dark }}>
              <Badge label="nested" />
            </ThemeContext.Provider>
          </LocaleContext.Provider>
          <ThemeContext.Consumer>{(t) => <i>{t.name}</i>}</ThemeContext.Consumer>
        </Section>
      </ThemeContext>
    </div>
  );
}
