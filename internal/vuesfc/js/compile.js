// compile.js drives @vue/compiler-sfc for one .vue file. It runs inside goja
// (bundled by esbuild into an IIFE with the self-contained esm-browser build
// of the compiler) and, in the parity test, inside Node with the Node build.
// It follows what @vitejs/plugin-vue does in production mode so that
// components behave as they would in a Vite app.
import {
  compileScript,
  compileStyle,
  compileTemplate,
  parse,
} from '@vue/compiler-sfc';

// compile returns a JSON string:
// {js, map, lang, styles: [css...], errors: [{message, offset}]}
// where map is the script's source map as JSON text (or empty),
// where offset is a UTF-16 index into source (or -1 when unknown).
// id is the short scope id (hex) derived by the caller from a stable path.
export function compile(filename, source, id, ssr) {
  try {
    return JSON.stringify(doCompile(filename, source, id, ssr));
  } catch (e) {
    return JSON.stringify(failed([problem(e, -1)]));
  }
}

function failed(errors) {
  return { js: '', lang: 'js', styles: [], errors };
}

// problem turns an error thrown or reported by the compiler into
// {message, offset}. Code frames are cut off: esbuild draws its own.
function problem(e, offset) {
  let message = typeof e === 'string' ? e : String((e && (e.reason || e.message)) || e);
  const cut = message.indexOf('\n\n');
  if (cut >= 0) message = message.slice(0, cut);
  message = message.replace(/^\[@?vue\/compiler-sfc\] /, '').trim();
  // Babel appends a (line:column) relative to the script block; the
  // returned offset says where in the file instead.
  if (e && typeof e.pos === 'number') message = message.replace(/ \(\d+:\d+\)$/, '');
  if (offset < 0 && e && e.loc && e.loc.start && typeof e.loc.start.offset === 'number') {
    offset = e.loc.start.offset;
  }
  return { message, offset };
}

function blockLang(block) {
  return (block && block.lang) || 'js';
}

function doCompile(filename, source, id, ssr) {
  const scopeAttr = 'data-v-' + id;
  // comments: false is what a production build of the compiler does; the
  // browser build of compiler-sfc is a development build, so say it. It must
  // be given to parse, whose template AST the template compiler reuses.
  const { descriptor, errors } = parse(source, {
    filename,
    sourceMap: false,
    templateParseOptions: { comments: false },
  });
  if (errors.length) return failed(errors.map((e) => problem(e, -1)));

  const { script, scriptSetup, template, styles } = descriptor;
  const unsupported = [];
  for (const block of [script, scriptSetup, template, ...styles]) {
    if (block && block.src) {
      unsupported.push({ message: `<${block.type} src> is not supported`, offset: block.loc.start.offset });
    }
  }
  const langs = new Set([blockLang(script), blockLang(scriptSetup)]);
  langs.delete('js');
  if (langs.size > 1 || (langs.size === 1 && !langs.has('ts'))) {
    const block = scriptSetup || script;
    unsupported.push({ message: `<script lang="${[...langs].join('/')}"> is not supported (use js or ts)`, offset: block.loc.start.offset });
  }
  styles.forEach((s) => {
    if (s.lang && s.lang !== 'css') {
      unsupported.push({ message: `<style lang="${s.lang}"> is not supported (no preprocessors without Node); use plain CSS`, offset: s.loc.start.offset });
    }
    if (s.module) {
      unsupported.push({ message: '<style module> is not supported', offset: s.loc.start.offset });
    }
  });
  if (unsupported.length) return failed(unsupported);

  const lang = langs.has('ts') ? 'ts' : 'js';
  const scoped = styles.some((s) => s.scoped);
  const compilerOptions = { sourceMap: false, comments: false };
  const templateOptions = { ssr, ssrCssVars: descriptor.cssVars, compilerOptions };

  let code;
  let bindings;
  let map = '';
  const inline = !!scriptSetup;
  if (script || scriptSetup) {
    let compiled;
    try {
      compiled = compileScript(descriptor, {
        id,
        isProd: true,
        // The map points into the .vue file itself (compiler-sfc edits the
        // whole file with magic-string), so a stack names the SFC's lines.
        sourceMap: true,
        inlineTemplate: inline,
        genDefaultAs: '_sfc_main',
        templateOptions,
      });
    } catch (e) {
      const located = e && e.loc && e.loc.start && typeof e.loc.start.offset === 'number';
      return failed([problem(e, located ? -1 : scriptErrorOffset(e, descriptor, source))]);
    }
    code = compiled.content;
    bindings = compiled.bindings;
    if (compiled.map) {
      // The map travels inline on the module (esbuild chains inline maps of
      // loaded files into the bundle's); sources are relative to the file.
      map = JSON.stringify({ ...compiled.map, sources: [filename.split('/').pop()], sourcesContent: undefined, file: undefined });
    }
  } else {
    code = 'const _sfc_main = {};';
  }

  if (template && !inline) {
    const fn = ssr ? 'ssrRender' : 'render';
    const t = compileTemplate({
      filename,
      id,
      source: template.content,
      ast: template.ast,
      scoped,
      slotted: descriptor.slotted,
      ssr,
      ssrCssVars: descriptor.cssVars,
      isProd: true,
      compilerOptions: {
        ...compilerOptions,
        bindingMetadata: bindings,
        expressionPlugins: lang === 'ts' ? ['typescript'] : undefined,
      },
    });
    if (t.errors.length) return failed(t.errors.map((e) => problem(e, -1)));
    code += '\n' + t.code.replace(/(^|\n)export (function|const) (render|ssrRender)\b/, '$1$2 _sfc_$3');
    code += `\n_sfc_main.${fn} = _sfc_${fn};`;
  }
  if (scoped) code += `\n_sfc_main.__scopeId = ${JSON.stringify(scopeAttr)};`;

  const css = [];
  if (!ssr) {
    const base = filename.split('/').pop();
    for (let i = 0; i < styles.length; i++) {
      const s = styles[i];
      const out = compileStyle({ filename, id: scopeAttr, source: s.content, scoped: s.scoped, isProd: true });
      if (out.errors.length) return failed(out.errors.map((e) => problem(e, styleErrorOffset(e, s))));
      css.push(out.code);
      code += `\nimport ${JSON.stringify('./' + base + '?vue&type=style&index=' + i + '&lang.css')};`;
    }
  }
  code += '\nexport default _sfc_main;\n';
  return { js: code, map, lang, styles: css, errors: [] };
}

// scriptErrorOffset finds where a compileScript error points. Neither
// Babel's syntax errors (pos is relative to a block, but which block?) nor
// compiler-sfc's own errors carry a file position, but both messages end
// with a code frame of the whole file, drawn by generateCodeFrame: numbered
// lines "N   |  text" and, under the first line of the error, "   |  ^^^".
// Without a frame, the error points at the script block.
function scriptErrorOffset(e, descriptor, source) {
  const lines = String((e && e.message) || '').split('\n');
  for (let i = 1; i < lines.length; i++) {
    const caret = /^\s*\|\s*(\^+)\s*$/.exec(lines[i]);
    const numbered = /^\s*(\d+)\s*\|/.exec(lines[i - 1]);
    if (caret && numbered) {
      const column = lines[i].indexOf('^') - (lines[i].indexOf('|') + 3);
      return lineOffset(source, Number(numbered[1])) + Math.max(0, column);
    }
  }
  const block = descriptor.scriptSetup || descriptor.script;
  return block ? block.loc.start.offset : -1;
}

// lineOffset returns the offset of the start of a 1-based line.
function lineOffset(text, line) {
  let offset = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) break;
    offset = next + 1;
  }
  return offset;
}

// styleErrorOffset maps a PostCSS error (1-based line and column inside the
// style block) to an offset in the file.
function styleErrorOffset(e, block) {
  if (!e || typeof e.line !== 'number') return block.loc.start.offset;
  return block.loc.start.offset + lineOffset(block.content, e.line) + Math.max(0, (e.column || 1) - 1);
}
