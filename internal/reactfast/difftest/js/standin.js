// Stand-in for internal/reactfast/js/render.js while that file does not
// exist: React's own renderToString (the legacy browser build ssrgate
// bundles), with an Unsupported class it never throws.
export { renderToString } from "react-dom/server";
export class Unsupported extends Error {}
export const tpl = undefined;
export const tplDef = undefined;
