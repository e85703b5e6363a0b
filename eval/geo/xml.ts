import { SitrepError } from "../../src/core/index.js";

/**
 * A small XML parser for the geoparsing corpora (no XML package is installed). It handles what
 * those files use: the XML declaration, comments, CDATA sections, elements with attributes,
 * self-closing elements, the five predefined entities and numeric character references. Text is
 * returned exactly as an XML parser reports it (entities decoded, CDATA verbatim, line ends
 * normalised to LF), so character offsets computed on parsed text (as the corpora's are) hold.
 * Not supported (the corpora do not use them): DTDs with internal subsets, custom entities.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

const PREDEFINED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Decodes entity and character references in text or an attribute value. */
export function decodeEntities(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith("#x")) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith("#")) return String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
    const v = PREDEFINED[ref];
    if (v === undefined) throw new SitrepError("E_FORMAT", `unknown XML entity ${whole}`);
    return v;
  });
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const ATTR = /\s*([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*("([^"]*)"|'([^']*)')/y;

/** Parses a document and returns its root element. */
export function parseXml(input: string): XmlElement {
  // XML 1.0 §2.11: CRLF and lone CR become LF before parsing.
  const src = input.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const root: XmlElement = { name: "#document", attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  let i = 0;
  const fail = (msg: string): never => {
    const line = src.slice(0, i).split("\n").length;
    throw new SitrepError("E_FORMAT", `XML: ${msg} (line ${line})`, { line });
  };
  const pushText = (t: string) => {
    if (!t) return;
    const kids = stack[stack.length - 1].children;
    const last = kids.length - 1;
    if (last >= 0 && typeof kids[last] === "string") kids[last] = (kids[last] as string) + t;
    else kids.push(t);
  };
  while (i < src.length) {
    const lt = src.indexOf("<", i);
    if (lt < 0) {
      pushText(decodeEntities(src.slice(i)));
      break;
    }
    if (lt > i) pushText(decodeEntities(src.slice(i, lt)));
    i = lt;
    if (src.startsWith("<![CDATA[", i)) {
      const end = src.indexOf("]]>", i + 9);
      if (end < 0) fail("unterminated CDATA section");
      pushText(src.slice(i + 9, end));
      i = end + 3;
    } else if (src.startsWith("<!--", i)) {
      const end = src.indexOf("-->", i + 4);
      if (end < 0) fail("unterminated comment");
      i = end + 3;
    } else if (src.startsWith("<?", i)) {
      const end = src.indexOf("?>", i + 2);
      if (end < 0) fail("unterminated processing instruction");
      i = end + 2;
    } else if (src.startsWith("<!", i)) {
      const end = src.indexOf(">", i + 2);
      if (end < 0) fail("unterminated declaration");
      i = end + 1;
    } else if (src.startsWith("</", i)) {
      NAME.lastIndex = i + 2;
      const m = NAME.exec(src);
      if (!m) fail("bad closing tag");
      const name = m![0];
      const gt = src.indexOf(">", NAME.lastIndex);
      if (gt < 0 || src.slice(NAME.lastIndex, gt).trim()) fail(`bad closing tag </${name}`);
      const open = stack.pop();
      if (!open || open === root || open.name !== name)
        fail(`closing tag </${name}> does not match <${open?.name ?? "(none)"}>`);
      i = gt + 1;
    } else {
      NAME.lastIndex = i + 1;
      const m = NAME.exec(src);
      if (!m) fail("bad tag");
      const el: XmlElement = { name: m![0], attrs: {}, children: [] };
      let j = NAME.lastIndex;
      for (;;) {
        ATTR.lastIndex = j;
        const a = ATTR.exec(src);
        if (!a) break;
        el.attrs[a[1]] = decodeEntities(a[3] ?? a[4] ?? "");
        j = ATTR.lastIndex;
      }
      while (j < src.length && /\s/.test(src[j])) j++;
      stack[stack.length - 1].children.push(el);
      if (src.startsWith("/>", j)) i = j + 2;
      else if (src[j] === ">") {
        stack.push(el);
        i = j + 1;
      } else fail(`bad tag <${el.name}`);
    }
  }
  if (stack.length !== 1) fail(`unclosed element <${stack[stack.length - 1].name}>`);
  const top = root.children.filter((c): c is XmlElement => typeof c !== "string");
  if (top.length !== 1) fail("expected exactly one root element");
  return top[0];
}

/** Child elements with a given name. */
export function childElements(el: XmlElement, name?: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== "string" && (!name || c.name === name));
}

/** The first child element with a given name. */
export function child(el: XmlElement, name: string): XmlElement | undefined {
  for (const c of el.children) if (typeof c !== "string" && c.name === name) return c;
  return undefined;
}

/** All text inside an element (descendants included), as parsed. */
export function textOf(el: XmlElement | undefined): string {
  if (!el) return "";
  let out = "";
  for (const c of el.children) out += typeof c === "string" ? c : textOf(c);
  return out;
}
