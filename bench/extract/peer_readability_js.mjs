// Mozilla Readability (npm @mozilla/readability on jsdom) over the
// benchmark pages.
//
//     node peer_readability_js.mjs HTML_DIR GROUND_TRUTH OUT.json TIME_FILE
//
// Decompression is not timed; the timed part is decoding (UTF-8), parsing
// with jsdom, Readability.parse() and turning the
// article HTML into text with one line per block element. Writes the
// scorer's format to OUT.json and "pages bytes seconds" to TIME_FILE.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { JSDOM } from "jsdom";
import { Readability } from "@mozilla/readability";

const [dir, gtPath, outPath, timePath] = process.argv.slice(2);
const gt = JSON.parse(readFileSync(gtPath, "utf8"));
const BLOCKS = new Set(["P", "DIV", "LI", "H1", "H2", "H3", "H4", "H5", "H6", "TR", "BR",
  "BLOCKQUOTE", "PRE", "SECTION", "ARTICLE", "UL", "OL", "TABLE", "DD", "DT", "FIGCAPTION"]);

function toText(node, parts) {
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 3) parts.push(c.nodeValue);
    else if (c.nodeType === 1) {
      const block = BLOCKS.has(c.tagName);
      if (block) parts.push("\n");
      toText(c, parts);
      if (block) parts.push("\n");
    }
  }
  return parts;
}

const pages = readdirSync(dir).filter((n) => n.endsWith(".html.gz")).sort()
  .map((n) => [n.slice(0, -8), gunzipSync(readFileSync(join(dir, n)))]);
let total = 0;
for (const [, b] of pages) total += b.length;
const out = {};
const t0 = performance.now();
for (const [id, raw] of pages) {
  let text = "";
  try {
    const url = (gt[id] && gt[id].url) || "https://example.com/";
    // Decoded as UTF-8 (as the pages are): given raw bytes, jsdom falls
    // back to windows-1252 for pages without a <meta charset> and scores
    // 0.90 instead of 0.946.
    const dom = new JSDOM(raw.toString("utf8"), { url, contentType: "text/html" });
    const art = new Readability(dom.window.document).parse();
    if (art && art.content) {
      const frag = JSDOM.fragment(art.content);
      text = toText(frag, []).join("").split("\n").map((l) => l.replace(/\s+/g, " ").trim())
        .filter((l) => l).join("\n");
    }
    dom.window.close();
  } catch (e) {
    process.stderr.write(`readability.js: ${id}: ${e}\n`);
  }
  out[id] = { articleBody: text };
}
const spent = (performance.now() - t0) / 1000;
writeFileSync(outPath, JSON.stringify(out));
writeFileSync(timePath, `${pages.length} ${total} ${spent.toFixed(6)}\n`);
