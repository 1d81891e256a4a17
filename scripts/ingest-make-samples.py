#!/usr/bin/env python3
"""Writes samples/: a short original book (EPUB 3 with nav and a footnote), an
original contract (DOCX and HTML, numbered articles, clauses and definitions),
and an original meeting transcript (SRT and WebVTT, four speakers, about five
minutes). All text is written for Precis. Run from the repository root."""
import importlib.util
import os
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("ziplib", os.path.join(HERE, "ingest-ziplib.py"))
L = importlib.util.module_from_spec(spec)
spec.loader.exec_module(L)
OUT = os.path.normpath(os.path.join(HERE, "..", "samples"))

BOOK = [
    ("The Lamp on the Breakwater", [
        "Every evening at a quarter past six, Oriel Vance walked the length of the breakwater with a tin of oil in one "
        "hand and a brass key in the other. The lamp at the far end was older than the harbour wall itself, and the "
        "town council had twice voted to replace it with an electric beacon. Twice the money had gone instead to the "
        "school roof, and Oriel had quietly gone on trimming the wick.",
        "She liked the walk more than she admitted. The stones were slick with weed on the seaward side, and the wind "
        "came round the point in sudden shoves that made the gulls tilt and complain. Halfway along there was a "
        "bollard worn smooth by a century of ropes, and she always touched it for luck, the way her father had.",
        "That evening the sea was flat and oddly quiet. The fishing boats were already in, rafted together by the "
        "ice house, their crews gone up the hill to supper. Oriel unlocked the lamp housing, wiped the glass with "
        "the corner of her sleeve, and struck a match. The flame caught, steadied, and threw its pale fan across "
        "the water.",
        "It was then that she saw the second light. It sat low on the horizon, due east, where no light should be: "
        "no buoy, no rock, nothing but forty miles of open water before the shipping lanes. It did not flash. It "
        "simply burned, patient and yellow, as if someone out there had lit a lamp of their own and was waiting to "
        "see who would answer.",
        "She stood there until her hands were numb, counting the seconds between waves and watching for a flash or "
        "a drift that would give the light away as a ship. None came. When the church clock struck seven she "
        "locked the housing, walked back along the stones without touching the bollard, and lay awake most of the "
        "night listening to the wind try the shutters.",
    ], None),
    ("Ledger and Tide Tables", [
        "The harbour office kept two books that mattered. The first was the ledger, in which every vessel that used "
        "the quay paid its twopence and signed its name. The second was the tide table, printed each winter by a "
        "firm in the capital and corrected each spring by Mr. Albrecht, the harbourmaster, in violet ink.",
        "Oriel went to the office the next morning and asked to see both. Albrecht raised an eyebrow but fetched "
        "them, and she spent an hour at the window table turning pages that smelled of damp and pipe smoke. No "
        "vessel had signed in from the east for eleven days.{note} The tide table showed nothing unusual; the "
        "springs were due on Thursday, the neaps a week after.",
        "\u201cYou saw something,\u201d Albrecht said, not quite a question. He had been harbourmaster for thirty "
        "years and had a way of reading faces as if they were weather. Oriel told him about the light. He listened "
        "without interrupting, then went to the cabinet behind his desk and took out a chart so old that the "
        "coastline on it was drawn in the wrong place.",
        "On the chart, due east, forty miles out, someone had inked a small circle and written a single word "
        "beside it in a hand neither of them recognised: Returning.",
    ], "The ledger recorded only vessels that paid harbour dues; rowing boats and the ferry were exempt."),
    ("The Crossing", [
        "They took the Marguerite, Albrecht\u2019s own boat, a broad-beamed old thing with a diesel engine that "
        "coughed like a smoker in the mornings. Oriel brought the tin of oil and the brass key without quite "
        "knowing why. Albrecht brought a thermos of tea, a compass, and the chart, folded into oilcloth.",
        "For three hours the sea stayed kind. The town shrank behind them to a smudge, then to a suggestion, then "
        "to nothing. The light was invisible by day, but Albrecht steered by the compass and the inked circle, "
        "muttering corrections under his breath as the current pushed them north.",
        "Late in the afternoon a fog came up from nowhere, thick and white and cold enough to bead on their "
        "sleeves. Albrecht throttled back. In the sudden quiet they could hear water slapping against something "
        "large and close, and then, very faintly, the creak of a hinge swinging in the wind.",
        "When the fog thinned they were drifting beside a rock no chart had ever shown, and on the rock stood a "
        "lamp housing exactly like the one on the breakwater at home, down to the dent in its copper cap. Its "
        "door hung open. Inside, the wick had burned down to a stub.",
        "Albrecht said nothing for a long while. Then he reached into the locker under the helm and brought out a "
        "second brass key, green with age, which he said had hung in the harbour office since before his time. "
        "Nobody had ever known what it opened. He turned it over in his fingers, looked at the rock, and put it "
        "back in the locker without a word.",
    ], None),
    ("What the Lamp Keeps", [
        "Oriel climbed onto the rock while Albrecht held the Marguerite steady with a boathook. The brass key fit "
        "the housing\u2019s lock as if it had been cut for it, which, she realised with a cold turn in her "
        "stomach, it must have been. Someone had made two lamps and one key, and had meant the keeper of one to "
        "find the other.",
        "She trimmed the wick, filled the reservoir from her tin, and lit it. Across forty miles of water, where "
        "the breakwater would be, nothing answered; the town had no keeper tonight. But the new flame steadied and "
        "threw its pale fan across the sea, and for a long moment the two of them simply watched it burn.",
        "On the way home Albrecht was quiet until the harbour lights came into view. Then he said that the council "
        "would want a report, and that he did not intend to write one. Oriel agreed. Some things were better kept "
        "the way lamps are kept: by going out each evening, and lighting them, and not asking too loudly who else "
        "might be watching.",
        "The next night, at a quarter past six, she walked the breakwater as usual. When the lamp caught she "
        "looked east, and far out on the dark water a small yellow light looked back.",
        "In the spring the council voted a third time on the electric beacon, and a third time the money went "
        "elsewhere, this time to the harbour steps. Oriel did not object. She bought a second tin of oil, asked "
        "the ferryman to carry it out on his first calm morning, and began, without telling anyone, to keep a "
        "ledger of her own: two lamps, one key, and every evening a single line that read simply, Answered.",
    ], None),
]


def book():
    chapters = []
    for i, (title, paragraphs, note) in enumerate(BOOK, start=1):
        body = f"<h1>Chapter {i}: {escape(title)}</h1>\n"
        for p in paragraphs:
            p = escape(p).replace("{note}", '<a epub:type="noteref" href="#note1" id="ref1">1</a>')
            body += f"<p>{p}</p>\n"
        if note:
            body += f'<aside epub:type="footnote" id="note1"><p><a href="#ref1">1</a> {escape(note)}</p></aside>\n'
        chapters.append((f"chapter{i}.xhtml", f"Chapter {i}: {title}", body))
    L.epub(f"{OUT}/lamp-on-the-breakwater.epub", "The Lamp on the Breakwater", "Precis Sample Texts", chapters)


PARTIES = ("Northwind Orchard Cooperative", "Brightline Systems Ltd.")
CONTRACT = [
    ("Definitions", [
        ("In this Agreement the following terms have the meanings given below:", [
            "\u201cSystem\u201d means the orchard inventory and irrigation software described in the Schedule;",
            "\u201cSupport Hours\u201d means 08:00 to 18:00 on business days in the Customer\u2019s time zone;",
            ("\u201cIncident\u201d means any failure of the System to perform as documented, classified as:", [
                "critical, where irrigation control is unavailable;",
                "major, where inventory data cannot be recorded;",
                "minor, for any other failure."]),
        ]),
        ("Headings are for convenience only and do not affect interpretation.", []),
    ]),
    ("Services", [
        ("The Supplier shall maintain the System so that it performs as documented.", []),
        ("The Supplier shall respond to Incidents within the following times:", [
            "critical Incidents: two hours, at any time;",
            "major Incidents: one business day;",
            "minor Incidents: five business days."]),
        ("The Supplier shall deliver security updates within fourteen days of their publication.", []),
    ]),
    ("Fees and Payment", [
        ("The Customer shall pay an annual fee of 18,000 euros, invoiced quarterly in advance.", []),
        ("Invoices are payable within thirty days of receipt.", []),
        ("Late payments bear interest at two percentage points above the reference rate.", []),
    ]),
    ("Term and Termination", [
        ("This Agreement starts on 1 March and continues for three years.", []),
        ("Either party may terminate this Agreement by written notice if the other party:", [
            "commits a material breach that is not remedied within thirty days; or",
            "becomes insolvent or enters into liquidation."]),
    ]),
    ("Data Protection", [
        ("The Supplier shall process Customer data only on documented instructions from the Customer.", []),
        ("On termination the Supplier shall return all Customer data and delete any copies within sixty days.", []),
    ]),
    ("General", [
        ("This Agreement is governed by the laws of the place where the Customer is registered.", []),
        ("No amendment is effective unless made in writing and signed by both parties.", []),
    ]),
]


def contract_docx():
    numbering = ('<w:abstractNum w:abstractNumId="0">'
                 + L.level(0, "decimal", "Article %1") + L.level(1, "decimal", "%1.%2")
                 + L.level(2, "lowerLetter", "(%3)") + L.level(3, "lowerRoman", "(%4)") + "</w:abstractNum>"
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    body = [L.para("Software Maintenance Agreement", style="Title"),
            L.para(f"This Agreement is made between {PARTIES[0]} (the \u201cCustomer\u201d) and {PARTIES[1]} "
                   "(the \u201cSupplier\u201d).", runs=None)]
    body[-1] = L.para("", runs=L.run(f"This Agreement is made between {PARTIES[0]} (the \u201cCustomer\u201d) and "
                                     f"{PARTIES[1]} (the \u201cSupplier\u201d).") + '<w:r><w:footnoteReference w:id="1"/></w:r>')
    for title, clauses in CONTRACT:
        body.append(L.para(title, style="ArticleHeading"))
        for text, items in clauses:
            body.append(L.para(text, num=("1", 1)))
            for item in items:
                if isinstance(item, tuple):
                    body.append(L.para(item[0], num=("1", 2)))
                    body += [L.para(sub, num=("1", 3)) for sub in item[1]]
                else:
                    body.append(L.para(item, num=("1", 2)))
    body.append(L.para("Schedule", style="Heading1"))
    body.append(L.table([["Component", "Version", "Hosting"], ["Inventory", "4.2", "Supplier cloud"],
                         ["Irrigation control", "2.7", "On premises"]]))
    L.docx(f"{OUT}/maintenance-agreement.docx", "".join(body), numbering=numbering,
           footnotes=[(1, "Each party signs two identical copies of this Agreement.")],
           title="Software Maintenance Agreement", creator="Precis Sample Texts")


def contract_html():
    out = ['<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Software Maintenance Agreement</title>',
           '<meta name="author" content="Precis Sample Texts">\n<style>ol.clauses { list-style: none }</style>\n</head>\n<body>',
           '<nav><a href="#a1">Definitions</a> | <a href="#a6">General</a></nav>',
           "<h1>Software Maintenance Agreement</h1>",
           f'<p>This Agreement is made between {PARTIES[0]} (the \u201cCustomer\u201d) and {PARTIES[1]} '
           '(the \u201cSupplier\u201d).<sup><a href="#fn1" id="fnref1">1</a></sup></p>']
    for n, (title, clauses) in enumerate(CONTRACT, start=1):
        out.append(f'<h2 id="a{n}">Article {n} {escape(title)}</h2>\n<ol>')
        for text, items in clauses:
            out.append(f"<li>{escape(text)}")
            if items:
                out.append('<ol type="a">')
                for item in items:
                    if isinstance(item, tuple):
                        subs = "".join(f"<li>{escape(s)}</li>" for s in item[1])
                        out.append(f'<li>{escape(item[0])}<ol type="i">{subs}</ol></li>')
                    else:
                        out.append(f"<li>{escape(item)}</li>")
                out.append("</ol>")
            out.append("</li>")
        out.append("</ol>")
    out.append("<h2>Schedule</h2>\n<table>\n<tr><th>Component</th><th>Version</th><th>Hosting</th></tr>"
               "<tr><td>Inventory</td><td>4.2</td><td>Supplier cloud</td></tr>"
               "<tr><td>Irrigation control</td><td>2.7</td><td>On premises</td></tr>\n</table>")
    out.append('<section class="footnotes"><ol><li id="fn1">Each party signs two identical copies of this '
               'Agreement. <a href="#fnref1">\u21a9</a></li></ol></section>\n</body>\n</html>\n')
    with open(f"{OUT}/maintenance-agreement.html", "w", encoding="utf-8") as f:
        f.write("\n".join(out))


MEETING = [
    ("Priya", "Okay, I think everyone's here. Thanks for joining the Thursday planning call."),
    ("Priya", "We have three things today: the irrigation rollout, the storage budget, and the harvest rota."),
    ("Tomás", "Before we start, can I add one small item about the delivery van?"),
    ("Priya", "Sure, we'll take it at the end."),
    ("Priya", "So, irrigation. Greta, where are we with the sensors?"),
    ("Greta", "Twenty of the thirty sensors are in the ground and reporting."),
    ("Greta", "The last ten are waiting on cables, which should arrive on Monday."),
    ("Greta", "Once they're in, the north terraces will be fully covered."),
    ("Malik", "Are the readings reliable yet? Last week the east block was showing zero moisture after rain."),
    ("Greta", "That was a calibration problem. We reset the three sensors in that row and they look sensible now."),
    ("Malik", "Good. I'd like a week of clean data before we let the system open valves on its own."),
    ("Priya", "Agreed. Let's keep manual control until the end of the month and review then."),
    ("Priya", "Next, storage. Malik, you had the numbers."),
    ("Malik", "Yes. The cold store quote came in at eleven thousand, which is about two thousand over what we planned."),
    ("Malik", "Most of the difference is the new insulation panels."),
    ("Tomás", "Could we do the panels ourselves? We did the packing shed walls two years ago."),
    ("Malik", "We could, but the warranty on the cooling unit requires certified installation."),
    ("Tomás", "Ah. Then no, that's not worth the risk."),
    ("Greta", "What if we delay the second compressor to next season? That was about two thousand as well."),
    ("Malik", "That works on paper. We'd be fine unless we get another heatwave in September."),
    ("Priya", "Let's take Greta's option and put the compressor first on next year's list."),
    ("Priya", "Malik, can you confirm the revised quote with the supplier by Friday?"),
    ("Malik", "Will do."),
    ("Priya", "Harvest rota. Tomás, you drafted it."),
    ("Tomás", "I did. The short version is we're two pickers short for the second week of September."),
    ("Tomás", "I've asked the school about students, and two of last year's seasonal crew may come back."),
    ("Greta", "I can cover mornings that week if the sensor work is finished."),
    ("Tomás", "That would help a lot. I'll pencil you in for the Tuesday and Wednesday."),
    ("Priya", "Please send the draft rota to everyone tonight so people can flag clashes."),
    ("Tomás", "Sure."),
    ("Priya", "And your van item?"),
    ("Tomás", "The delivery van failed its brake test. The repair is booked for Tuesday, so no deliveries that day."),
    ("Malik", "I'll tell the shop in town. They usually take a delivery on Tuesdays."),
    ("Priya", "Thanks. So, to recap the actions:"),
    ("Priya", "Greta finishes the sensors and we keep manual valves until month end."),
    ("Priya", "Malik confirms the cold store quote by Friday and tells the shop about Tuesday."),
    ("Priya", "Tomás circulates the harvest rota tonight."),
    ("Priya", "Anything else? No? Then thanks, everyone. Same time next week."),
]


def timings():
    """Spreads the cues over about five minutes, longer lines taking longer."""
    t, out = 2.0, []
    for speaker, text in MEETING:
        duration = max(2.5, len(text) / 11.0)
        out.append((t, t + duration, speaker, text))
        t += duration + (1.6 if out and len(out) > 1 and MEETING[len(out) - 2][0] != speaker else 0.6)
    return out


def stamp(seconds, sep):
    ms = int(round(seconds * 1000))
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02}:{m:02}:{s:02}{sep}{ms:03}"


def transcripts():
    cues = timings()
    srt, vtt, previous = [], ["WEBVTT", "Kind: captions", "Language: en", "",
                              "NOTE Weekly planning call, Northwind Orchard Cooperative.", ""], None
    for i, (a, b, speaker, text) in enumerate(cues, start=1):
        label = f"{speaker}: " if speaker != previous else ""
        srt += [str(i), f"{stamp(a, ',')} --> {stamp(b, ',')}", label + text, ""]
        vtt += [f"{stamp(a, '.')} --> {stamp(b, '.')}", f"<v {speaker}>{escape(text)}</v>", ""]
        previous = speaker
    with open(f"{OUT}/planning-call.srt", "w", encoding="utf-8") as f:
        f.write("\n".join(srt))
    with open(f"{OUT}/planning-call.vtt", "w", encoding="utf-8") as f:
        f.write("\n".join(vtt))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    book()
    contract_docx()
    contract_html()
    transcripts()
    print("samples written to", OUT)
