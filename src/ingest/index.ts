export { collectPaths } from "./collect-paths.js";
export { contentHash } from "./content-hash.js";
export { type HtmlExtract, htmlToText } from "./html-to-text.js";
export { type PdfExtract, pdfToText } from "./pdf-to-text.js";
export {
  DEFAULT_MAX_BYTES,
  type IngestedText,
  type IngestFormat,
  type ReadSourceOptions,
  readSource,
} from "./read-source.js";
export { readSidecar, SIDECAR_SUFFIX, sidecarPath } from "./sidecar.js";
