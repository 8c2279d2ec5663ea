import { lazy, Suspense } from "react";

// import() with a path esbuild can follow is bundled; one it cannot follow (react-router's
// `await import(route.module)`) stays in the code. goja cannot parse import() at all, so the server build
// lowers it; the render never takes that path, exactly as under Node.
const Lazy = lazy(() => import("./_lib/greet.js"));
const loadPlugin = (name) => import(name);

export default function DynamicImportReact({ label, plugin }) {
  if (plugin) loadPlugin(plugin);
  return (
    <section>
      <Suspense fallback={<em>loading {label}</em>}>
        <Lazy label={label} />
      </Suspense>
    </section>
  );
}
