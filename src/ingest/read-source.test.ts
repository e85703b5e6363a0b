import { chmodSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { makePdf } from "../../test/fixtures/ingest/make-pdf.js";
import { readSource } from "./read-source.js";

const fixtures = fileURLToPath(new URL("../../test/fixtures/ingest/", import.meta.url));
const fixture = (name: string) => join(fixtures, name);
const tmp = mkdtempSync(join(tmpdir(), "sitrep-ingest-"));
const isRoot = process.getuid?.() === 0;

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function tmpFile(name: string, content: string | Uint8Array): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

describe("readSource: formats", () => {
  it("reads a .txt file as is, with its sidecar metadata", async () => {
    const doc = await readSource(fixture("article.txt"));
    expect(doc.format).toBe("txt");
    expect(doc.text).toBe(
      "Gunmen attacked a police checkpoint in Peshawar on Tuesday, killing three officers.\n\n" +
        "Tehrik-i-Taliban Pakistan claimed responsibility in a statement.\n",
    );
    expect(doc).toMatchObject({
      path: fixture("article.txt"),
      title: "Checkpoint attack in Peshawar",
      published: "2024-05-07",
      source: "Example Wire",
      url: "https://example.org/peshawar",
      tlp: "GREEN",
      note: "fixture",
      warnings: [],
    });
  });

  it("keeps the raw text: no normalisation of line ends or spaces", async () => {
    const path = tmpFile("raw.txt", "Line one\r\nLine\u00a0two  \r\n");
    expect((await readSource(path)).text).toBe("Line one\r\nLine\u00a0two  \r\n");
  });

  it("reads a file without extension as text", async () => {
    const path = tmpFile("README", "Plain words.");
    expect(await readSource(path)).toMatchObject({ format: "txt", text: "Plain words." });
  });

  it("reads Markdown as text and takes the first heading as title", async () => {
    const doc = await readSource(fixture("notes.md"));
    expect(doc.format).toBe("md");
    expect(doc.title).toBe("ISKP strength estimates");
    expect(doc.text).toContain("Estimates of **ISKP** strength");
  });

  it("extracts article text and metadata from HTML", async () => {
    const doc = await readSource(fixture("page.html"));
    expect(doc.format).toBe("html");
    expect(doc).toMatchObject({
      title: "Raid near Mogadishu",
      published: "2023-06-20T08:30:00Z",
      source: "Horn Monitor",
      url: "https://horn.example/raid",
    });
    expect(doc.text).toBe(
      [
        "Raid near Mogadishu",
        "By A. Writer",
        "Al-Shabaab fighters attacked a military base near Mogadishu on Monday, killing five soldiers.",
        'The group said in a statement:\n"We will continue."',
        "Five soldiers killed",
        "Two vehicles destroyed",
        "Officials said the & attack lasted two hours.",
      ].join("\n\n"),
    );
    for (const junk of ["tracking", "Menu item", "Sidebar", "Read more", "Tags:", "©", "color: red"]) {
      expect(doc.text).not.toContain(junk);
    }
  });

  it("parses HTML saved as .txt as HTML, with a warning", async () => {
    const doc = await readSource(fixture("page-in-text.txt"));
    expect(doc.format).toBe("html");
    expect(doc.title).toBe("Saved page");
    expect(doc.text).toBe("Militants seized the town of Palma.\n\nResidents fled.");
    expect(doc.warnings).toEqual([expect.stringContaining("contains HTML; parsed as HTML")]);
  });

  it("reads HTML-looking text verbatim when asked to read as text", async () => {
    const doc = await readSource(fixture("page-in-text.txt"), { asText: true });
    expect(doc.format).toBe("txt");
    expect(doc.text.startsWith("<!doctype html>")).toBe(true);
  });

  it("extracts the text layer and title of a PDF", async () => {
    const path = tmpFile(
      "report.pdf",
      makePdf(["Militants attacked Palma.", "Residents fled (again)."], { title: "Palma" }),
    );
    const doc = await readSource(path);
    expect(doc.format).toBe("pdf");
    expect(doc.title).toBe("Palma");
    expect(doc.text).toBe("Militants attacked Palma.\nResidents fled (again).");
  });

  it("reads a PDF with the wrong extension as PDF, with a warning", async () => {
    const path = tmpFile("report-pdf.txt", makePdf(["Hidden PDF text."]));
    const doc = await readSource(path);
    expect(doc).toMatchObject({ format: "pdf", text: "Hidden PDF text." });
    expect(doc.warnings).toHaveLength(1);
  });

  it("lets sidecar metadata override what the HTML says", async () => {
    const html = "<html><head><title>Page title</title></head><body><p>Body text.</p></body></html>";
    const path = tmpFile("override.html", html);
    tmpFile("override.html.meta.json", JSON.stringify({ title: "Analyst title", published: "2020-01-02" }));
    expect(await readSource(path)).toMatchObject({
      title: "Analyst title",
      published: "2020-01-02",
      text: "Body text.",
    });
  });
});

describe("readSource: bad input", () => {
  it("E_NOT_FOUND for a missing path", async () => {
    const path = join(tmp, "nope.txt");
    await expect(readSource(path)).rejects.toMatchObject({ code: "E_NOT_FOUND", details: { path } });
  });

  it("E_NOT_FOUND for a path through a file", async () => {
    const path = join(fixture("article.txt"), "child.txt");
    await expect(readSource(path)).rejects.toMatchObject({ code: "E_NOT_FOUND", details: { path } });
  });

  it("E_FORMAT for a folder", async () => {
    await expect(readSource(fixtures)).rejects.toMatchObject({
      code: "E_FORMAT",
      details: { path: fixtures },
    });
  });

  it.skipIf(isRoot)(
    "E_UNREADABLE for a file without read permission (skipped as root: chmod does not stop root)",
    async () => {
      const path = tmpFile("locked.txt", "secret");
      chmodSync(path, 0o000);
      try {
        await expect(readSource(path)).rejects.toMatchObject({ code: "E_UNREADABLE", details: { path } });
      } finally {
        chmodSync(path, 0o644);
      }
    },
  );

  it("E_UNREADABLE for something that is not a regular file", async () => {
    await expect(readSource("/dev/null")).rejects.toMatchObject({
      code: "E_UNREADABLE",
      details: { path: "/dev/null" },
    });
  });

  it("E_UNREADABLE for a symbolic link loop", async () => {
    const path = join(tmp, "loop.txt");
    symlinkSync(path, path);
    await expect(readSource(path)).rejects.toMatchObject({ code: "E_UNREADABLE", details: { path } });
  });

  it("E_EMPTY for an empty file", async () => {
    const path = tmpFile("empty.txt", "");
    await expect(readSource(path)).rejects.toMatchObject({ code: "E_EMPTY", details: { path } });
  });

  it("E_EMPTY for a whitespace-only file", async () => {
    const path = fixture("whitespace.txt");
    await expect(readSource(path)).rejects.toMatchObject({ code: "E_EMPTY", details: { path } });
  });

  it("E_EMPTY for HTML with no text once markup is removed", async () => {
    const path = tmpFile("shell.html", "<html><body><nav>Menu</nav><script>x()</script></body></html>");
    await expect(readSource(path)).rejects.toMatchObject({ code: "E_EMPTY", details: { path } });
  });

  it("E_BINARY for a file with NUL bytes", async () => {
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
    ]);
    const path = tmpFile("image.txt", png);
    await expect(readSource(path)).rejects.toMatchObject({ code: "E_BINARY", details: { path } });
  });

  it("E_BINARY for a file dense with control characters", async () => {
    const bytes = new Uint8Array(1000).map((_, i) => (i % 3 === 0 ? 0x01 : 0x41));
    const path = tmpFile("controls.txt", bytes);
    await expect(readSource(path)).rejects.toMatchObject({ code: "E_BINARY", details: { path } });
  });

  it("E_ENCODING for Latin-1 text, naming the byte offset", async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode("Caf\u00e9 ok\nna"), 0xef, 0x76, 0x65]);
    // "Café ok\nna" is 11 bytes in UTF-8; 0xEF 0x76 is a broken sequence at offset 11.
    const path = tmpFile("latin1.txt", bytes);
    const err = await readSource(path).catch((e) => e);
    expect(err).toMatchObject({ code: "E_ENCODING", details: { path, offset: 11, line: 2 } });
    expect(err.message).toContain("byte offset 11");
  });

  it("E_ENCODING for UTF-16 text", async () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0x48, 0x00, 0x69, 0x00]);
    const path = tmpFile("utf16.txt", bytes);
    await expect(readSource(path)).rejects.toMatchObject({ code: "E_ENCODING", details: { path } });
  });

  it("E_TOO_LARGE for a 50 MB file, refused before reading", async () => {
    const path = join(tmp, "huge.txt");
    writeFileSync(path, "");
    truncateSync(path, 50 * 1024 * 1024); // sparse: nothing is written
    const err = await readSource(path).catch((e) => e);
    expect(err).toMatchObject({
      code: "E_TOO_LARGE",
      details: { path, size: 50 * 1024 * 1024, maxBytes: 20 * 1024 * 1024 },
    });
    expect(err.message).toContain("50 MB");
  });

  it("honours a configured size limit", async () => {
    const path = tmpFile("small.txt", "x".repeat(2000));
    await expect(readSource(path, { maxBytes: 1000 })).rejects.toMatchObject({ code: "E_TOO_LARGE" });
    expect((await readSource(path, { maxBytes: 5000 })).text).toHaveLength(2000);
  });

  it("E_FORMAT for JSON given as text", async () => {
    const path = fixture("data.txt");
    const err = await readSource(path).catch((e) => e);
    expect(err).toMatchObject({ code: "E_FORMAT", details: { path } });
    expect(err.message).toContain("looks like JSON");
  });

  it("reads text that merely starts with a bracket", async () => {
    const path = tmpFile("bracket.txt", "[Updated] Militants attacked a convoy.");
    expect((await readSource(path)).text).toBe("[Updated] Militants attacked a convoy.");
  });

  it("E_FORMAT for a .pdf that is not a PDF", async () => {
    const path = tmpFile("fake.pdf", "just text");
    await expect(readSource(path)).rejects.toMatchObject({ code: "E_FORMAT", details: { path } });
  });

  it("E_FORMAT for a damaged PDF", async () => {
    const path = tmpFile("broken.pdf", "%PDF-1.4\nthis is not really a pdf\n%%EOF\n");
    await expect(readSource(path)).rejects.toMatchObject({ code: "E_FORMAT", details: { path } });
  });

  it("E_EMPTY for a PDF without a text layer", async () => {
    const path = tmpFile("blank.pdf", makePdf([]));
    await expect(readSource(path)).rejects.toMatchObject({ code: "E_EMPTY", details: { path } });
  });
});

describe("readSource: sidecar metadata", () => {
  it("E_METADATA naming the sidecar and the field for an invalid value", async () => {
    const err = await readSource(fixture("bad-meta/article.txt")).catch((e) => e);
    expect(err).toMatchObject({
      code: "E_METADATA",
      details: { path: fixture("bad-meta/article.txt.meta.json"), field: "published" },
    });
    expect(err.message).toContain("article.txt.meta.json");
    expect(err.message).toContain('"published"');
  });

  it("E_METADATA for an unknown field", async () => {
    const path = tmpFile("extra.txt", "Text.");
    tmpFile("extra.txt.meta.json", JSON.stringify({ title: "T", author: "someone" }));
    await expect(readSource(path)).rejects.toMatchObject({
      code: "E_METADATA",
      details: { field: "author" },
    });
  });

  it("E_METADATA for a TLP that is not a TLP", async () => {
    const path = tmpFile("tlp.txt", "Text.");
    tmpFile("tlp.txt.meta.json", JSON.stringify({ tlp: "SECRET" }));
    await expect(readSource(path)).rejects.toMatchObject({ code: "E_METADATA", details: { field: "tlp" } });
  });

  it("E_METADATA for a sidecar that is not JSON", async () => {
    const path = tmpFile("broken-meta.txt", "Text.");
    tmpFile("broken-meta.txt.meta.json", "{ title: oops");
    await expect(readSource(path)).rejects.toMatchObject({
      code: "E_METADATA",
      details: { path: `${path}.meta.json` },
    });
  });
});
