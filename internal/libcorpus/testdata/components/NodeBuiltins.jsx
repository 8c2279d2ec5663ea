import { EventEmitter } from "events";
import path from "node:path";
import { Buffer } from "buffer";
import { format, inspect } from "util";
import { Readable } from "stream";
import fs from "fs";
import { createHash } from "node:crypto";

// Node built-ins on the server: polyfilled ones work like Node's, stubbed ones can be imported and
// subclassed (only calling them throws).
class Lines extends Readable {}

export default function NodeBuiltins({ parts }) {
  const e = new EventEmitter();
  const seen = [];
  e.on("x", (v) => seen.push(v));
  e.emit("x", 1);
  e.emit("x", 2);
  return (
    <dl>
      <dt>path</dt><dd>{path.join(...parts)} {path.extname("a/b.tar.gz")} {path.relative("/a/b", "/a/c/d")}</dd>
      <dt>events</dt><dd>{seen.join(",")} {e.listenerCount("x")}</dd>
      <dt>buffer</dt><dd>{Buffer.from("héllo").toString("base64")} {Buffer.from("68c3a9", "hex").toString()}</dd>
      <dt>util</dt><dd>{format("%s=%d %j", "a", 42, { b: 1 })}</dd>
      <dt>stubs</dt><dd>{typeof Lines} {typeof fs.readFileSync} {typeof createHash}</dd>
    </dl>
  );
}
