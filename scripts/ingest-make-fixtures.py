#!/usr/bin/env python3
"""Writes the Ingest test corpus: Tests/IngestTests/Fixtures/good/ (files that
must parse with a known structure), Fixtures/bad/ (files that must fail
with a specific IngestError) and Fixtures/damaged/ (files that parse but
lose part of their text, which the document's warnings must say). Run from the repository root; the outputs are
committed so tests need no Python."""
import importlib.util
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("ziplib", os.path.join(HERE, "ingest-ziplib.py"))
L = importlib.util.module_from_spec(spec)
spec.loader.exec_module(L)

ROOT = os.path.join(HERE, "..", "Tests", "IngestTests", "Fixtures")
GOOD, BAD, DAMAGED = os.path.join(ROOT, "good"), os.path.join(ROOT, "bad"), os.path.join(ROOT, "damaged")


def write(path, data):
    with open(path, "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)


def good_text():
    write(f"{GOOD}/notes.md", """---
title: Field Notes
---
# Field Notes

Opening paragraph with a [link](http://example.com) and **bold** text.[^1]

## Equipment

- Tent
- Stove
  - Fuel canister
1. First step
2. Second step

| Item | Weight |
|------|--------|
| Tent | 2 kg |

## Route

Along the ridge.

[^1]: A footnote definition.
""")
    write(f"{GOOD}/chapters.txt", "The Quiet Harbour\r\n\r\nCHAPTER I.\r\n\r\nThe boats came in at dusk,\r\nheavy with fish.\r\n\r\n"
          "Nobody spoke.\r\n\r\nCHAPTER II.\r\n\r\nMorning brought fog.\r\n\r\nCHAPTER III.\r\n\r\nThe end.\r\n")
    write(f"{GOOD}/cp1252.txt", "Article 1\n\nThe caf\u00e9 \u201cLe Mistral\u201d \u2014 na\u00efve clause.\n\nArticle 2\n\nSecond.\n"
          .encode("cp1252"))
    write(f"{GOOD}/utf16.txt", "\ufeffSection 1\n\nUTF-16 text with \u00fc and \u4e2d.\n".encode("utf-16-le"))
    write(f"{GOOD}/interview.txt", """[00:00:05] Maria Lopez: Thanks for coming in today.
[00:00:09] SPEAKER_1: Happy to be here.
It was a long drive though.
[00:00:15] SPEAKER_1: Shall we start?
[00:00:20] Maria Lopez: Yes, first question.
""")


def good_html():
    write(f"{GOOD}/contract.html", """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Service Agreement</title>
<style>p { color: red }</style><script>var secret = "script text";</script></head>
<body>
<nav><a href="#">Home</a> <a href="#">Menu</a></nav>
<h1>Service Agreement</h1>
<p>This agreement is made between the parties.<sup><a href="#fn1" id="r1">1</a></sup></p>
<div hidden>Hidden text</div><p style="display: none">Invisible</p>
<h2>Article 1 Definitions</h2>
<ol>
  <li>Service means the work.
    <ol type="a"><li>including updates;</li><li>including support.</li></ol>
  </li>
  <li value="5">Fee means the price.</li>
</ol>
<h2>Article 2 Payment</h2>
<p>Payment is due in 30&nbsp;days.</p>
<table><tr><th>Milestone</th><th>Amount</th></tr><tr><td>Start</td><td>100</td></tr></table>
<h3>2.1 Late payment</h3>
<ul><li>Interest applies.</li></ul>
<section class="footnotes"><ol><li id="fn1">Signed in two copies. <a href="#r1">↩</a></li></ol></section>
</body></html>
""")


def good_epub():
    ch = [
        ("ch1.xhtml", "Chapter One: Arrival",
         '<h1>Chapter One: Arrival</h1><p>The train stopped.<a epub:type="noteref" href="#n1">1</a> She stepped out.</p>'
         '<img src="cover.png" alt="x"/><h2>The Station</h2><p>It was empty.</p>'
         '<aside epub:type="footnote" id="n1"><p>A small town.</p></aside>'),
        ("ch2.xhtml", "Chapter Two: The House", "<h1>Chapter Two</h1><p>The house was cold&nbsp;and dark.</p>"),
        ("ch3.xhtml", "Chapter Three: Departure", "<h1>Chapter Three: Departure</h1><p>She left at dawn.</p>"),
    ]
    L.epub(f"{GOOD}/novel3.epub", "The Empty Station", "A. Writer", ch, version=3)
    L.epub(f"{GOOD}/novel2.epub", "The Empty Station", "A. Writer", ch, version=2)


def good_docx():
    numbering = (
        '<w:abstractNum w:abstractNumId="0">'
        + L.level(0, "decimal", "Article %1") + L.level(1, "decimal", "%1.%2") + L.level(2, "lowerLetter", "(%3)")
        + L.level(3, "lowerRoman", "(%4)") + "</w:abstractNum>"
        '<w:abstractNum w:abstractNumId="1">' + L.level(0, "decimal", "%1.") + "</w:abstractNum>"
        '<w:abstractNum w:abstractNumId="2">' + L.level(0, "bullet", "\uf0b7") + "</w:abstractNum>"
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        '<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>'
    )
    fn_ref = '<w:r><w:footnoteReference w:id="1"/></w:r>'
    body = "".join([
        L.para("Consulting Agreement", style="Title"),
        L.para("Preamble text before any article."),
        L.para("Definitions", style="ArticleHeading"),
        L.para("", runs=L.run("Terms used in this agreement have these meanings.") + fn_ref, num=("1", 1)),
        L.para("Client means the buyer;", num=("1", 2)),
        L.para("Consultant means the seller;", num=("1", 2)),
        L.para("including affiliates;", num=("1", 3)),
        L.para("including agents;", num=("1", 3)),
        L.para("including successors.", num=("1", 3)),
        L.para("Services", style="ArticleHeading"),
        L.para("", num=("1", 1), runs=L.run("The Consultant ") + '<w:ins w:id="1" w:author="x"><w:r><w:t>shall</w:t></w:r></w:ins>'
               + '<w:del w:id="2" w:author="x"><w:r><w:delText>may</w:delText></w:r></w:del>' + L.run(" perform the services.")),
        L.para("Schedule of steps", style="Heading2"),
        L.para("Plan", num=("2", 0)),
        L.para("Build", num=("2", 0)),
        L.para("Start again", num=("3", 0)),
        L.para("Continue", num=("3", 0)),
        L.para("A bullet", num=("4", 0)),
        L.table([["Fee", "Due"], ["100", "March"]]),
        L.para("", runs=L.run("Price ") + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> MERGEFIELD x </w:instrText></w:r>'
               '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + L.run("EUR 5") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'),
        L.para("Annex", outline=0),
    ])
    header = ("word/header1.xml", f'<?xml version="1.0"?><w:hdr {L.W}>{L.para("CONFIDENTIAL HEADER")}</w:hdr>')
    L.docx(f"{GOOD}/agreement.docx", body, numbering=numbering, footnotes=[(1, "Definitions apply throughout.")],
           title="Consulting Agreement", creator="Legal Team", extra=[header])


def good_transcripts():
    write(f"{GOOD}/meeting.srt", """1
00:00:01,000 --> 00:00:03,500
Alice: Good morning, <i>everyone</i>.

2
00:00:03,600 --> 00:00:06,000
Let's begin with the budget.

3
00:00:06,500 --> 00:00:09,000
Bob: The budget is {\\an8}on track.

4
00:00:09,500 --> 00:00:12,000
Alice: Great.
""")
    write(f"{GOOD}/meeting.vtt", """WEBVTT
Kind: captions
Language: en

NOTE This is a comment
that spans two lines.

STYLE
::cue { color: lime }

REGION
id:fred width:40%

intro
00:00.000 --> 00:02.000
<v Carol>Welcome to the <b>review</b>.</v>

00:02.000 --> 00:04.000 align:start
<v Carol>We have three items.

00:04.500 --> 00:07.000
<v.loud Dan>First item is done.
<v Carol>Thank you, Dan.

00:01:07.000 --> 00:01:09.250
<v Dan>Any questions? &amp; more</v>
""")


def good_pdf():
    L.pdf(f"{GOOD}/report.pdf", [
        [(24, 72, 700, "Annual Report"), (11, 72, 660, "This report covers the year in review."),
         (11, 72, 646, "It was a good year for the harbour."), (18, 72, 600, "Finances"),
         (11, 72, 570, "Income rose by ten percent.")],
        [(18, 72, 700, "Outlook"), (11, 72, 670, "Next year looks calm.")],
    ])


def bad_files():
    zip_ok = os.path.join(GOOD, "novel3.epub")
    data = open(zip_ok, "rb").read()
    write(f"{BAD}/truncated.epub", data[: len(data) // 2])
    # Zip bomb: 30 MB of one byte repeated, deflated to a few kB.
    L.write_zip(f"{BAD}/bomb.docx", [("[Content_Types].xml", L.DOCX_TYPES),
                                     ("word/document.xml", b"<" + b" " * (30 << 20) + b">")])
    L.write_zip(f"{BAD}/zipslip.epub", [("mimetype", "application/epub+zip", True),
                                        ("META-INF/container.xml", L.CONTAINER), ("../../evil.sh", "rm -rf /")])
    L.write_zip(f"{BAD}/absolute.docx", [("[Content_Types].xml", L.DOCX_TYPES), ("word/document.xml", "<x/>"),
                                         ("/etc/cron.d/evil", "x")])
    xxe_container = """<?xml version="1.0"?>
<!DOCTYPE container [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>
<rootfile full-path="OEBPS/content.opf&xxe;" media-type="application/oebps-package+xml"/></rootfiles></container>"""
    L.write_zip(f"{BAD}/xxe.epub", [("mimetype", "application/epub+zip", True),
                                    ("META-INF/container.xml", xxe_container)])
    laughs = '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    laughs += "".join(f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n' for i in range(1, 10))
    laughs += f']>\n<w:document {L.W}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>'
    L.write_zip(f"{BAD}/billion-laughs.docx", [("[Content_Types].xml", L.DOCX_TYPES), ("word/document.xml", laughs)])
    L.write_zip(f"{BAD}/broken-xml.docx", [("[Content_Types].xml", L.DOCX_TYPES),
                                           ("word/document.xml", f"<w:document {L.W}><w:body><w:p></w:body>")])
    L.write_zip(f"{BAD}/missing-opf.epub", [("mimetype", "application/epub+zip", True),
                                            ("META-INF/container.xml", L.CONTAINER)])
    L.write_zip(f"{BAD}/empty-container.epub", [("mimetype", "application/epub+zip", True),
                                                ("META-INF/container.xml", "")])
    xxe_chapter = ('<!DOCTYPE html [ <!ENTITY secret SYSTEM "file:///etc/hostname"> ]>'
                   '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>&secret;</p></body></html>')
    L.epub(f"{BAD}/xxe-chapter.epub", "XXE", "X", [("c.xhtml", "C", "<p>x</p>")],
           raw={"c.xhtml": xxe_chapter})
    L.write_zip(f"{BAD}/other.zip", [("readme.txt", "just a zip")])
    deep_chapter = "<div>" * 400 + "deep" + "</div>" * 400
    L.epub(f"{BAD}/deep.epub", "Deep", "X", [("c.xhtml", "Deep", deep_chapter)])
    write(f"{BAD}/deep.html", "<html><body>" + "<div>" * 2000 + "x" + "</div>" * 2000 + "</body></html>")
    write(f"{BAD}/invalid-utf8.txt", "Caf\u00e9 ok, then broken: ".encode() + b"\xc3\x28 and \xff end.\n")
    write(f"{BAD}/invalid-utf8.html", b'<html><head><meta charset="utf-8"></head><body><p>\xe2\x82\xac ok \xe2\x28\xa1</p></body></html>')
    write(f"{BAD}/undefined-cp1252.txt", b"Plain text with an undefined byte \x81 in it.\n")
    write(f"{BAD}/odd-utf16.txt", b"\xff\xfeA\x00B\x00C")
    write(f"{BAD}/binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    write(f"{BAD}/empty.txt", b"")
    write(f"{BAD}/whitespace.md", "   \n\n\t\n")
    L.pdf(f"{BAD}/scanned.pdf", [[]])
    write(f"{BAD}/corrupt.pdf", b"%PDF-1.4\n" + b"garbage " * 50)


def replace_entry(path, name, data):
    """Rewrites the zip at `path` with entry `name` replaced by `data`."""
    with zipfile.ZipFile(path) as z:
        entries = [(i.filename, z.read(i.filename), i.compress_type == zipfile.ZIP_STORED) for i in z.infolist()]
    L.write_zip(path, [(n, data if n == name else d, stored) for n, d, stored in entries])


def damaged_files():
    # Six pages; the middle third of the file blanked, so pages 3-6 lose their objects.
    L.pdf(f"{DAMAGED}/lost-pages.pdf", [[(11, 72, 700, f"Page {n} opens the ledger."),
                                         (11, 72, 680, f"Page {n} closes it again.")] for n in range(1, 7)])
    pdf = bytearray(open(f"{DAMAGED}/lost-pages.pdf", "rb").read())
    third = len(pdf) // 3
    pdf[third:2 * third] = b" " * third
    write(f"{DAMAGED}/lost-pages.pdf", bytes(pdf))
    # Spine items whose manifest hrefs leave the archive, or name an entry it lacks.
    path = f"{DAMAGED}/outside-chapters.epub"
    chapters = [(f"c{i}.xhtml", f"Chapter {i}", f"<h1>Chapter {i}</h1><p>Text of chapter {i}.</p>") for i in range(1, 5)]
    L.epub(path, "Outside", "X", chapters)
    with zipfile.ZipFile(path) as z:
        opf = z.read("OEBPS/content.opf").decode()
    opf = opf.replace('href="c2.xhtml"', 'href="../../c2.xhtml"').replace('href="c3.xhtml"', 'href="http://example.com/c3.xhtml"')
    opf = opf.replace('href="c4.xhtml"', 'href="missing.xhtml"')
    replace_entry(path, "OEBPS/content.opf", opf)
    # Two entries named word/document.xml: the last is read.
    last = L.para("The second document.xml, which is read.")
    L.docx(f"{DAMAGED}/duplicate-entry.docx", L.para("The first document.xml, hidden by the second."),
           extra=[("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?>\n<w:document {L.W}><w:body>{last}</w:body></w:document>')])


if __name__ == "__main__":
    os.makedirs(GOOD, exist_ok=True)
    os.makedirs(BAD, exist_ok=True)
    os.makedirs(DAMAGED, exist_ok=True)
    good_text()
    good_html()
    good_epub()
    good_docx()
    good_transcripts()
    good_pdf()
    bad_files()
    damaged_files()
    print("fixtures written to", os.path.normpath(ROOT))
