#!/usr/bin/env python3
"""Writes eval/documents/: the summary evaluation set. Six original documents,
all names, numbers and dates invented for Precis:

  glasshouse-at-farrowmere.epub       novella, 8 chapters (EPUB 3 with nav)
  facilities-services-agreement.docx  services agreement, Word numbering
  bakery-unit-lease.md                commercial lease, Markdown articles
  operations-meeting.vtt              WebVTT meeting, 5 speakers, ~25 minutes
  dental-practice-meeting.srt         SRT meeting, 3 speakers, ~10 minutes
  cr40-controller-manual.md           technical manual for a cold room controller

The key facts each summary must state are in eval/facts.yaml. Output is
deterministic (fixed zip timestamps, no clock reads): running the script twice
gives byte-identical files. Run from anywhere; writes next to this script's
repository root."""
import importlib.util
import os
import re
import textwrap
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("ziplib", os.path.join(HERE, "ingest-ziplib.py"))
L = importlib.util.module_from_spec(spec)
spec.loader.exec_module(L)
OUT = os.path.normpath(os.path.join(HERE, "..", "eval", "documents"))


def paragraphs(text):
    """Splits a triple-quoted block on blank lines; lines within a paragraph
    are joined with single spaces."""
    return [" ".join(p.split()) for p in textwrap.dedent(text).strip().split("\n\n")]


def smarten(p):
    """Typographic quotes for the book: every ' becomes a right single quote
    (the text uses no single quotation marks), double quotes alternate."""
    assert p.count('"') % 2 == 0, p[:60]
    parts = p.replace("'", "\u2019").split('"')
    out = parts[0]
    for i, part in enumerate(parts[1:]):
        out += ("\u201c" if i % 2 == 0 else "\u201d") + part
    return out


def write_text(name, text):
    with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


# ---------------------------------------------------------------------------
# The novella
# ---------------------------------------------------------------------------

BOOK_TITLE = "The Glasshouse at Farrowmere"
BOOK_AUTHOR = "Precis Evaluation Texts"

BOOK = [
    ("The Surveyor", """
The surveyor arrived on the first Monday in March, in a grey county car with a
cracked wing mirror, and parked it exactly where the sign asked visitors not
to. Nell Arden watched him from the potting bench inside the Farrowmere
glasshouse, her hands in a tray of compost, and decided to let the sign speak
for itself.

He was younger than she had expected, perhaps thirty, tall and careful, with a
clipboard held against his chest like a shield. He knocked on the glass door,
although it was open, and waited to be asked in.

"Tobias Quill," he said. "Harlshire County Council, estates department. I
wrote to you in January."

"You did," said Nell. "I wrote back."

"You did." He smiled a little, as if he had read her letter more than once.
"I'm afraid the committee has asked for a full condition survey anyway. It's
on the agenda for the fourteenth of April." He hesitated, then gave her the
rest of it plainly, which she would later count in his favour. "The question
in front of them is whether to repair the glasshouse or to demolish it and
sell the land. There's an offer from Dunmore Homes. Sixty-four houses."

Nell had known something of the sort was coming. The county had been trimming
the glasshouse budget for nine years: first the second gardener, then the
winter heating allowance, then the money for glass. Still, hearing it said
aloud in the place itself made her look up at the great iron ribs of the roof,
as if they might have heard too.

The Farrowmere glasshouse stood at the bottom of the old park on the edge of
Wenlow, a long nave of white-painted iron and glass with a dome at its centre
like a held breath. Augusta Farrow had built it in 1887 to house the plants
her brother sent home from his travels, and had given it to the county four
years later, with the park around it, "for the pleasure and instruction of the
people of Wenlow." For most of the twentieth century the people of Wenlow had
come on Sundays to walk among the palms. Now they came mostly in school
parties, or to get out of the rain.

"You'd better see it properly, then," Nell said, and wiped her hands.

She took him the long way round, as she took everyone. Through the fern house,
where the air was so wet it beaded on his clipboard. Past the pond with its
three elderly carp, who rose hopefully at the sound of feet. Under the dome,
where the big palm pressed its crown against the glass and had done for twenty
years, so that the panes above it had to be cleaned by a man on a rope. Tobias
wrote steadily as they walked. Every so often he stopped, tapped a column with
a small steel hammer, and listened.

"How many panes are there?" he asked.

"Four thousand two hundred, give or take. Augusta's plans say four thousand
one hundred and ninety-six. Nobody has ever agreed on the count."

By the time they reached the west wing he had counted three hundred and twelve
cracked panes and marked each one on his plan with a small red cross. He had
also found rust in the gutters, a sagging purlin over the fern house, and a
boiler that he described in his notes, Nell saw over his shoulder, as "of
historical interest."

"It works," she said.

"I'm sure it does." He did not sound sure.

At the far end of the west wing, where the light came in low and gold over
the park, Nell stopped in front of a plant that looked, to most visitors, like
a mass of grey rope. It climbed from a raised brick bed to the roof and ran
along three bays of the ridge, its stems as thick as a man's wrist at the
base. Small leathery leaves grew along it in no particular pattern. A painted
board beside the bed read: Lantern vine. Planted 1888.

"This is the reason I'd ask you to write carefully," she said.

Tobias looked at it politely. "What is it?"

"Nobody is quite sure. Augusta's brother sent it back as a cutting in a tin,
with a note that said it flowered at night and lit up the forest. The label's
been argued over for a hundred years. In the town they call it the Farrowmere
lantern." She put her hand on the oldest stem. "It flowered for the last time
sixty-one years ago. People still talk about it. They say the whole glasshouse
smelled of it for a week and you could see the flowers from the road."

"Sixty-one years," Tobias repeated. "And it's still alive."

"It's alive because it's been kept at ten degrees or above every night since
1888. If it gets colder than that, it dies. Move it, and it dies. Build
sixty-four houses on top of it," she said, "and I expect it dies."

He wrote something down. She did not try to read it.

At the door he paused with his hand on the frame. Rain had begun, fine and
slanting, and it ticked on the glass overhead like a clock with too many
hands.

"I have to report what I find," he said. "The cost of repair, the cost of
demolition, the condition of the structure. That's the job."

"I know."

"But I'll report all of it." He looked back along the nave, past the palms and
the pond, to the grey rope of the vine at the far end. "I'll be back on
Thursday to look at the foundations. If there's anything else I ought to see,
I'd be glad if you'd show me."

When his car had gone, Nell sat on the step of the potting shed for a long
time. Then she took out the accounts book and turned to the page where, every
month for nine years, she had written down the number of visitors. In
February it had been four hundred and six. It was not a number that would save
anything. She closed the book, put on her coat, and walked up through the park
towards the lodge, where Hester Lyle had lived for as long as anyone could
remember.
"""),
    ("Hester's Key", """
Hester Lyle was eighty years old and had been head gardener at Farrowmere for
thirty-eight years before she retired. She still lived in the lodge at the top
of the park, a small stone house with a slate roof and a garden so orderly
that Nell, who had trained under her, still felt faintly untidy walking up its
path.

Hester was in the kitchen, shelling broad beans into a colander because, she
said, her hands liked something to do. She listened to the whole story without
interrupting: the surveyor, the committee, the fourteenth of April, Dunmore
Homes and the sixty-four houses.

"Rafe Dunmore," Hester said at last. "I knew his grandfather. He sold this
town its coal for forty years and never once delivered a full sack."

"The county needs the money," Nell said. "That's the trouble. It isn't wicked.
It's just arithmetic. Councillor Waite said last year that every pound spent
on the glasshouse was a pound not spent on the care homes."

"Bryony Waite is a sensible woman," Hester said, "which is exactly why she
needs better arithmetic." She tipped the beans into a pan and put the lid on.
Then she went to the dresser, opened the small drawer under the clock, and
came back with something wrapped in a yellow duster.

It was a key, iron and heavy, about the length of Nell's hand. A brass tag was
wired to the bow, worn almost smooth, and stamped with the letters B.H. and
the number 3.

"Boiler house," Hester said. "Cellar number three. It's under the floor of
the old coal store, behind the boiler. I had this key from old Mr Pennick in
the spring I started here, and he told me then that nobody had opened that
door since the war."

"What's in it?"

Hester sat down. She took a long time about it, as she did everything now,
and when she spoke she looked at the window rather than at Nell.

"Mr Pennick said Miss Farrow kept her papers there. The ones she didn't want
the county to lose. He said that if anyone ever came to pull the glasshouse
down, the keeper should go and look." She folded the duster into a neat
square. "I never had to. Perhaps you do."

"Why didn't you ever open it? In all those years?"

"Because nobody ever came to pull it down," said Hester, "and because I
promised someone I wouldn't unless they did." She did not say who, and Nell,
who had known her for twenty years, knew better than to ask twice.

Nell walked back down the park in the dusk with the key in her coat pocket,
heavy against her hip. The wind had got up from the west. By the time she
reached the glasshouse it was pushing hard at the long side of the nave, and
she could hear the whole structure working, a low iron groan under the rattle
of loose glass.

She checked the thermometers out of habit: fourteen degrees in the west wing,
twelve in the fern house. The boiler was ticking over. The vine was fine.

At a little after nine, as she was locking the potting shed, there was a sound
from the dome like a plate dropped on a stone floor, then another, then a long
sliding crash. Nell ran. Under the dome, in the light of her torch, she found
broken glass spread across the path and the pond, and a gap in the roof four
panes wide through which the rain was driving sideways. One of the carp was
swimming in slow circles among the splinters, unharmed and plainly offended.

She spent two hours on a ladder with a roll of heavy polythene and a staple
gun, fighting the wind for every inch. When she came down her hands were cut
in three places and the thermometer under the dome read nine degrees. She lit
the small backup heater, moved it as close to the vine bed as its cable would
allow, and sat beside it until the numbers started to climb again.

It was almost midnight when her phone buzzed. A message from a number she did
not know: "Tobias Quill. The duty officer says there was wind damage at
Farrowmere tonight. Is anyone hurt? Is the vine all right?"

She looked at it for a while. Then she typed back: "Four panes under the dome.
Nobody hurt. Vine fine." After a moment she added: "Thank you for asking."

She fell asleep in the chair in the potting shed with her coat over her knees
and the iron key still in the pocket, and dreamed of a door in the ground that
opened onto a garden under snow.
"""),
    ("The Cellar", """
Sami Okafor came on Wednesday after school, as he had every Wednesday and
Saturday since the autumn. He was fifteen, quick and quiet, and had turned up
the previous October asking whether the glasshouse needed volunteers, because
his grandmother had told him it had the best fig tree in the county and he
wanted to see if that was true. It was. He had stayed for everything else.

Nell showed him the key. Sami turned it over with great respect and asked
whether it was a real secret or just an old one.

"Both, possibly," said Nell.

The boiler house was a low brick building at the back of the glasshouse, half
sunk into the slope, with a chimney that leaned very slightly towards the
town. Behind the boiler, past the coal store that had held only broken
flowerpots since the heating went over to oil, they found a wooden trapdoor
set into the floor under a mat of dust and old sacking. Under the trapdoor was
a flight of stone steps. At the bottom of the steps, in the beam of Sami's
torch, were three low doors in a row, each with a number painted above it in
flaking white.

The key went into the third door stiffly and then all at once. The lock turned
with a sound like a cough.

The cellar beyond was no bigger than a garden shed and surprisingly dry. There
were shelves of empty seed trays, a rusted watering can, a pair of boots that
had set hard into the shape of somebody's feet, and, against the back wall, a
black tin trunk with the initials A.F. painted on the lid in gold.

They carried it up the steps between them, which took some time, and set it on
the potting bench in the light. The trunk was not locked. Inside, wrapped in
oilcloth, were three things.

The first was a notebook bound in green leather: Augusta Farrow's planting
journal, written in a small, sloping, impatient hand, with entries from 1886
to 1902. Sami found the page for the lantern vine almost at once. In June 1889
Augusta had written: First flowers on the lantern. Forty-one blooms, white,
each the size of a teacup. Scent carried to the lodge. The gardeners would not
go home.

The second was a letter in a sealed envelope, addressed simply: To whoever
keeps the glass.

The third was a long document on heavy paper, folded in four and tied with
faded red tape. Nell untied it with hands that were not quite steady. It was
headed Deed of Gift, it was dated the ninth of May 1891, and it was signed by
Augusta Farrow and witnessed by two people whose names meant nothing to either
of them.

Most of it was what Nell had expected: the park and the glasshouse given to
the county of Harlshire for the pleasure and instruction of the people of
Wenlow. But the fourth clause was underlined in ink, and she read it aloud
twice.

The said land is given for so long as the glasshouse shall stand upon it and
be kept open to the public. Should the glasshouse be pulled down, or closed to
the public for more than one year together, the land shall return to my
heirs, and the County shall have no further right in it.

Sami was the first to speak. "So they can't sell it."

"I don't know," said Nell. "I'm not a lawyer. They can probably pull the
glasshouse down. But if they do, the land isn't theirs to sell any more. It
goes back to the family."

"What family?"

That was the question. Augusta Farrow had never married. Her brother had died
abroad. As far as anyone in Wenlow knew, the Farrows had simply come to an
end.

Nell opened the letter last. It was short.

If you are reading this, then someone has come to take the glass away, and you
are wondering whether it is worth the fight. I cannot tell you that. I can
tell you that the lantern vine will flower again if it is kept warm and left
in peace, though it may make you wait longer than is reasonable. Everything I
have loved has made me wait. Keep the glass. A.F.

They sat for a while without talking. Outside, the polythene over the dome
crackled in the wind.

"You should tell the surveyor," Sami said eventually. "He asked you to show
him anything he ought to see."

"How do you know that?"

"You told me. Twice." He was already photographing each page of the deed with
his phone, steadying it on the edge of the trunk, the way he had seen people
do on television. "And you should make copies. Lots of them. Before anyone
else knows it exists."

That evening Nell sent the photographs to Tobias Quill with a two-line
message. His reply came inside ten minutes. "This changes the report. Can I
come tomorrow at eight? Please don't show it to anyone else until I've checked
the land registry."

She locked the deed, the journal and the letter in the safe in the office, the
one that usually held the petty cash and the first-aid book, and went home for
the first time in three nights.
"""),
    ("An Offer from Dunmore", """
Tobias came at eight, as promised, and spent an hour with the deed at the
office table, reading it twice and then photographing it again with a better
camera. He said the land registry showed the county as owner of Farrowmere
Park "subject to conditions in a deed of 1891," and that nobody in the estates
department had ever looked up what the conditions were.

"Is that normal?" Nell asked.

"It is more normal than you would like," said Tobias.

He left for the county archive, where the older records were kept. He had
hardly been gone twenty minutes when a second car came up the drive, long and
dark blue and very clean, and parked in the same forbidden place.

Rafe Dunmore was in his fifties, broad and cheerful, with the kind of
handshake that lasted slightly too long. He had brought a folder of drawings
and a box of pastries from the good bakery in the market square, and he
insisted that Nell have one before he said anything at all.

"I want you to know I'm not the villain here," he said, spreading the
drawings on the potting bench. "The county is broke. Everyone knows it. If it
isn't me buying this land, it'll be someone who cares a great deal less than I
do."

The drawings showed sixty-four houses in curved terraces, with a square at
the centre and a line of young trees along the old park wall. Where the
glasshouse stood there was a small pavilion of glass and timber labelled
Community Garden Room.

"We'd keep the best plants," Dunmore said. "The big palm, the fig. I've asked
our landscape people. And we'd want someone to run it. Someone who knows the
place." He looked at her frankly. "The job is head of landscaping for the
whole development. Forty-eight thousand a year, a car, a proper team. You'd
never have to stand on a ladder in a gale again."

Nell looked at the little glass pavilion in the drawing. It was about the size
of the fern house.

"Where does the lantern vine go?" she asked.

Dunmore's people had, it turned out, not been told about the lantern vine. He
listened to her explanation with real interest, asked how old it was, and
wrote the figure down. Then he said that surely a cutting could be taken, that
modern greenhouses were far better than Victorian ones at holding a
temperature, and that it seemed a shame to stop sixty-four families having
homes because of a plant that had flowered once in living memory.

"It's not about the flowering," Nell said, and found, to her surprise, that
she could not quite explain what it was about.

"Think it over," said Dunmore. He left the drawings and the pastries. At the
door he turned back, as if something had only just occurred to him. "Oh, and
I hear there's been some talk about old papers. Deeds and so on. My lawyers
have looked at the title. Any conditions from the eighteen-nineties would be
very hard to enforce now, they tell me, even if anyone wanted to. I'd hate you
to get your hopes up."

After the blue car had gone, Nell sat with that last remark for a long time.
Nobody but she, Sami and Tobias knew about the deed. She had told no one else.
Sami, when she rang him, swore he had told no one either, not even his
grandmother, and she believed him.

She rang Tobias. He was quiet for a moment.

"I asked the county solicitor's office yesterday evening whether they had a
copy of the 1891 deed on file," he said. "I didn't say why. They said they'd
look." Another pause. "I suppose somebody there mentioned it to somebody else.
Wenlow isn't a large town."

"So he knows."

"He knows there's a deed. I don't think he knows what's in it. And I don't
think he knows who the heirs are." Tobias sounded, for the first time since
she had met him, slightly excited. "Neither do we, yet. But the archive is
open until six, and I've got the afternoon."

That evening Nell wrote a polite letter to Rafe Dunmore thanking him for the
pastries and turning down the position of head of landscaping. She read it
over twice, took out the word "regretfully," and put the letter in the post
box at the park gate on her way to check the boiler.

The boiler was running hot and loud, shuddering in its brick cradle the way it
had begun to do that winter. Nell stood beside it with her hand flat on the
warm casing, as if it were an old horse, and told it that it only had to last
until the fourteenth of April. After that, one way or another, it would be
somebody else's problem.
"""),
    ("The Archive", """
The county archive occupied the basement of the old corn exchange in Wenlow's
market square: four long rooms of steel shelving, a reading table under a
single high window, and an archivist who spoke in a whisper even when the
rooms were empty.

For the rest of March Tobias went there every afternoon he could spare. He
told Nell later that he had never enjoyed any part of his job so much. He read
parish registers and probate records, census returns and the minutes of the
county council for 1891, in which the gift of Farrowmere Park had been
accepted with a vote of thanks and a resolution to plant a row of limes along
the drive. The limes were still there. Nobody in Wenlow knew why.

Augusta Farrow, he found, had died in 1911 and left everything she still
owned to her only nephew, Edmund, the son of the brother who had sent home
the lantern vine. Edmund had been a schoolmaster in a town on the coast and
had had one child, a daughter named Clara. Clara Farrow had married a railway
clerk named Walter Lyle in 1938.

Tobias read the name three times before he let himself write it down.

Clara and Walter Lyle had had one daughter, born in Wenlow in the spring of
the year the war ended. Her name was Hester.

He drove straight to the glasshouse, although it was past six and he was not,
strictly speaking, supposed to use the county car for anything but county
business. Nell was under the dome, replacing the polythene with the new panes
that had finally arrived. She came down the ladder when she saw his face.

"Hester Lyle," Tobias said. "Her mother was Augusta Farrow's great-niece.
Unless there's someone I haven't found, and I've looked, Hester is the heir.
If the glasshouse comes down, the land goes back to her."

Nell stood very still, holding a pane of glass against her chest.

"She knew," she said at last. "She must have known. She gave me the key."

They walked up to the lodge together. It was almost dark, and Hester had lit
the lamp in the front window. She opened the door before they knocked, looked
at the two of them, and said, "You'd better come in. I'll make tea. I think
it's going to be a long one."

She did know. She had always known. Her mother had told her when Hester was a
girl: that the park had once been the family's, that old Augusta had given it
away, and that there was a paper somewhere that said it would come back if the
glass ever came down. Clara had made her daughter promise two things. The
first was that she would never try to take the park back while the glasshouse
stood. The second was that if anyone ever tried to pull the glasshouse down,
she would not let them do it quietly.

"I became a gardener here because of that promise," Hester said. "I suppose I
thought that if I looked after the glass myself, it would never come to this.
For thirty-eight years it didn't." She put her cup down. "When you came to me
about the surveyor, I thought: it's not my place to tell. It's hers. Let her
find the paper and decide whether it's worth the fight. That's what Augusta
would have wanted. She said as much in her letter, didn't she?"

"You've read the letter?"

"No. But I read Augusta's journal a long time ago, and I know how she wrote."
Hester smiled. "She was not a woman who believed in making things easy."

Tobias asked, carefully, what Hester would do if the committee voted to
demolish and sell. She looked at him for a long moment over the rim of her
glasses.

"Mr Quill," she said, "I am eighty years old. I have no children and no wish
to become a property developer. If that land ever comes back to me, the only
thing I will do with it is put the glasshouse back. I would rather the county
saved me the trouble."

Walking back down the drive under the limes, Tobias was quiet for a long time.
Then he said that he would have to rewrite his report from the beginning.

"I was asked to compare two costs," he said. "Repair and demolition. I had
demolition at forty-two thousand pounds and the sale of the land at one point
three million. Against that, repair at not quite two hundred thousand. It
looked simple." He kicked a lime seed off the path. "But if the county can't
sell the land without the glasshouse on it, then the one point three million
isn't real. And if it isn't real, the only sensible number left is the
repair."

"Will they listen?"

"I don't know," said Tobias. "But they'll have to read it."

That night Nell stood in the west wing for a long time, looking at the lantern
vine in the dark. She thought that perhaps it was putting out new growth along
the ridge, pale knots at the ends of the stems that had not been there in
February. She told herself it was probably her imagination. She wrote it down
in the daybook anyway, with the date.
"""),
    ("The Night of the Frost", """
The frost came on the night of the second of April, exactly as the forecast
had promised, and rather harder. By nine o'clock the thermometer by the park
gate read two degrees below freezing. By eleven it read minus four. The grass
in the park had turned to stiff grey fur, and the glass of the dome was
beginning to flower with ice on the outside.

Inside, the boiler had been running flat out since dusk. Nell had stayed late
to watch it, as she did on every cold night, and Sami had stayed with her
because it was the Easter holidays and because, he said, he had never seen
anyone look after a building all night and wanted to know how it was done.

At twenty past eleven the boiler gave a long, wheezing cough, and stopped.

Nell tried everything she knew. She reset the burner three times. She bled
the fuel line, checked the pump, tapped the pressure gauge, and said several
things to the boiler that Sami politely pretended not to hear. Each time the
burner caught for a few seconds, roared, and then died with a puff of sour
black smoke that came back into the boiler house instead of going up the
chimney.

"It's not the boiler," Sami said suddenly. "It's the chimney. The smoke's
coming back down."

He was right. Something was blocking the flue. With the flue blocked the
boiler would not run, and without the boiler the glasshouse was losing its
heat through four thousand two hundred panes of glass into a night of minus
four.

Nell checked the west wing. Eleven degrees. In the fern house, already nine.
She rang the emergency heating engineer, who said he could come at seven in
the morning. She rang Hester, who said that the church hall kept six paraffin
heaters in its cupboard for the Christmas fair and that the churchwarden would
open it for anyone who was saving the lantern vine. Then, because she could
not think who else to ring, she rang Tobias.

He arrived twenty minutes later with the six paraffin heaters, two cans of
fuel and the churchwarden's spare key. He was wearing pyjama trousers under
his coat. Nobody mentioned it.

They set the heaters in a ring around the vine's brick bed and hung old dust
sheets from the lower roof bars to make a kind of tent, trapping the warmth
where it was needed most. The fern house they could not save entirely; Nell
moved the most delicate ferns into the potting shed, where the small electric
heater was running, and left the rest to take their chances. The carp, she
decided, would have to manage on their own. Carp had survived worse.

By one in the morning the temperature inside the tent was steady at twelve
degrees. Outside it, under the dome, it had dropped to six. They took turns
walking the length of the glasshouse every half hour with a torch and a
thermometer, trimming the wicks of the heaters and topping up their tanks. The
air smelled of paraffin and wet earth and, very faintly, of something else
that Nell could not identify.

At half past four, as the sky over the park began to turn from black to a deep
bruised blue, Sami said he was going to look at the chimney.

"You are not going up on that roof," said Nell.

"I'm not going on the roof. There's a fixed ladder on the boiler house wall.
It goes all the way up to the chimney. I looked yesterday." He was already
pulling on his gloves. "If it's a bird's nest, I can get it out with the drain
rods. If it's anything else, I'll come straight down."

Tobias held the bottom of the ladder. Nell held the torch and her breath. The
ladder was iron and very cold, and Sami went up it carefully, testing every
rung, until he reached the little platform beside the chimney pot. He shone
his own torch down into it and laughed out loud.

"Jackdaws," he called down. "It's full of sticks. There must be a whole
family of jackdaws' worth of sticks in here."

It took him twenty minutes and most of a set of drain rods to clear it. A
great deal of the nest fell down the inside of the flue into the boiler house,
and a great deal more fell on Tobias. When Sami climbed down at last his face
was black with soot and he was grinning. Nell relit the boiler. It caught,
roared, and this time the smoke went up into the grey dawn where it belonged.

By the time the emergency engineer arrived at seven, the glasshouse was back
at fourteen degrees and the three of them were asleep in the office: Sami on
the floor under a pile of hessian sacks, Tobias upright in the only chair,
Nell with her head on the desk beside the daybook. The engineer looked at the
boiler, looked at the pile of sticks on the floor, and said there was nothing
left for him to do. He charged them for the call-out anyway.

They lost eleven ferns and one of the old camellias in the fern house. The
lantern vine did not lose a leaf. When Nell went to check it in full daylight,
she found that she had not imagined the pale knots along the ridge. There were
dozens of them now, swelling at the end of every young stem, and the faint
sweet smell she had noticed in the night was stronger here, close to the
glass.

Hester, when Nell told her, said only: "Buds. It's making buds. Augusta wrote
that it does that after a fright."
"""),
    ("The Committee", """
The estates committee of Harlshire County Council met on the fourteenth of
April in the council chamber at Wenlow, a panelled room with bad acoustics and
a portrait of a former mayor who seemed to disapprove of everyone equally.
There were seven councillors on the committee. Bryony Waite was in the chair.

The public gallery, which usually held two or three people and a reporter from
the local paper, was full. Somebody, who turned out to be Sami with the help of
his school's pages online, had let it be known that the glasshouse was on the
agenda, and nearly a hundred people had come, from schoolchildren to a man of
ninety who said he had proposed to his wife under the dome in 1958.

Tobias presented his report first. He spoke for twelve minutes without notes.
He described the condition of the structure honestly: three hundred and
twelve cracked panes, rust in the gutters, a purlin over the fern house that
needed replacing, and a boiler that was, as he put it, a survivor. He gave the
cost of demolition as forty-two thousand pounds. He gave the cost of a full
repair, spread over three years, as one hundred and eighty-six thousand
pounds.

Then he told the committee about the deed of 1891 and its fourth clause, and
put a copy of it on the screen behind the chair.

"I have to advise the committee," he said, "that in my view the county does
not own this land outright. It holds it on a condition. If the glasshouse is
demolished, the land passes to Miss Farrow's heir. In that case the county
would have nothing to sell to Dunmore Homes or to anyone else. The figure of
one point three million pounds in my first draft should not be relied on."

There was a long murmur from the gallery. Councillor Waite called for quiet
and invited Mr Dunmore to respond.

Rafe Dunmore was good, Nell had to admit. He was friendly and reasonable and
he did not raise his voice. He said that his own lawyers had studied the title
and believed that a Victorian condition of this kind would not survive a
challenge in the courts. He said the county's care homes needed the money now,
not in three years. He said that his plans included a community garden room
that would keep the best of the plants and be far cheaper to heat. He said
that sixty-four families in Wenlow were waiting for homes, and that he was sure
nobody in the room wanted to stand in the way of that for the sake of a
building, however handsome.

Some of the committee were nodding. Councillor Waite was writing steadily and
giving nothing away.

Nell spoke next, for the five minutes allowed to members of the public. She
had written a speech and rehearsed it to Sami and the carp. When she stood up,
she found she did not need it. She told them about the vine that had been kept
warm every night since 1888, and about the night of the frost, the paraffin
heaters from the church hall, and the fifteen-year-old who had climbed a
frozen ladder in the dark to pull a jackdaws' nest out of a chimney. She said
that the glasshouse had had four hundred and six visitors in February, and that
she knew that was not many, but that every one of them had come on purpose.
She said the vine was in bud for the first time in sixty-one years. That
produced a noise from the gallery that Councillor Waite did not try to stop.

Then, at the back of the chamber, Hester Lyle stood up.

She had not told anyone she was coming. She walked to the front slowly, with
her stick, and the room was so quiet that Nell could hear the tap of it on the
wooden floor.

"My name is Hester Lyle," she said. "Mr Quill tells me I am the heir named in
that deed, so I will say this once. If the glasshouse is pulled down and the
land comes back to me, I shall not sell it to Mr Dunmore or to anybody else. I
shall build the glasshouse again." She turned, without hurrying, to look at
Rafe Dunmore. "Mr Dunmore's lawyers may be right that the condition is hard to
enforce. I am told it would take some years in the courts. I was head gardener
at Farrowmere for thirty-eight years, and I have learned to wait. I have the
time, and I have the money, and I have nothing I would rather spend either of
them on."

She sat down in the front row, in a seat that somebody hastily gave up for
her.

The committee took a short adjournment. When it came back, Councillor Waite
spoke for the first time.

"I have always said," she began, "that every pound spent on this glasshouse is
a pound not spent somewhere else, and I still believe that. But I have also
always said that I would follow the numbers. Mr Quill's report tells me that
the sale the county was counting on may not be possible at all, and that the
likeliest result of demolition is several years of legal costs followed by a
glasshouse we no longer own. That is not a saving." She put down her pen. "I
move that the county keep and repair the Farrowmere glasshouse, that the
repair be carried out over three years as Mr Quill proposes, and that officers
report within six months on setting up a charitable trust to raise money for
it and run it in partnership with the county."

The vote was five to two in favour. The gallery cheered so loudly that the
former mayor's portrait seemed to rattle on its hook.

Afterwards, in the corridor, Rafe Dunmore shook Nell's hand, slightly too
long, and said with what seemed like real good humour that he would build his
sixty-four houses on the old bus depot site instead, which had been his second
choice anyway. Then he shook Hester's hand, more carefully, and said that his
grandfather had always spoken very highly of her mother.

"Your grandfather," Hester said, "owed my mother for two sacks of coal." But
she said it kindly.
"""),
    ("The Lantern Flowers", """
Repairs began in May. The county's contractors put up scaffolding along the
north side of the nave, and every morning for three weeks Nell arrived to the
sound of old glass coming out and new glass going in. Tobias came at least
twice a week, officially to inspect the work and unofficially to eat his lunch
on the step of the potting shed and ask about the vine. Sami came every
Saturday and most evenings, and had started, without asking anybody, to keep
a record of the buds in a school exercise book: their number, their length,
the temperature and the time.

By the middle of June there were forty-three buds, long and pale and tipped
with green, hanging from the ridge of the west wing like unlit candles.

"Augusta had forty-one," Sami said. "We're winning."

On the evening of the twenty-first of June, midsummer, the buds began to open.

Nell had thought about this moment for weeks. She had imagined being alone with
it, or with Sami and Hester, quietly, in the long dusk. But word had got round
Wenlow the way it always did, and by nine o'clock there were people in the
park. They came through the gate in families and in pairs, with folding chairs
and flasks and children in pyjamas. They stood on the grass outside the west
wing and looked up at the glass. By ten there were more than three hundred of
them.

Tobias, who had drawn up an emergency plan on the back of an envelope, opened
the glasshouse and let them in in groups of twenty, ten minutes at a time,
along a path marked out with garden string. Sami kept count at the door.
Nobody pushed. People spoke in the low voices of a church or a hospital ward.

The flowers opened slowly and then all at once, the way Augusta had described:
white, each the size of a teacup, with a fringe of fine threads around the rim
that caught the light of the lamps and seemed to glow faintly in the dark. The
scent was sweet and heavy and carried, as she had written, all the way up the
park to the lodge. Long after midnight, people who had already been through
came back to stand outside the glass and look again.

Hester was brought down from the lodge in a wheelchair that she complained
about all the way. Tobias pushed her along the string path to the front, and
she sat beneath the vine for a long time without speaking. Nell knelt beside
the chair.

"I was nineteen," Hester said finally. "The last time. I stood just here with
Mr Pennick, and he told me that I might live to see it again if I was lucky and
looked after it. I didn't believe him." She wiped her eyes with the corner of
the yellow duster, which she had brought with her for the purpose. "I believe
him now."

In the morning the flowers closed, one by one, and by noon they had fallen. But
the glasshouse still smelled of them, and went on smelling of them for a week,
as the old people of Wenlow had always said it would.

In September the Farrowmere Glasshouse Trust was formally set up, with the
county and the town as partners. Hester Lyle signed a document, drawn up by a
solicitor who was also a keen amateur fern grower, giving her rights under the
1891 deed to the trust for as long as the glasshouse stood. She insisted on
signing it in the potting shed, with Augusta's own pen, which had turned up at
the bottom of the tin trunk wrapped in a handkerchief.

Nell Arden was appointed the trust's first director, with a budget that would
pay for a second gardener and, for the first time in nine years, for the
winter heating in full. Sami Okafor was taken on as the trust's first
apprentice, on the understanding that he would finish school first and would
never again climb a chimney ladder without a harness. Tobias Quill left the
county council at the end of the year and became the trust's surveyor, two
days a week, which he said was the best-paid job he had ever had, if you
counted the figs.

The last thing Nell did, on the evening the trust was signed, was to open
Augusta's letter one more time and read it at the potting bench. Then she took
a clean sheet of paper and wrote a letter of her own, addressed To whoever
keeps the glass next. She folded it in four, tied it with a piece of the old
red tape, put it in the tin trunk with the deed and the journal, carried the
trunk down the stone steps to cellar number three, and locked the door behind
her with the iron key.
"""),
]


def book():
    chapters = []
    for i, (title, text) in enumerate(BOOK, start=1):
        heading = f"Chapter {i}: {smarten(title)}"
        body = f"<h1>{escape(heading)}</h1>\n"
        body += "".join(f"<p>{escape(smarten(p))}</p>\n" for p in paragraphs(text))
        chapters.append((f"chapter{i}.xhtml", heading, body))
    L.epub(f"{OUT}/glasshouse-at-farrowmere.epub", BOOK_TITLE, BOOK_AUTHOR, chapters)


# ---------------------------------------------------------------------------
# The services agreement (DOCX with Word numbering)
# ---------------------------------------------------------------------------

AGREEMENT_TITLE = "Facilities Maintenance Services Agreement"

# (article title, [(clause text, [item | (item, [sub-items])])])
AGREEMENT = [
    ("Definitions and Interpretation", [
        ("In this Agreement the following terms have the meanings given below:", [
            "\u201cServices\u201d means the planned maintenance, reactive repair and helpdesk services described in "
            "Article 2 and in the Schedule;",
            "\u201cSite\u201d means the Client\u2019s freight terminal at 14 Quayside Road, Port Ardmoy, including "
            "the two warehouses, the vehicle workshop and the gatehouse;",
            "\u201cCommencement Date\u201d means 1 July 2025;",
            "\u201cContract Year\u201d means each period of twelve months starting on the Commencement Date or on "
            "an anniversary of it;",
            "\u201cBusiness Day\u201d means a day other than a Saturday, a Sunday or a public holiday in Ireland;",
            "\u201cMonthly Fee\u201d has the meaning given in clause 4.1;",
            "\u201cConfidential Information\u201d has the meaning given in clause 9.1."]),
        ("Headings are for convenience only and do not affect interpretation. References to Articles, clauses and "
         "the Schedule are to those of this Agreement.", []),
        ("If there is any conflict between the Articles and the Schedule, the Articles prevail.", []),
    ]),
    ("Services", [
        ("The Provider shall perform the Services at the Site from the Commencement Date in accordance with this "
         "Agreement, good industry practice and all applicable law.", []),
        ("The Services comprise:", [
            "planned preventive maintenance of the mechanical, electrical and fire safety systems listed in the "
            "Schedule, at the frequencies stated there;",
            "reactive repairs, with attendance at the Site within the response times stated in the Schedule; and",
            "a helpdesk staffed from 07:00 to 19:00 on Business Days, with an emergency telephone line at all "
            "other times."]),
        ("The Provider shall keep at least two qualified technicians on the Site between 07:00 and 19:00 on every "
         "Business Day.", []),
        ("The Provider shall deliver a written service report to the Client by the fifth Business Day of each "
         "month, covering the previous month\u2019s work, the response times achieved and any failure to meet the "
         "service levels in Article 5.", []),
    ]),
    ("Client Obligations", [
        ("The Client shall give the Provider\u2019s personnel safe and timely access to the Site, subject to the "
         "Client\u2019s reasonable security and induction rules.", []),
        ("The Client shall provide, free of charge, a lockable storeroom of at least 20 square metres for the "
         "Provider\u2019s tools and spare parts.", []),
        ("Each Party shall appoint a contract manager. The contract managers shall meet at least once a month to "
         "review the service report and any open issues.", []),
    ]),
    ("Fees and Payment", [
        ("In consideration of the Services, the Client shall pay the Provider a fee of EUR 14,750 (fourteen "
         "thousand seven hundred and fifty euros) per month, exclusive of VAT (the \u201cMonthly Fee\u201d), "
         "amounting to EUR 177,000 per Contract Year.", []),
        ("The Provider shall invoice the Monthly Fee monthly in arrears on the last Business Day of each month. "
         "Parts and materials for reactive repairs costing more than EUR 500 per item shall be invoiced "
         "separately at cost plus ten per cent, and only with the Client\u2019s prior written approval.", []),
        ("The Client shall pay each undisputed invoice within thirty (30) days of the date of receipt.", []),
        ("If the Client fails to pay any amount by its due date, interest shall accrue on the overdue amount at "
         "the rate of eight per cent (8%) per annum above the European Central Bank main refinancing rate, from "
         "the due date until the date of payment.", []),
        ("The Client may dispute an invoice in good faith by written notice within ten Business Days of receipt. "
         "The undisputed part shall be paid when due, and the contract managers shall meet within ten Business "
         "Days to resolve the dispute.", []),
        ("On each anniversary of the Commencement Date the Monthly Fee may be adjusted in line with the change in "
         "the consumer price index over the previous twelve months, subject to a maximum increase of four per "
         "cent (4%) in any Contract Year.", []),
    ]),
    ("Service Levels and Service Credits", [
        ("The Provider shall meet the response times stated in the Schedule in at least ninety-five per cent "
         "(95%) of cases in each month.", []),
        ("If the Provider fails to meet clause 5.1 in any month, the Client shall be entitled to a service credit "
         "of five per cent (5%) of the Monthly Fee for that month for each full percentage point of shortfall, "
         "up to a maximum of fifteen per cent (15%) of the Monthly Fee in any month.", []),
        ("Service credits shall be deducted from the next invoice and are the Client\u2019s sole financial "
         "remedy for a failure to meet the service levels, without prejudice to Article 7.", []),
    ]),
    ("Term and Renewal", [
        ("This Agreement starts on the Commencement Date and continues for an initial term of three (3) years "
         "(the \u201cInitial Term\u201d).", []),
        ("At the end of the Initial Term this Agreement renews automatically for successive periods of twelve (12) "
         "months (each a \u201cRenewal Term\u201d), unless either Party gives the other written notice of "
         "non-renewal at least ninety (90) days before the end of the Initial Term or of the current Renewal "
         "Term.", []),
    ]),
    ("Termination", [
        ("Either Party may terminate this Agreement with immediate effect by written notice to the other Party "
         "if the other Party:", [
            "commits a material breach of this Agreement and, where the breach is capable of remedy, fails to "
            "remedy it within twenty-one (21) days of receiving written notice of it; or",
            "becomes insolvent, has a receiver or examiner appointed over any of its assets, or enters into "
            "liquidation other than for the purpose of a solvent reorganisation."]),
        ("The Provider may terminate this Agreement by giving thirty (30) days\u2019 written notice if any "
         "undisputed invoice remains unpaid forty-five (45) days after its due date.", []),
        ("The Client may terminate this Agreement for convenience by giving the Provider not less than six (6) "
         "months\u2019 written notice, expiring no earlier than the end of the first Contract Year.", []),
        ("The Client may terminate this Agreement by written notice if the Provider fails to meet the service "
         "levels in clause 5.1 in three consecutive months.", []),
        ("On termination for any reason:", [
            "the Provider shall return all keys, access cards, drawings and records relating to the Site within "
            "five Business Days;",
            "the Provider shall cooperate with the Client and any replacement provider for a handover period of up "
            "to thirty days, at the rates then applying; and",
            "rights and liabilities that have accrued before termination are not affected."]),
    ]),
    ("Liability and Insurance", [
        ("Nothing in this Agreement limits or excludes either Party\u2019s liability for death or personal "
         "injury caused by its negligence, for fraud, or for any other liability that cannot be limited or "
         "excluded by law.", []),
        ("Subject to clause 8.1, each Party\u2019s total liability to the other under or in connection with this "
         "Agreement in any Contract Year shall not exceed one hundred and twenty-five per cent (125%) of the "
         "Monthly Fees paid or payable in that Contract Year.", []),
        ("Subject to clause 8.1, neither Party shall be liable for any loss of profit, revenue or goodwill, or for "
         "any indirect or consequential loss.", []),
        ("The Provider shall maintain, with reputable insurers, public liability insurance of at least EUR "
         "5,000,000 for any one claim and employer\u2019s liability insurance as required by law, and shall "
         "provide certificates of insurance on request.", []),
    ]),
    ("Confidentiality", [
        ("\u201cConfidential Information\u201d means all information of a confidential nature disclosed by one "
         "Party to the other in connection with this Agreement, including the Site\u2019s security arrangements, "
         "access codes, customer lists and pricing.", []),
        ("Each Party shall keep the other Party\u2019s Confidential Information secret, use it only for the "
         "purposes of this Agreement, and disclose it only to those of its employees, subcontractors and "
         "professional advisers who need to know it and are bound by equivalent obligations.", []),
        ("Clause 9.2 does not apply to information that is or becomes public other than through a breach of this "
         "Agreement, that the receiving Party already lawfully held, or that must be disclosed by law or by a "
         "court.", []),
        ("The confidentiality obligations in this Article 9 continue for five (5) years after this Agreement ends.", []),
    ]),
    ("Governing Law and Disputes", [
        ("This Agreement and any dispute or claim arising out of or in connection with it are governed by the "
         "laws of Ireland.", []),
        ("The Parties shall first try to resolve any dispute through their contract managers and, if it is not "
         "resolved within fifteen Business Days, by referring it to a director of each Party.", []),
        ("The courts of Ireland, sitting in Dublin, have exclusive jurisdiction to settle any dispute that is not "
         "resolved under clause 10.2.", []),
    ]),
    ("General", [
        ("Notices under this Agreement shall be in writing and delivered by hand, by registered post or by email "
         "to the address of the receiving Party stated above, or to any other address it notifies.", []),
        ("Neither Party may assign this Agreement, and the Provider may not subcontract any part of the Services, "
         "without the other Party\u2019s prior written consent, which shall not be unreasonably withheld.", []),
        ("This Agreement is the entire agreement between the Parties about its subject matter, and no amendment "
         "is effective unless made in writing and signed by both Parties.", []),
    ]),
]

AGREEMENT_PARTIES = [
    "HALLORAN FREIGHT TERMINALS LIMITED, a company registered under number 418273, whose registered office is "
    "at 14 Quayside Road, Port Ardmoy (the \u201cClient\u201d); and",
    "KESTREL FACILITY SERVICES LIMITED, a company registered under number 552019, whose registered office is at "
    "3 Mill Lane, Carrowbeg (the \u201cProvider\u201d),",
]

AGREEMENT_SCHEDULE = [
    ["Service", "Frequency or response time", "Notes"],
    ["Heating, ventilation and air conditioning", "Quarterly service", "Filters replaced at every visit"],
    ["Fire alarm and sprinklers", "Weekly alarm test; sprinkler inspection every six months",
     "Results logged in the fire safety book"],
    ["Loading dock doors and levellers", "Monthly inspection", "Twelve docks across both warehouses"],
    ["Emergency lighting", "Monthly function test; annual three-hour test", "Annual test in January"],
    ["Priority 1 repair (safety, security or loss of power)", "Attend within 2 hours, at any time",
     "Emergency line, 24 hours a day"],
    ["Priority 2 repair (a dock or warehouse system out of use)", "Attend within 8 hours",
     "Business Days, 07:00 to 19:00"],
    ["Priority 3 repair (all other faults)", "Attend within 3 Business Days", "Logged through the helpdesk"],
]


def agreement_docx():
    numbering = ('<w:abstractNum w:abstractNumId="0">'
                 + L.level(0, "decimal", "Article %1") + L.level(1, "decimal", "%1.%2")
                 + L.level(2, "lowerLetter", "(%3)") + L.level(3, "lowerRoman", "(%4)") + "</w:abstractNum>"
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
                 '<w:abstractNum w:abstractNumId="1">' + L.level(0, "decimal", "(%1)") + "</w:abstractNum>"
                 '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>')
    body = [L.para(AGREEMENT_TITLE, style="Title"),
            L.para("This Facilities Maintenance Services Agreement (the \u201cAgreement\u201d) is dated 12 May 2025 "
                   "and is made between:")]
    body += [L.para(p, num=("2", 0)) for p in AGREEMENT_PARTIES]
    body.append(L.para("each a \u201cParty\u201d and together the \u201cParties\u201d. The Client operates a freight "
                       "terminal and wishes to appoint the Provider to maintain it, and the Provider has agreed to "
                       "do so on the terms below."))
    for title, clauses in AGREEMENT:
        body.append(L.para(title, style="ArticleHeading"))
        for text, items in clauses:
            body.append(L.para(text, num=("1", 1)))
            for item in items:
                if isinstance(item, tuple):
                    body.append(L.para(item[0], num=("1", 2)))
                    body += [L.para(sub, num=("1", 3)) for sub in item[1]]
                else:
                    body.append(L.para(item, num=("1", 2)))
    body.append(L.para("Schedule: Services and Response Times", style="Heading1"))
    body.append(L.table(AGREEMENT_SCHEDULE))
    body.append(L.para("Signatures", style="Heading1"))
    body.append(L.para("Signed for and on behalf of Halloran Freight Terminals Limited by Aoife Brennan, Director, "
                       "on 12 May 2025."))
    body.append(L.para("Signed for and on behalf of Kestrel Facility Services Limited by Marcus Dole, Managing "
                       "Director, on 12 May 2025."))
    L.docx(f"{OUT}/facilities-services-agreement.docx", "".join(body), numbering=numbering,
           title=AGREEMENT_TITLE, creator=BOOK_AUTHOR)


# ---------------------------------------------------------------------------
# The commercial lease (Markdown)
# ---------------------------------------------------------------------------

LEASE = """\
# Lease of Unit 4, Kilnworth Trade Park

This lease is dated 3 June 2025 and is made between the parties below.

- **Landlord:** Pellow Estates LLP, of 22 Ropewalk Street, Kilnworth ("the Landlord").
- **Tenant:** Juniper Bakehouse Limited, company number 11840362, of 7 Tanner's Yard, Kilnworth ("the Tenant").
- **Guarantor:** Marisol Fenwick, a director of the Tenant ("the Guarantor").

## Article 1. Definitions

1.1 "Premises" means Unit 4, Kilnworth Trade Park, Kilnworth: a single-storey industrial unit with a gross internal area of 465 square metres, together with the right to use parking spaces 11 to 14 on the estate car park.

1.2 "Estate" means Kilnworth Trade Park, including its roads, car parks, landscaping and other common parts.

1.3 "Term" means the term granted by Article 2.

1.4 "Rent" means the annual rent set out in Article 3, as changed by any rent review under Article 4.

1.5 "Quarter Days" means 25 March, 24 June, 29 September and 25 December in each year.

## Article 2. Grant and Term

2.1 The Landlord lets the Premises to the Tenant for a term of ten years, starting on 1 September 2025 and ending on 31 August 2035.

2.2 No Rent is payable for the first three months of the Term, from 1 September 2025 to 30 November 2025, to allow the Tenant to fit out the Premises as a bakery.

2.3 This lease is granted without the security of tenure that would otherwise apply, the parties having completed the required notices and declarations before the date of this lease.

## Article 3. Rent and Payment

3.1 The initial Rent is GBP 38,400 (thirty-eight thousand four hundred pounds) a year, exclusive of VAT.

3.2 The Tenant shall pay the Rent by four equal quarterly instalments of GBP 9,600 in advance on the Quarter Days, by bank transfer and without any deduction or set-off.

3.3 The first payment, for the period from 1 December 2025 to 24 December 2025, is due on 1 December 2025.

3.4 If any Rent or other sum is not paid within fourteen days after its due date, the Tenant shall pay interest on it at four per cent a year above the Bank of England base rate, from the due date until payment.

## Article 4. Rent Review

4.1 The Rent shall be reviewed on 1 September 2030 to the open market rent for the Premises at that date, assessed on the assumptions usual for a lease of this kind.

4.2 The review is upwards only: the reviewed Rent shall not be less than the Rent payable immediately before the review date.

4.3 If the parties have not agreed the reviewed Rent within three months after the review date, either of them may ask an independent chartered surveyor, acting as an expert, to decide it.

## Article 5. Deposit

5.1 On the date of this lease the Tenant shall pay the Landlord a rent deposit of GBP 19,200, equal to six months' Rent.

5.2 The Landlord shall hold the deposit in a separate interest-bearing account and may draw on it to meet any unpaid Rent or other sum due from the Tenant.

5.3 The Landlord shall repay the deposit, less any proper deductions, within two months after the end of the Term.

## Article 6. Service Charge and Outgoings

6.1 The Tenant shall pay a service charge of 12.5 per cent of the Landlord's costs of maintaining, lighting, cleaning and securing the Estate.

6.2 For the first three years of the Term the service charge shall not exceed GBP 4,200 a year, exclusive of VAT.

6.3 The Tenant shall pay all business rates for the Premises and all charges for the water, gas, electricity and telecommunications it uses.

## Article 7. Use

7.1 The Tenant may use the Premises only for the production of bread, cakes and other baked goods, with ancillary retail sales from a counter area of not more than 30 square metres, open to the public between 06:00 and 18:00.

7.2 The Tenant shall not store goods or waste in the parking spaces, and shall not take deliveries by heavy goods vehicle between 22:00 and 06:00.

7.3 The Tenant shall keep the oven extraction system clean and shall have it professionally serviced at least twice a year.

## Article 8. Repair, Alterations and Insurance

8.1 The Tenant shall keep the interior of the Premises, including the doors, windows, floor surfaces and the Tenant's own plant, in good and clean condition.

8.2 The Landlord is responsible for the roof, the foundations, the main structure and the common parts of the Estate, and shall recover the cost of this work through the service charge.

8.3 The Tenant may make internal, non-structural alterations with the Landlord's written consent, which shall not be unreasonably withheld. A new extraction flue through the roof requires the Landlord's prior written consent and any planning permission needed.

8.4 The Landlord shall insure the building against the usual risks, and the Tenant shall repay the Landlord a fair proportion of the premium on demand.

8.5 If the Premises are made unfit for use by damage from an insured risk, the Rent shall be suspended until they are fit for use again, for up to three years.

## Article 9. Assignment and Subletting

9.1 The Tenant may assign the whole of the Premises with the Landlord's written consent, which shall not be unreasonably withheld, provided the assignee enters into a direct covenant with the Landlord.

9.2 The Tenant shall not sublet, share or part with possession of part only of the Premises.

## Article 10. Tenant's Break Option

10.1 The Tenant may end this lease on 31 August 2030 (the "Break Date") by giving the Landlord at least six months' written notice.

10.2 The break takes effect only if, on the Break Date, the Tenant has paid all Rent due and gives the Premises back with vacant possession.

## Article 11. Forfeiture

11.1 The Landlord may end this lease by re-entering the Premises if:

- (a) any Rent is unpaid twenty-one days after its due date, whether or not formally demanded;
- (b) the Tenant breaches any of its obligations and does not remedy the breach within a reasonable time after written notice; or
- (c) the Tenant becomes insolvent or enters into liquidation or administration.

## Article 12. Guarantee

12.1 The Guarantor guarantees to the Landlord that the Tenant will pay the Rent and perform its obligations under this lease during the first five years of the Term.

## Article 13. Governing Law

13.1 This lease is governed by the law of England and Wales, and the courts of England and Wales have exclusive jurisdiction over any dispute arising from it.

Signed by the Landlord, the Tenant and the Guarantor on 3 June 2025.
"""


def lease():
    write_text("bakery-unit-lease.md", LEASE)


# ---------------------------------------------------------------------------
# Meeting transcripts: one cue a line, "Speaker: text"; "--" marks a pause
# ---------------------------------------------------------------------------

OPERATIONS_MEETING = """\
Dana: Morning, everyone. Can you all hear me okay?
Felix: Loud and clear. Morning, Dana.
Ingrid: Morning. Sorry, I'm on the train, so I might drop out in the tunnel after the next station.
Tariq: Hi all. Yes, I can hear you fine.
Felix: Did anyone watch the match yesterday?
Tariq: Don't. Please don't. I'm still recovering.
Dana: Great. Moira said she'd join about ten minutes late, she's finishing the payroll run.
Dana: Did anyone else get snowed in over the weekend? We had about twenty centimetres at ours.
Felix: Nothing here, just rain. The yard flooded by the loading bay again, though.
Tariq: The same drain?
Felix: The same drain. I've given up reporting it. We're leaving that building anyway.
Tariq: My daughter built a snowman on Saturday and it had melted by lunchtime. She was devastated.
Dana: Ours is still standing, but it's leaning. Okay, that's a good lead into item one.
Dana: We've got four things today and I'd like to finish by half past, so let's get going.
Dana: Item one is the warehouse move. Felix, where are we?
Felix: Right. So the plan was to move into the Brackenfield unit on Monday the third of March.
Felix: The racking installers rang me on Friday. They're running behind, they lost a week on another job.
Felix: They can't guarantee that the mezzanine racking will be signed off before the eighteenth at the earliest.
Dana: The eighteenth of March?
Felix: Yes, the eighteenth of March. So moving on the third just isn't realistic.
Felix: We'd have eleven hundred pallets sitting on the floor for two weeks.
Dana: Could we move the slow lines first and keep the fast ones here until the racking is done?
Felix: I looked at that. It means running two pick faces for a fortnight, and a second van shuttling between the sites all day.
Felix: The van hire alone is about nine hundred pounds a week, and we'd still have pallets on the floor at the other end.
Dana: Okay, so that's not really cheaper. Fine.
Tariq: And the fire officer won't like that. Last time they said no floor storage in the aisles, full stop.
Felix: Exactly. So my proposal is that we move on Monday the twenty-fourth of March instead.
Felix: That gives us almost a week of slack after the sign-off, in case the inspector finds something.
Dana: What does that do to the lease on the old building?
Felix: We're covered until the end of March. The notice runs out on the thirty-first, so we'd still have a week to clear out.
Felix: And Brannock are bringing three lorries and eight people. They said any Monday in March is fine as long as we give them ten days' notice.
Ingrid: Sorry, can I just check, does that change anything for the pickup point?
Ingrid: We've been telling customers the Corrby collection counter moves in March.
Felix: It would still be March, just later in the month.
Ingrid: Okay, but is the Corrby counter even staying open after the move? I've had three customers ask me this week.
Dana: That's a fair question, and I don't think we've actually decided it.
Felix: I'd rather not run two sites. But Tariq says the collection numbers are decent.
Tariq: About forty collections a week. It's not nothing.
Dana: Let's not solve that one today. We need the cost figures first, and Moira isn't here yet. I'm parking it.
Dana: So, on the move itself. Are we all agreed on the twenty-fourth?
Tariq: Yes from me.
Ingrid: Yes.
Felix: Obviously yes.
Dana: Okay. Decision: the warehouse move is postponed from the third of March to Monday the twenty-fourth of March.
Dana: Felix, can you confirm the new date with Brannock, the removals firm?
Felix: Yes. I'll ring them today and get it in writing. I'll have it confirmed with Brannock by Friday the fourteenth.
Dana: Perfect. And I'll tell the whole team at the all-hands on Monday the sixteenth.
Dana: Sorry, the seventeenth. The sixteenth is a Sunday. I'll tell them on Monday the seventeenth, so nobody hears it second-hand.
Tariq: Who's covering customer service on the move weekend, though?
Tariq: Last time half the team were carrying boxes and the phones just rang and rang.
Dana: Good point. I honestly don't know yet. Let's come back to that one. I'm writing it down as open.
Felix: One more thing on the move. The network people have to install the wireless before we can use the scanners.
Felix: They're booked for the nineteenth, so that works with the twenty-fourth as well. I already checked.
Dana: Good. Thank you for checking that before I asked.
Tariq: Sorry, there's a dog barking here. The courier has just arrived next door.
Dana: We can hear him. He sounds very professional.
--
Dana: Item two, the spring catalogue. Ingrid, are you still with us?
Ingrid: I'm here. Just about. Can you hear me?
Dana: You're a bit crackly, but fine.
Ingrid: Okay. So the print quote came in. For forty thousand copies it's... sorry, no, that's last year's number.
Ingrid: This year we asked for a quote for forty-two thousand copies.
Ingrid: Forty-two thousand comes to about thirty-one thousand pounds including postage.
Tariq: Ouch.
Ingrid: Yes. And last year's figures say that about half of the orders that mention the catalogue actually came through the online version.
Ingrid: So my suggestion is that we cut the print run to twenty-five thousand copies.
Ingrid: We post it only to customers who have ordered in the last two years, and everyone else gets the digital catalogue by email.
Tariq: What about customers who never gave us an email address?
Ingrid: That's about three thousand people, and nearly all of them have ordered in the last two years, so they'd get a printed copy anyway.
Felix: Does the printer mind us cutting it this late?
Dana: Ingrid? I think we've lost her.
Tariq: She did say there was a tunnel.
Ingrid: Sorry, sorry, I'm back. That was the tunnel. Did someone ask me something?
Felix: Whether the printer minds us cutting the order this late.
Ingrid: They need the final order by the twelfth, that's the Wednesday. After that they charge us for the paper they've already booked.
Dana: And what does twenty-five thousand cost?
Ingrid: Roughly nineteen thousand pounds, including postage. So we save about twelve thousand.
Dana: I like that. Is anyone against?
Tariq: Not against. I'd just like the digital one to have proper tracking links, so we can see what it actually sells.
Ingrid: Already on it. Every product page in it has its own link.
Dana: Great. So, decision two: the print run goes down to twenty-five thousand copies, posted to customers from the last two years, and everyone else gets the digital edition.
Dana: Ingrid, will you send the revised order to the printer?
Ingrid: Yes, I'll send the revised print order by Wednesday the twelfth. Probably tomorrow, honestly.
Dana: Wednesday is the deadline, tomorrow is the dream.
Ingrid: Ha. Noted.
Ingrid: One thing I still don't know is whether the loyalty discount applies to catalogue pre-orders.
Ingrid: Customer service have been telling people different things.
Felix: I thought it was yes. But I think that was the autumn catalogue.
Dana: Let's not guess. It's a margin question, so it needs Moira. We'll leave it open for now.
--
Moira: Hi, sorry, sorry. I'm here. Payroll's done.
Moira: My laptop decided to install updates halfway through the run. Forty minutes of a spinning circle.
Tariq: Classic.
Dana: Welcome, Moira. You've missed two decisions.
Dana: The move goes to the twenty-fourth of March, and the catalogue print run goes down to twenty-five thousand.
Moira: The twenty-fourth of March. Okay. That pushes back the first month's rent on the new unit, doesn't it?
Felix: No, the rent on Brackenfield started on the first of February regardless. We've been paying for an empty building.
Moira: Right, yes, I remember now. Sorry. Then it's mostly the overlap with the old lease.
Moira: I'll need to redo the cash flow either way.
Dana: Can you have an updated cash flow forecast with the new move date by the end of next week?
Moira: So, Friday the twenty-first? Yes, that's fine. I'll update the forecast by then.
Dana: Brilliant. Item three. Tariq, carriers.
Tariq: Okay. So you all know that Pellbrook Parcels put their prices up by nine percent in January.
Tariq: I've had quotes from two others, Northline Parcel and a smaller firm called Swiftmere.
Tariq: Swiftmere is the cheapest, but they don't do weekend collections and they don't cover the islands at all.
Tariq: Northline comes out about six percent cheaper than Pellbrook on our usual mix of parcels.
Tariq: And they'll do a two-month trial with no minimum volume.
Moira: Six percent of what? Do you have the annual figure?
Tariq: We spent just over two hundred and ten thousand with Pellbrook last year. So roughly twelve to thirteen thousand a year, if we moved everything.
Felix: I'd want to trial it on the smaller parcels first. The tents are awkward, and I don't want them bent in some depot.
Tariq: That's what I'd suggest. Start with everything under five kilos, and keep the tents and the big orders on Pellbrook for now.
Felix: And returns? Pellbrook print all our returns labels.
Tariq: Returns stay with Pellbrook during the trial. Changing the labels on the website is a bigger job, and I'd rather only do it once.
Moira: And does Northline invoice weekly or monthly?
Tariq: Monthly, thirty days. The same as Pellbrook.
Dana: And how long would the trial run?
Tariq: Two months. So if we start on the first of April, we'd have results by the end of May.
Dana: Hang on, not the first of April. That's the week after the move. Everything will be chaos.
Tariq: Fair. Say the seventh of April, then.
Ingrid: Sorry, you cut out there. Did you say the seventeenth?
Tariq: The seventh. Seven. Monday the seventh of April.
Dana: Okay. So, decision three: we trial Northline for two months from the seventh of April, on parcels under five kilos. Pellbrook keeps the heavy stuff.
Dana: Tariq, can you draft the trial agreement with Northline?
Tariq: Yes. I'll need Moira to look at the payment terms.
Moira: Happy to.
Dana: When can we have it? I'd like it in front of the board.
Tariq: I'll circulate the draft Northline agreement before the March board meeting, so before the twentieth.
Dana: Perfect, thank you.
--
Dana: Last item, the Ridgeline price. Ingrid and Moira, you both sent me notes on this, and they disagree.
Moira: They do. Our cost on the Ridgeline two-person tent has gone up by eleven pounds a unit because of the exchange rate.
Moira: At three hundred and forty-nine pounds, the margin is down to about twenty-two percent. I'd go to three hundred and seventy-nine.
Ingrid: And my worry is that the Ridgeline is on the cover of the catalogue, with the price printed right there.
Ingrid: If we change it now, the catalogue is wrong from day one.
Felix: Can't we just change the cover?
Ingrid: Not by Wednesday, no. Not without paying for new plates.
Felix: What about the three-person Ridgeline? Is that going up as well?
Moira: No, that one's fine. The cost has hardly moved, so it stays at four hundred and twenty-nine.
Dana: How many do we expect to sell before the summer?
Ingrid: Last spring it was about six hundred, between March and June.
Moira: So eleven pounds times six hundred, that's about sixty-six hundred pounds. It's not the end of the world.
Dana: Okay. I think we keep it at three hundred and forty-nine until the summer catalogue, and look at it again in June.
Dana: Moira, is that something you can live with?
Moira: I can live with it, as long as it goes on the agenda for June and we don't forget about it.
Dana: Agreed. Decision four: the Ridgeline stays at three hundred and forty-nine pounds until the summer catalogue, and we review the price in June.
Tariq: Can I add one small thing? The old racking in the current building. Is anybody buying it, or do we pay someone to scrap it?
Felix: There's a man from a farm supplies place who was interested last year.
Dana: Felix, can you ask him whether he still wants it?
Felix: I'll ask him. No fixed date on that one, but well before we move out, obviously.
Dana: Okay. I think that's everything. Let me read back the actions, because last time we lost one.
Dana: Felix confirms the twenty-fourth with Brannock by Friday the fourteenth, and asks about selling the old racking.
Dana: Ingrid sends the revised print order by Wednesday the twelfth.
Dana: Moira updates the cash flow by Friday the twenty-first.
Dana: Tariq circulates the Northline draft before the board meeting on the twentieth of March.
Dana: And I'll announce the move date at the all-hands on Monday the seventeenth.
Ingrid: And the open ones. The Corrby counter, the loyalty discount, and who covers the phones on the move weekend.
Dana: Yes, thank you. Those three stay open. I'll put them at the top of next week's agenda.
Ingrid: Before everyone goes, the photos for the summer catalogue are on the shared drive, if anyone wants a look.
Dana: Later, I think. We are nearly out of time.
Felix: Can I go now? There's a lorry waiting at the bay and it's raining into the trailer.
Dana: Go. Thanks, everyone. Same time next week.
Moira: Bye, all.
Tariq: Cheers.
"""

DENTAL_MEETING = """\
Owen: Right, shall we start? It's ten past one and the first patients are back at two.
Lena: Yes, go on. I've got my sandwich, I'm ready.
Chiara: Is the heating broken again, or is it just me?
Owen: It's not just you. The engineer is coming on Monday.
Lena: How was the conference last week, Owen?
Owen: Long. A lot of talks about software, which I suppose is why we're all sitting here.
Chiara: Can I just say, whoever left the lemon cake in the staff room, thank you.
Owen: That was Mrs Dorrington from the morning list. She brings one every year after her check-up.
Lena: That's lovely. Okay, Owen, what have we got?
Owen: Two things, really. The new booking system and the Saturday clinic. Then anything else.
Owen: So, Calyx Diary. The supplier has finished moving our patient records across.
Owen: All four thousand eight hundred of them, apparently.
Chiara: Apparently?
Owen: I've spot-checked about fifty and they were fine. One had the wrong date of birth, but it was wrong in the old system too.
Lena: When were we planning to switch over? The thirty-first?
Owen: Monday the thirty-first of March was the plan. But the trainer can't come until the week before, and that's only one session.
Chiara: One session for six of us on reception isn't going to be enough. Half of us are part-time.
Chiara: We'd never all be in the room at once.
Owen: That's my worry too. So I'd like to push go-live back by a week, to Monday the seventh of April, and get two training sessions in first.
Lena: Does the old system keep working until then? We're not going to be cut off?
Owen: The old licence runs to the end of April. We're safe.
Lena: Then I'm happy with that. Chiara?
Chiara: Yes, definitely. The seventh is much better.
Chiara: The thirty-first is also the first day of the school holidays, so the phones will be mad.
Owen: Okay, so we're agreed: Calyx Diary goes live on Monday the seventh of April, not the thirty-first of March.
Lena: Agreed.
Owen: I'll book the two training sessions with the Calyx trainer. I'll have them booked by Friday the twenty-eighth and send round the times.
Chiara: Can one of them be a morning? The part-timers are in on Tuesdays and Thursdays.
Owen: I'll aim for a Tuesday morning and a Thursday afternoon.
Lena: Who covers the phones while reception is in training?
Owen: I'll cover them myself. The sessions are only ninety minutes each.
Chiara: You'll need a headset. The cord on the front desk phone is about half a metre long.
Owen: Noted. I'll borrow the one from the office.
Lena: Does Calyx send the appointment reminders as well?
Owen: Yes, two days before and again on the morning. That's one of the main reasons we chose it.
Owen: Last year we sent something like nine thousand reminder texts more or less by hand.
Chiara: It felt like more than that.
Lena: The other thing with the new system is the cancellation policy. It sends an automatic text with our wording in it, doesn't it?
Owen: It does, and the wording we have now is about ten years old. It still mentions the fax number.
Chiara: We still have a fax number?
Owen: We technically still have a fax machine. Nobody knows where it is.
Lena: Send me the draft. I'll review the new cancellation policy wording and get it back to you by the end of this week.
Owen: So, Friday?
Lena: Friday. Tomorrow, if the afternoon list behaves.
Owen: Which brings up the fee question. Do we want to charge for missed appointments? Calyx can add the charge automatically.
Lena: I'm honestly torn. We lost about thirty hygienist slots last month to people who didn't turn up.
Chiara: But a lot of those are our older patients, and some of them genuinely forget.
Chiara: I'd hate to send Mr Ellery a bill. He's been coming here for forty years.
Lena: I don't think I can decide that on my own. It's a decision for all the partners.
Lena: Let's leave it open for now and see what the others think.
Chiara: If we do bring in a fee, we'd have to give patients at least a month's notice of it.
Lena: Good point. I'll write the cancellation wording so that a fee could be added later without starting again.
Owen: Okay. So no missed appointment fee for now, and it stays an open question.
Owen: Second item, Saturdays.
Owen: The Saturday clinic has been running every week since the autumn, and honestly it isn't full.
Owen: We're averaging eleven patients on a Saturday, against a capacity of twenty.
Lena: And I'm doing three Saturdays out of four, which is not what I signed up for.
Chiara: The patients who do come really value it, though. A lot of them work shifts.
Owen: What if we go to alternate Saturdays? We'd fill each one better, and nobody loses the option completely.
Owen: It would also save us about four hundred pounds a month in nurse overtime.
Lena: That's not nothing.
Lena: I'd support that.
Chiara: Alternate is fine, as long as we tell people properly. We have people booked into April already.
Owen: How many?
Chiara: Let me look. Fourteen across the nineteenth and the twenty-sixth.
Chiara: Sorry, no. The twenty-sixth of April is one of the Saturdays we'd keep, so it's only the nineteenth. That's nine patients.
Owen: So, alternate Saturdays, starting on the twelfth of April.
Owen: The twelfth is on, the nineteenth is off, the twenty-sixth is on, and so on.
Lena: And the hours stay the same? Nine till one?
Chiara: Could we do nine till two on the Saturdays we keep? We'd fit in more of the shift workers.
Lena: Let's not change two things at once. Nine till one for now, and we can look at it again in the summer.
Lena: Agreed.
Chiara: Agreed. And I'll move the nine from the nineteenth to other days.
Owen: Can you also let everyone with a Saturday appointment know about the change?
Chiara: Yes. I'll send text message notices to all the patients with Saturday bookings by Tuesday the first of April.
Chiara: And I'll phone the ones who don't have a mobile.
Lena: Put a notice on the front desk as well, please. And on the website.
Chiara: Will do. I'll ask my nephew about the website, he set it up.
Owen: We should really pay him for that at some point.
Chiara: He'd rather have a free check-up.
Lena: One more question on Calyx. Can patients book online for themselves?
Owen: They can, but I'd leave that switched off for the first month, until we're used to it.
Lena: Sensible.
Chiara: Thank goodness. I'd like at least one month of only our own mistakes.
Owen: Okay. Anything else?
Lena: Only that the new X-ray sensor has arrived, and it's in surgery two. Please don't let anyone put a coffee on it.
Chiara: That was one time.
Owen: Right, a quick recap, then.
Owen: Decisions. Calyx goes live on the seventh of April. Saturdays go alternate from the twelfth of April.
Owen: Actions. Me, the training sessions, booked by the twenty-eighth. Chiara, the patient texts by the first of April. Lena, the cancellation wording by Friday.
Owen: And the missed appointment fee is still open.
Lena: Perfect. Twenty past one. That's a record.
Chiara: And there's still cake.
"""


def cues(script, target_seconds, start=4.0):
    """Turns "Speaker: text" lines into (start, end, speaker, text) cues.
    Cue length grows with the number of words; a change of speaker adds a
    short gap and a "--" line a long pause. The whole is then stretched to
    end at target_seconds. Deterministic: no randomness."""
    raw, t, previous = [], 0.0, None
    for line in script.strip().splitlines():
        if line == "--":
            t += 12.0
            continue
        speaker, text = line.split(": ", 1)
        if previous is not None:
            t += 1.4 if speaker != previous else 0.5
        duration = 1.2 + 0.42 * len(text.split())
        raw.append((t, t + duration, speaker, text))
        t += duration
        previous = speaker
    scale = (target_seconds - start) / t
    return [(start + a * scale, start + b * scale, s, x) for a, b, s, x in raw]


def stamp(seconds, sep):
    ms = int(round(seconds * 1000))
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02}:{m:02}:{s:02}{sep}{ms:03}"


def vtt():
    out = ["WEBVTT", "Kind: captions", "Language: en", "",
           "NOTE Larkspur Outdoor, weekly operations meeting, Monday 10 February 2025.", ""]
    for a, b, speaker, text in cues(OPERATIONS_MEETING, 25 * 60 + 12):
        out += [f"{stamp(a, '.')} --> {stamp(b, '.')}", f"<v {speaker}>{escape(text)}</v>", ""]
    write_text("operations-meeting.vtt", "\n".join(out))


def srt():
    out = []
    for i, (a, b, speaker, text) in enumerate(cues(DENTAL_MEETING, 9 * 60 + 47, start=2.0), start=1):
        out += [str(i), f"{stamp(a, ',')} --> {stamp(b, ',')}", f"{speaker}: {text}", ""]
    write_text("dental-practice-meeting.srt", "\n".join(out))


# ---------------------------------------------------------------------------
# The technical manual (Markdown)
# ---------------------------------------------------------------------------

MANUAL = """\
# Tarnwell CR-40 Cold Room Controller: Installation and Operation Manual

Document TW-CR40-EN, revision C. Applies to controllers running firmware 3.4 or later.

## 1. Overview

The Tarnwell CR-40 is a wall-mounted controller for commercial cold rooms and walk-in freezers. It keeps each room at its set temperature by switching the compressor, evaporator fans and defrost heaters, records temperatures every minute, and raises an alarm when a room stays outside its limits. One controller can manage up to four independent zones, each with its own set point, defrost schedule and alarm limits.

The controller has a four-line display and six keys on the front panel, a built-in web interface for configuration and data download, and a Modbus TCP server for connection to a building management system. Temperature records are kept on an internal memory for 400 days and can be exported as CSV files.

This manual is for installers, service technicians and site staff. Installation and electrical work must be carried out by a qualified person.

## 2. Specifications

| Item | Value |
|---|---|
| Supply voltage | 24 V AC or DC, plus or minus 10 per cent |
| Power consumption | 18 W maximum |
| Temperature inputs | 8 PT1000 probes, range -50 to +90 °C, accuracy ±0.3 °C |
| Digital inputs | 4 volt-free contacts (door switches, remote standby) |
| Relay outputs | 8 relays, each rated 250 V AC, 8 A resistive |
| Alarm output | 1 change-over relay, 250 V AC, 5 A |
| Network | 10/100 Mbit/s Ethernet, RJ45 |
| Data storage | 400 days of one-minute records per probe |
| Operating ambient | -20 to +50 °C, 10 to 95 per cent relative humidity, non-condensing |
| Enclosure | IP54, polycarbonate, 240 x 180 x 90 mm |
| Clock backup | CR2032 lithium coin cell |

## 3. Safety Warnings

**Warning: electric shock.** The relay terminals may carry mains voltage from the equipment they switch, even when the controller itself is switched off. Before opening the enclosure, isolate every mains supply connected to the relay outputs and confirm with a voltage tester that the terminals are dead.

**Warning: do not switch compressors directly.** The relay outputs are rated 8 A resistive. Compressors, large fans and defrost heaters must be switched through a suitably rated contactor. Connecting a compressor directly to a relay output will damage the controller and may cause a fire.

**Warning: refrigerant.** Any work on the refrigeration circuit itself must be carried out only by a certified refrigeration technician.

**Caution: cleaning.** The enclosure is rated IP54. Do not clean it with a pressure washer or a hose, and do not mount it where it will be washed down.

**Caution: people inside.** The controller does not replace the cold room's door release or its trapped-person alarm. Never disable those devices, and test them as required by local regulations.

## 4. Installation

### 4.1 Mounting

Mount the controller on a flat, dry wall outside the cold room, with the display between 1.2 m and 1.8 m above the floor. Keep it at least 2 m away from door heaters, heat exchangers and direct sunlight. Use the four fixing holes in the back box and the supplied M4 screws; do not drill through the enclosure.

### 4.2 Power and wiring

Supply the controller from a 24 V AC or DC safety transformer of at least 30 VA, fused at 2 A. Connect the supply to terminals 1 and 2; polarity does not matter. Connect the protective earth to the earth stud on the back plate.

Run probe and input cables separately from mains and relay cables, in a separate conduit or at least 100 mm apart. Mains-voltage relay wiring must use cable rated for 300/500 V.

### 4.3 Probes

Use only Tarnwell PT1000 probes or equivalent two-wire PT1000 sensors. Probe cables may be extended up to 50 m with screened two-core cable of at least 0.5 mm², with the screen earthed at the controller end only.

Place the room probe at head height, away from the evaporator air stream and from the door. Place the defrost termination probe in the evaporator fins, at the point that clears of ice last.

### 4.4 Network

Connect the RJ45 port to the site network with a category 5e cable or better. The controller ships with a fixed address:

- IP address: 192.168.40.10
- Subnet mask: 255.255.255.0
- Web interface: HTTPS on port 8443
- Modbus TCP: port 502
- Alarm notifications: SNMP traps to port 162, and email through any SMTP server on port 587

If several controllers are installed on one network, give each one a different address before connecting them (see section 5.2).

### 4.5 Commissioning

Before handing the installation over, work through these checks in order and record the results on the commissioning sheet supplied with the controller:

1. With the relay outputs still disconnected, switch on the 24 V supply and measure it at terminals 1 and 2. It must read between 21.6 V and 26.4 V.
2. Check that every connected probe reads within 1 °C of a reference thermometer placed next to it. An unused probe input shows a dash, not an error.
3. Connect the relay outputs. In Service mode, switch each output on in turn and check that the correct contactor, fan or heater responds.
4. Set the date, the time and the time zone on the Clock page of the web interface.
5. Enter at least one email address for alarms and send a test notification.
6. Start a manual defrost in each zone and check that it ends on temperature, not on time.
7. Download the configuration file and keep a copy with the site records.

## 5. Configuration

### 5.1 First login

Open `https://192.168.40.10:8443` in a web browser. The first time you log in, use the user name `admin` and the password printed on the label inside the enclosure door. You must then set a new administrator password of at least 12 characters; the controller does not allow any other changes until the default password has been replaced.

### 5.2 The configuration file

All settings are stored in the file `/config/cr40.ini` on the microSD card in the slot behind the front panel. The web interface edits this file for you. You can also edit it on a computer and put the card back; the controller reads the file when it starts.

The file has one section for the network and one for each zone:

```
[network]
address = 192.168.40.10
netmask = 255.255.255.0
gateway = 192.168.40.1
https_port = 8443
modbus_port = 502

[zone1]
name = Dairy store
setpoint = 3.0
high_alarm = 8.0
low_alarm = -1.0
alarm_delay_min = 20
defrost_interval_h = 6
defrost_max_min = 30
defrost_end_temp = 10.0
```

Keep a copy of the file before you edit it. If the controller finds an error in the file at start-up, it shows error E30 and keeps running with the last configuration that loaded correctly.

### 5.3 Zone parameters

| Parameter | Range | Default |
|---|---|---|
| setpoint | -30.0 to +15.0 °C | +3.0 °C |
| high_alarm | setpoint +1 to +20 °C | +8.0 °C |
| low_alarm | -40 to setpoint -1 °C | -1.0 °C |
| alarm_delay_min | 0 to 120 minutes | 20 minutes |
| defrost_interval_h | 2 to 24 hours | 6 hours |
| defrost_max_min | 5 to 60 minutes | 30 minutes |
| defrost_end_temp | 0 to +25 °C | +10.0 °C |
| fan_delay_s | 0 to 600 seconds | 120 seconds |

The alarm delay applies to temperature alarms only. Probe faults and door alarms are raised at once, except that the door alarm waits 5 minutes from the moment a door opens.

### 5.4 Building management systems

The Modbus TCP server answers on port 502. Registers are read-only unless `modbus_write = yes` is set in the `[network]` section, in which case the set points and modes can also be written. Temperatures are given in tenths of a degree as signed integers: a reading of -185 means -18.5 °C.

| Register | Content |
|---|---|
| 40001 to 40008 | Probe 1 to 8 temperature, in 0.1 °C |
| 40011 to 40014 | Zone 1 to 4 set point, in 0.1 °C |
| 40021 to 40024 | Zone 1 to 4 mode: 0 Run, 1 Defrost, 2 Standby, 3 Service |
| 40031 | Active alarms, one bit per alarm |
| 40041 | Firmware version, for example 304 for 3.4 |

Allow the building management system to poll no more often than once a second. Faster polling is answered, but it slows the web interface.

## 6. Operation

### 6.1 Front panel

The display shows the zone name, the room temperature, the set point and the current mode. Use the arrow keys to move between zones. Press OK to open a menu, and press ESC to go back. Hold the ESC key for three seconds to silence the buzzer; the alarm relay stays active until the cause of the alarm has cleared.

### 6.2 Modes

Each zone is always in one of four modes:

- **Run:** normal control. The compressor and fans are switched to hold the set point.
- **Defrost:** the compressor stops and the defrost heaters run until the evaporator reaches `defrost_end_temp` or `defrost_max_min` has passed, whichever comes first. The fans restart after `fan_delay_s`, so that water on the coil is not blown into the room.
- **Standby:** all outputs for the zone are off and no temperature alarms are raised. Use this mode when a room is being cleaned or is out of use.
- **Service:** outputs can be switched by hand from the menu for testing. Service mode ends by itself after 30 minutes.

### 6.3 Manual defrost

To start a defrost outside the schedule, select the zone, press OK, choose Defrost now, and confirm. A manual defrost does not change the time of the next scheduled defrost.

### 6.4 Alarms

When a temperature alarm is raised, the display flashes, the buzzer sounds, the alarm relay changes over and the controller sends an SNMP trap and an email to the configured addresses. Every alarm is written to the event log with the time it was raised, silenced and cleared. The log can be downloaded from the web interface as a CSV file.

Temperature records can be downloaded from the Records page as one CSV file per zone, for any period in the last 400 days. Each line holds the time, the zone temperature, the set point and the mode. Keep downloaded records for as long as your food safety plan requires.

### 6.5 Power failure

After a power failure the controller restarts in the mode it was in before. Temperature records are not lost. If the power has been off for more than 72 hours and the coin cell is flat, the clock may be wrong; check the time on the display after any long power cut.

## 7. Maintenance

Carry out the checks below on every controller. Record each check in the site's maintenance log.

| Interval | Task |
|---|---|
| Monthly | Compare each room temperature on the display with a reference thermometer in the room. |
| Monthly | Open each cold room door and check that the door alarm is raised after 5 minutes. |
| Every 3 months | Check probe calibration against a reference thermometer; adjust the probe offset if any probe reads more than 0.5 °C away from the reference. |
| Every 3 months | Download the event log and the temperature records, and keep a copy off site. |
| Every 12 months | Test the alarm relay and the email and SNMP notifications end to end. |
| Every 12 months | Check that all terminal screws are tight, and that cable glands and the enclosure seal are intact. |
| Every 24 months | Replace the CR2032 coin cell, with the controller powered, so that the clock is not lost. |

Firmware updates are published by Tarnwell as signed files. To install one, upload it on the Maintenance page of the web interface. The controller keeps control running during the upload and restarts in about 90 seconds to complete the update. Do not remove power during the restart.

## 8. Troubleshooting

The display shows an error code when the controller detects a fault. The most common codes are listed below.

| Code | Meaning | What to do |
|---|---|---|
| E01 | Probe open circuit | Check the probe cable and terminals for a break or a loose screw. Measure the probe: a PT1000 reads about 1,000 ohms at 0 °C. Replace the probe if it reads open. |
| E02 | Probe short circuit | Check the cable for crushing or water ingress, especially where it passes through the cold room wall. Replace the probe if the fault remains. |
| E07 | High temperature alarm | Check that the door is closed, that the evaporator is not iced up and that the compressor is running. The alarm clears when the room has been below the limit for 2 minutes. |
| E08 | Low temperature alarm | Check the set point and the compressor contactor; a welded contactor can keep the compressor running. |
| E12 | Defrost ended on time, not on temperature | The evaporator did not reach `defrost_end_temp` within `defrost_max_min`. Check the defrost heaters and their fuse, and the position of the defrost probe. If it happens three times in a row the controller raises an alarm. |
| E21 | Network link down | Check the Ethernet cable and the switch port. Control continues normally; only the web interface and notifications are affected. |
| E30 | Configuration file invalid | The controller is running on the last good configuration. Correct the file `/config/cr40.ini` on the microSD card, or restore your saved copy, and restart. |
| E44 | Clock battery low | Replace the CR2032 coin cell within a month, with the controller powered. |
| E50 | Internal memory fault | Download the records at once and contact Tarnwell service. The controller continues to control temperature but may stop recording. |

If the display is blank, check the 24 V supply at terminals 1 and 2 and the 2 A fuse on the transformer. If the controller restarts repeatedly, remove the microSD card: if it then starts normally, the card or the file on it is damaged.

## 9. Support and Disposal

For service, quote the serial number from the label inside the enclosure door and the firmware version shown on the About page of the web interface. At the end of its life, dispose of the controller as electronic waste and remove the coin cell for separate battery recycling.
"""


def manual():
    write_text("cr40-controller-manual.md", MANUAL)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    book()
    agreement_docx()
    lease()
    vtt()
    srt()
    manual()
    print("evaluation documents written to", OUT)
