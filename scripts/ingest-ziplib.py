"""Helpers shared by the Ingest fixture and sample generators: deterministic
zip writing, minimal EPUB 2/3 and DOCX packages, and a tiny PDF writer.

Imported by scripts/ingest-make-fixtures.py and scripts/ingest-make-samples.py
through importlib (the file name follows the scripts/ingest-* convention)."""
import zipfile
from xml.sax.saxutils import escape

FIXED_TIME = (2024, 1, 1, 0, 0, 0)


def write_zip(path, entries, compress=zipfile.ZIP_DEFLATED):
    """entries: list of (name, bytes|str[, stored?]) written in order with a
    fixed timestamp so regenerated files are byte-identical."""
    with zipfile.ZipFile(path, "w") as z:
        for entry in entries:
            name, data = entry[0], entry[1]
            stored = len(entry) > 2 and entry[2]
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_STORED if stored else compress
            info.external_attr = 0o644 << 16
            z.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)


CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>"""


def xhtml(title, body):
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en">
<head><title>{escape(title)}</title><link rel="stylesheet" href="style.css"/></head>
<body>
{body}
</body>
</html>"""


def epub(path, title, author, chapters, version=3, spine_order=None, extra=(), container=CONTAINER,
         language="en", raw=None):
    """chapters: list of (file name, nav title, xhtml body). The manifest lists
    chapters in reverse so readers must follow the spine, not the manifest.
    raw: {file name: complete document} replacing the generated XHTML."""
    raw = raw or {}
    spine_order = spine_order or [c[0] for c in chapters]
    ids = {c[0]: f"c{i}" for i, c in enumerate(chapters)}
    manifest = [f'<item id="{ids[f]}" href="{f}" media-type="application/xhtml+xml"/>' for f, _, _ in reversed(chapters)]
    manifest.append('<item id="css" href="style.css" media-type="text/css"/>')
    manifest.append('<item id="cover" href="cover.png" media-type="image/png"/>')
    manifest.append('<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>')
    if version == 3:
        manifest.append('<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>')
    spine = "".join(f'<itemref idref="{ids[f]}"/>' for f in spine_order)
    opf = f"""<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="{version}.0" unique-identifier="uid">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="uid">urn:uuid:precis-{sum(map(ord, title))}</dc:identifier>
    <dc:title>{escape(title)}</dc:title>
    <dc:creator>{escape(author)}</dc:creator>
    <dc:language>{language}</dc:language>
  </metadata>
  <manifest>{''.join(manifest)}</manifest>
  <spine toc="ncx">{spine}</spine>
</package>"""
    points = "".join(
        f'<navPoint id="p{i}" playOrder="{i + 1}"><navLabel><text>{escape(t)}</text></navLabel>'
        f'<content src="{f}"/></navPoint>' for i, (f, t, _) in enumerate(chapters))
    ncx = f"""<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">
  <head/><docTitle><text>{escape(title)}</text></docTitle>
  <navMap>{points}</navMap>
</ncx>"""
    items = "".join(f'<li><a href="{f}">{escape(t)}</a></li>' for f, t, _ in chapters)
    nav = xhtml("Contents", f'<nav epub:type="toc" id="toc"><h1>Contents</h1><ol>{items}</ol></nav>')
    entries = [("mimetype", "application/epub+zip", True), ("META-INF/container.xml", container),
               ("OEBPS/content.opf", opf), ("OEBPS/toc.ncx", ncx), ("OEBPS/style.css", "p { margin: 0 }"),
               ("OEBPS/cover.png", b"\x89PNG\r\n\x1a\n" + bytes(64))]
    if version == 3:
        entries.append(("OEBPS/nav.xhtml", nav))
    entries += [(f"OEBPS/{f}", raw.get(f) or xhtml(t, body)) for f, t, body in chapters]
    entries += list(extra)
    write_zip(path, entries)


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

DOCX_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""

DOCX_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""

DOCX_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {W}>
<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="ArticleHeading"><w:name w:val="Article Heading"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Clause"><w:name w:val="Clause"/><w:basedOn w:val="Normal"/></w:style>
</w:styles>"""


def run(text):
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(text="", style=None, num=None, runs=None, outline=None):
    """num: (numId, ilvl). runs: raw run XML replacing `text`."""
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if num:
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    if outline is not None:
        ppr += f'<w:outlineLvl w:val="{outline}"/>'
    return f'<w:p>{"<w:pPr>" + ppr + "</w:pPr>" if ppr else ""}{runs if runs is not None else run(text)}</w:p>'


def table(rows):
    trs = "".join("<w:tr>" + "".join(f"<w:tc>{para(c)}</w:tc>" for c in r) + "</w:tr>" for r in rows)
    return f"<w:tbl>{trs}</w:tbl>"


def docx(path, body, numbering=None, footnotes=None, title=None, creator=None, extra=()):
    doc = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>'
    entries = [("[Content_Types].xml", DOCX_TYPES), ("_rels/.rels", DOCX_RELS), ("word/document.xml", doc),
               ("word/styles.xml", DOCX_STYLES)]
    if numbering:
        entries.append(("word/numbering.xml", f'<?xml version="1.0" encoding="UTF-8"?>\n<w:numbering {W}>{numbering}</w:numbering>'))
    if footnotes:
        notes = '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        notes += "".join(f'<w:footnote w:id="{i}">{para(t)}</w:footnote>' for i, t in footnotes)
        entries.append(("word/footnotes.xml", f'<?xml version="1.0" encoding="UTF-8"?>\n<w:footnotes {W}>{notes}</w:footnotes>'))
    if title or creator:
        entries.append(("docProps/core.xml", f"""<?xml version="1.0" encoding="UTF-8"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:title>{escape(title or '')}</dc:title><dc:creator>{escape(creator or '')}</dc:creator><dc:language>en-GB</dc:language>
</cp:coreProperties>"""))
    entries += list(extra)
    write_zip(path, entries)


def level(ilvl, fmt, text, start=1, restart=None):
    r = f'<w:lvlRestart w:val="{restart}"/>' if restart is not None else ""
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{r}'
            f'<w:lvlText w:val="{text}"/></w:lvl>')


def pdf(path, pages):
    """pages: list of lists of (font size, x, y, text); an empty list makes a
    page with only a drawn rectangle (no text layer)."""
    objects = []

    def add(body):
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    pages_id = len(objects) + 1 + 2 * len(pages)
    kids = []
    for lines in pages:
        if lines:
            ops = "".join(f"BT /F1 {s} Tf {x} {y} Td ({t.replace('(', '[').replace(')', ']')}) Tj ET\n"
                          for s, x, y, t in lines)
        else:
            ops = "0.5 g 72 72 400 600 re f\n"
        stream = ops.encode("latin-1")
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                        b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_id, content, font)))
    add(b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count %d >>" % len(kids))
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    with open(path, "wb") as f:
        f.write(out)
