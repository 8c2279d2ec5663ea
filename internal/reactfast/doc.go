// Package reactfast is a React server renderer tuned for goja whose output is
// byte-identical to react-dom/server's renderToString for the React version
// it was verified against (VerifiedVersion).
//
// It supports host elements with React's attribute, style and escaping
// rules and its "<!-- -->" text separators, <select>/<option>/<textarea>/
// <input> value handling, SVG and MathML, function components with a
// server hooks dispatcher (state, reducers, memo, refs, useId, context,
// use of resolved promises, external stores, actions, transitions, effects
// as no-ops), class components, context providers and consumers, memo,
// forwardRef, Fragment, StrictMode and Profiler, <Suspense> boundaries whose
// content renders synchronously, client functions as form actions (with
// React's replay script), and the <title>, <meta>, <link> and image
// preloads React hoists in front of the markup.
//
// Everything else (lazy components that have not loaded, stylesheets and scripts loaded as resources,
// server actions, <html>/<head>/<body>, portals, Activity, ReactDOM's
// preload/preinit calls, promises that have not resolved, errors inside
// <Suspense>, and every input React itself rejects) makes the renderer throw its
// Unsupported error before returning anything; the React adapter then
// renders the whole island with React's own renderToString, so output never
// differs. Errors thrown by components propagate unchanged.
//
// The JavaScript lives in js/render.js and reaches the server bundle as the
// virtual module "ssrgate:reactfast" (see Module). When the react-dom in
// node_modules is not VerifiedVersion, Module turns the fast path off for
// that build and says why.
package reactfast
