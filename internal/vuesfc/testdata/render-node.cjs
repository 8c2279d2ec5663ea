// Usage: node render-node.cjs BUNDLE PROPS_JSON_FILE
// Renders the component in BUNDLE (built from entry.js for Node) and writes
// the HTML to stdout. Run with NODE_PATH pointing at node_modules.
const fs = require("fs");
const [bundle, propsFile] = process.argv.slice(2);
const { renderJSON } = require(bundle);
renderJSON(fs.readFileSync(propsFile, "utf8")).then(
  (html) => process.stdout.write(html),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
