"""Labelled parent questions for tuning and testing `bot.webinar.similarity`.

Each cluster holds questions a gespreksleider would merge: the same underlying question,
in other words, in Dutch or English, with the typos and sms-style of a webinar chat.
A cluster of one is a question nobody else asked. Clusters on the same theme are hard
negatives of each other (same words, different question), e.g. screen time for a
four-year-old versus quarrels about a teenager's phone.

A pair of questions is *similar* when both are in the same cluster, and *not similar*
otherwise. The labels were written before the algorithm was tuned and are not to be
adjusted to it.

Pairs are only formed within a set:

- `QUESTION_CLUSTERS`: the tuning set. The scorer, the threshold and the lexicon in
  `bot.webinar.similarity` were chosen on it.
- `SECOND_CLUSTERS`: written at the same time as a held-out set. Scored once, unseen, it
  reached precision 1.00 and recall 0.40, which showed the lexicon's gaps; the lexicon
  was then broadened by theme, so it is held out no longer.
- `THIRD_CLUSTERS`: written as the next held-out set. Scored once, unseen: precision
  0.85, recall 0.39. Its errors showed generic gaps (unlisted inflections, compounds
  named by their last part), which were then fixed, so it is held out no longer.
- `HELD_OUT_CLUSTERS`: written after the last change to the lexicon; nothing was tuned
  on it. Scored once: precision 0.75, recall 0.39. One later change to the scoring
  (concepts compared as opaque tokens, prompted by "eten" and "pesten" being grouped
  as topic wishes; threshold kept from the other sets) gave precision 0.83, recall 0.43.
  These are the honest estimate for unseen questions.

`TOPIC_WISH_CLUSTERS` are answers to "what would you like to talk about next time?".
"""

from __future__ import annotations

Clusters = tuple[tuple[str, ...], ...]

QUESTION_CLUSTERS: Clusters = (
    # --- sleep -------------------------------------------------------------------------
    # toddler will not go to bed / fall asleep in the evening
    (
        "hoe krijg ik mijn peuter s avonds in bed?",
        "mijn dreumes wil niet slapen wat moet ik doen",
        "How do I get my toddler to sleep?",
        "mn peuter wil nooit naar bed elke avond strijd",
        "tips om mijn kind van 2 in slaap te krijgen savonds??",
        "my 3 year old refuses to go to bed every night, help",
        "mijn toddler wil savonds niet slapen, bedtijd is elke keer drama",
    ),
    # waking up at night
    (
        "mijn zoon word elke nacht wakker en komt dan bij ons in bed",
        "kind wort snachts steeds wakker hoe los ik dat op",
        "My daughter keeps waking up at night and climbs into our bed",
        "ze slaapt niet door, wordt 3x per nacht wakker",
    ),
    ("vanaf welke leeftijd kan een kind zonder middagslaapje?",),
    ("is het slecht als mijn baby bij ons in bed slaapt?",),
    # --- tantrums ----------------------------------------------------------------------
    # handling a tantrum in a shop
    (
        "wat doe je als je kind een driftbui krijgt in de supermarkt",
        "mijn peuter krijgt woedeaanvallen in de winkel, hoe moet ik reageren",
        "how should i react when my toddler throws a tantrum in the shop?",
        "drifbuien in de winkel wat moet ik doen??",
    ),
    # child hits when angry
    (
        "mijn zoon van 4 slaat mij als hij boos is",
        "my son hits me when he gets angry, what can i do",
        "kind slaat en schopt als ie boos word",
    ),
    ("is het normaal dat mijn kind van 5 nog zoveel driftbuien heeft?",),
    # --- screen time -------------------------------------------------------------------
    # how much screen time for a young child
    (
        "hoeveel schermtijd voor een kind van 4?",
        "hoe lang mag een kleuter per dag op de tablet",
        "how much screen time is ok for a 4 year old",
        "hoeveel uur ipad per dag is normaal voor een kind van 5",
        "screentime voor mijn zoon van 4, hoeveel is oke?",
    ),
    # quarrels with a teenager about the phone
    (
        "hoe stop ik ruzie over de telefoon met mijn puber?",
        "elke dag ruzie met mn dochter van 14 over haar mobiel",
        "constant fighting with my teenager about his phone, how do we stop it",
        "mijn puber wil zn telefoon niet wegleggen en dan krijgen we ruzie",
    ),
    # gaming addiction
    (
        "mijn zoon gamet de hele dag, is hij verslaafd?",
        "Is my son addicted to gaming? He plays all day",
        "zoon zit uren te gamen wnnr is het een verslaving",
    ),
    # first own phone
    (
        "vanaf welke leeftijd mag een kind een eigen telefoon",
        "what age is right for a first smartphone?",
        "wanneer geef je je kind een eigen mobiel, al in groep 6?",
    ),
    # --- puberty, a gloomy teenager ----------------------------------------------------
    # teenager withdraws, no contact
    (
        "mijn dochter van 15 zit alleen maar op haar kamer en praat niet meer met ons",
        "mijn puber sluit zich op in zn kamer en zegt niks",
        "my teenage son stays in his room all day and doesn't talk to us anymore",
        "hoe krijg ik weer contact met mijn puber, ze trekt zich helemaal terug",
        "mijn teenager praat niet meer met me, zit alleen op zn kamer",
    ),
    # gloomy or depressed?
    (
        "hoe weet ik of mijn puber somber is of depressief",
        "mijn dochter is zo somber, wanneer moet ik hulp zoeken",
        "how do i know if my teenager is depresed or just moody",
        "wanneer is somberheid bij een tiener niet meer normaal",
    ),
    ("mijn zoon van 16 blowt, hoe praat ik daarover met hem",),
    # --- divorce and co-parenting ------------------------------------------------------
    # telling the children
    (
        "hoe vertel je je kinderen dat je gaat scheiden",
        "how do we tell the kids we are getting divorced",
        "wij gaan uit elkaar, hoe breng ik dat aan mijn kinderen van 6 en 9",
        "hoe vertelle we de kids over de scheiding?",
    ),
    # different rules in two homes
    (
        "mijn ex heeft hele andere regels, de kinderen komen helemaal ontregeld terug",
        "bij mijn ex mag alles en bij mij niet, hoe gaan we daar mee om",
        "my ex has totally different rules at his house, how do we co-parent",
        "andere regels bij papa dan bij mama na de scheiding, wat doe je daarmee",
    ),
    # child refuses to go to the other parent
    (
        "mijn kind wil niet meer naar zijn vader in het weekend",
        "my daughter refuses to go to her dad's at the weekend",
    ),
    # --- eating ------------------------------------------------------------------------
    # no vegetables
    (
        "mijn kind eet geen groente, hoe krijg ik dat erin",
        "zoontje lust geen groentes wat kan ik doen",
        "my daughter refuses to eat vegetables, any tips?",
        "peuter wil alleen pasta en brood eten, geen groente",
    ),
    # staying seated at the table
    (
        "elke avond strijd aan tafel, hij blijft niet zitten",
        "mijn kind wil niet aan tafel blijven zitten tijdens het eten",
        "how do i get my toddler to stay seated at dinner",
    ),
    ("mijn dochter van 13 eet bijna niks meer en wil afvallen, moet ik me zorgen maken",),
    ("hoeveel snoep mag een kind per dag",),
    # --- toilet training ---------------------------------------------------------------
    # when to start
    (
        "wanneer kan ik beginne met zindelijk maken",
        "when should i start potty training?",
        "op welke leeftijd begin je met zindelijkheidstraining",
        "mijn zoon is 2,5 is het tijd voor het potje?",
    ),
    # bed-wetting
    (
        "mijn kind van 6 plast nog in bed, is dat normaal",
        "my 6 year old still wets the bed at night",
        "zoon van 7 is snachts nog niet droog wat kunnen we doen",
    ),
    ("mijn dochter wil niet op de wc poepen, alleen in haar luier",),
    # --- siblings ----------------------------------------------------------------------
    # siblings quarrel
    (
        "mijn kinderen maken de hele dag ruzie met elkaar",
        "hoe voorkom ik ruzie tussen broer en zus",
        "my kids fight all the time, how do i stop the sibling fighting",
        "broertjes vechte constant, moet ik ingrijpen of niet",
    ),
    # jealous of the new baby
    (
        "mijn oudste is jaloers op de baby hoe ga ik daarmee om",
        "my older son is jealous of his new baby sister",
        "grote zus is jaloers sinds de baby er is en doet zelf weer als een baby",
    ),
    ("hoe bereid ik mijn peuter voor op een broertje of zusje",),
    # --- school and bullying -----------------------------------------------------------
    # being bullied
    (
        "mijn dochter wordt gepest op school, wat kan ik doen",
        "my son is being bullied at school and the teacher does nothing",
        "kind word gepest in de klas hoe help ik haar",
        "wat moet je doen als je kind gepest wordt",
    ),
    # does not want to go to school
    (
        "mijn zoon wil elke ochtend niet naar school",
        "kind heeft elke ochtend buikpijn en wil niet naar school, hoe pak ik dat aan",
        "my daughter refuses to go to school in the morning",
    ),
    ("wat doe ik als mijn kind zelf andere kinderen pest",),
    ("hoe help ik mijn kind met huiswerk zonder ruzie",),
    # --- development worries -----------------------------------------------------------
    # late talking
    (
        "mijn zoon van 2 praat nog bijna niet, moet ik me zorgen maken",
        "my 2 year old barley talks, should i be worried?",
        "dochter van 2,5 zegt maar een paar woordjes is dat normaal",
        "spraakachterstand bij mijn peuter, wanneer naar de logopedist",
    ),
    # autism?
    (
        "hoe weet je of je kind autisme heeft",
        "mijn kind reageert heel anders dan andere kinderen, zou het autisme kunnen zijn",
        "what are the signs of autism in young children",
    ),
    ("mijn baby van 10 maanden kruipt nog niet, is dat erg",),
    # --- setting limits ----------------------------------------------------------------
    # child does not listen
    (
        "mijn kind luisterd niet, ik moet alles 10x zeggen",
        "hoe zorg ik dat mijn kind luistert zonder te schreeuwen",
        "my kids never listen unless i shout",
        "ik word boos omdat hij nooit luistert, hoe kan het anders",
    ),
    # does a time-out work?
    (
        "werkt een time out eigenlijk of niet",
        "is straffen met de time-out stoel goed voor een peuter",
        "do time outs actually work?",
    ),
    ("hoe stel ik grenzen aan mijn puber die steeds later thuiskomt",),
    ("mijn kind zegt overal nee op, is dat de terrible twos?",),
)

SECOND_CLUSTERS: Clusters = (
    (
        "mijn peuter blijft uit bed komen na het slapen gaan",
        "elke avond komt ze 10x haar bed uit, hoe houd ik haar in bed",
        "my toddler keeps getting out of bed after lights out",
    ),
    (
        "mijn puber zit tot 2 uur snachts op zn telefoon",
        "my teen is on her phone until late at night, should i take it away at bedtime",
        "moet ik de telefoon van mijn puber snachts innemen",
    ),
    (
        "hoe voorkom ik een driftbui als we weg moeten van de speeltuin",
        "mijn dreumes krijgt elke keer een woedeaanval als we naar huis moeten",
        "meltdown every time we have to leave the playground, how to prevent it?",
    ),
    (
        "hoe vertel ik mijn kinderen dat ik een nieuwe partner heb",
        "when should i introduce my new boyfriend to my kids after the divorce",
        "wanneer stel je een nieuwe vriend voor aan je kinderen na een scheiding",
    ),
    (
        "mijn ex en ik maken ruzie waar de kinderen bij zijn",
        "hoe communiceer ik met mijn ex zonder ruzie, voor de kinderen",
    ),
    (
        "mijn kind wil alleen maar snoep en chips",
        "my son only wants sweets and crisps, not real food",
    ),
    (
        "ze was al zindelijk maar plast nu weer in haar broek",
        "my daughter was potty trained but now has accidents again",
        "na de geboorte van zijn zusje plast hij weer in zn broek",
    ),
    (
        "hoe verdeel ik mijn aandacht eerlijk tussen mijn kinderen",
        "how do i give each of my children enough attention",
    ),
    (
        "juf zegt dat mijn zoon zich niet kan concentreren, kan het adhd zijn",
        "teacher thinks my son might have adhd, what now",
        "mijn kind kan niet stilzitten in de klas, is dat adhd",
    ),
    (
        "hoe zeg ik nee zonder dat het uitloopt op gejengel",
        "how do i say no without my child whining for ages",
    ),
    (
        "vanaf wanneer mag mijn kind op tiktok",
        "what age for instagram or tiktok?",
        "mijn dochter van 10 wil op tiktok, wat vinden jullie",
    ),
    ("mijn zoon van 12 wil niet meer knuffelen, is dat normaal",),
    ("hoe praat ik met mijn kind over de dood van opa",),
    ("how can i stay calm when i am exhausted as a single mum",),
    ("kan mijn kind van 3 al naar de peuterspeelzaal als hij nog niet zindelijk is",),
    ("my teenager is moody and slams doors, how do i react",),
)

THIRD_CLUSTERS: Clusters = (
    (
        "het duurt elke avond uren voordat mijn zoontje slaapt",
        "bedtime takes forever, he keeps calling me back in",
        "ze roept steeds als ik beneden ben, hoe krijg ik haar rustig in slaap",
    ),
    (
        "mijn puber liegt steeds tegen me, hoe ga ik daar mee om",
        "my 14 year old keeps lying to me about where she goes",
        "dochter van 15 liegt over waar ze is",
    ),
    (
        "na het weekend bij zijn vader is mijn zoon altijd van slag",
        "my kids are upset every time they come back from their dads place",
        "kinderen zijn overstuur na de wissel tussen 2 huizen",
    ),
    (
        "mijn dochter wil nooit ontbijten voor school",
        "how do i get my son to eat breakfast before school",
        "ontbijt skippen voor school, hoe los ik dat op",
    ),
    (
        "mijn peuter krijgt een driftbui als de tablet uit moet",
        "my toddler screams when i turn off the ipad",
        "elke keer gillen als het scherm uit gaat, hoe doe je dat",
    ),
    (
        "mijn oudste slaat de baby als ik niet kijk",
        "my 3 year old is rough with the baby, hits and pushes her",
    ),
    (
        "mijn dochter wordt online gepest via whatsapp",
        "my son is being cyberbullied on snapchat, what should i do",
        "wat te doen bij pesten in de klassenapp",
    ),
    (
        "mijn dochter van 16 maanden loopt nog niet",
        "my son is 18 months and not walking yet, is that late?",
        "wanneer moet een kind kunnen lopen, de mijne is bijna 1,5",
    ),
    (
        "hoeveel zakgeld geef je een kind van 10",
        "how much pocket money for a 10 year old?",
    ),
    (
        "mijn zoon is overdag droog maar snachts nog een luier, wanneer stoppen",
        "when can we stop the night nappy? she's dry during the day",
    ),
    (
        "mijn zoon en ik hebben elke dag ruzie over huiswerk",
        "homework is a daily fight in our house",
        "huiswerk maken eindigt altijd in gedoe, tips?",
    ),
    (
        "mijn zoon van 15 drinkt op feestjes, wat doe ik",
        "found out my 15 year old has been drinking alcohol at parties",
    ),
    ("mijn peuter wil alleen nog maar youtube kijken",),
    ("vanaf welke leeftijd mag mijn kind alleen naar school fietsen",),
    ("how do i explain to my child that grandma is ill",),
    ("mijn puber wil op vakantie met vrienden, mag dat met 16?",),
    ("mijn baby huilt heel veel, is dat normaal",),
    ("hoe leer ik mijn kind omgaan met verliezen bij spelletjes",),
)

HELD_OUT_CLUSTERS: Clusters = (
    (
        "mijn dochter is bang in het donker en wil niet alleen slapen",
        "my son is scared of monsters at bedtime, what helps?",
        "kind durft savonds niet alleen op zn kamer te slapen, bang",
    ),
    (
        "mijn puber doet niks in huis, hoe krijg ik hem aan het helpen",
        "how do i get my teenager to help with chores",
        "tiener wil nooit helpen met afwassen of opruimen",
    ),
    (
        "mijn ex praat slecht over mij tegen de kinderen",
        "my ex says bad things about me to our children, what do i do",
    ),
    (
        "mijn peuter bijt andere kinderen op de opvang",
        "daycare says my toddler keeps biting other kids",
        "dreumes bijt op het kinderdagverblijf wat kunnen we doen",
    ),
    (
        "mijn kind doet een uur over zijn bord eten",
        "my daughter takes forever to finish her dinner",
    ),
    (
        "moet de telefoon savonds uit de slaapkamer?",
        "should phones be banned from the bedroom at night?",
        "mobiel mee naar bed ja of nee, zoon is 12",
    ),
    (
        "mijn kinderen klikken steeds over elkaar",
        "my kids keep telling on each other all day",
    ),
    (
        "mijn zoon gaat naar de brugklas en is heel zenuwachtig",
        "my daughter is anxious about starting secondary school",
        "hoe help ik mijn kind bij de overstap naar de middelbare",
    ),
    (
        "mijn zoontje van 3 stottert ineens, moet ik iets doen",
        "my 3 year old suddenly started stuttering",
    ),
    (
        "mijn kind van 7 scheldt en vloekt, waar heeft hij dat vandaan",
        "how do i stop my kid from swearing",
        "zoon zegt steeds lelijke woorden, hoe reageer je",
    ),
    (
        "mijn zoon durft niet te poepen op de wc en houdt het op",
        "my son holds in his poop because he's scared of the toilet",
    ),
    ("hoe lang moet een kind van 4 slapen per nacht",),
    ("mijn ex wil de kinderen vaker zien dan afgesproken",),
    ("what do i do when my baby bites me while breastfeeding",),
    ("is het erg als mijn kind van 8 nog niet kan zwemmen",),
    ("mijn puber wil niet meer mee op vakantie",),
    ("hoe praat ik met mijn kind over seks en verliefdheid",),
)

TOPIC_WISH_CLUSTERS: Clusters = (
    (
        "slapen",
        "slaapproblemen bij peuters",
        "meer over slaap",
        "sleep problems",
        "doorslapen",
    ),
    (
        "pubers en hun telefoon",
        "telefoongebruik van pubers",
        "teenagers and phones",
    ),
    (
        "scheiding",
        "co-ouderschap na scheiding",
        "ouderschap na een scheiding",
        "divorce and co-parenting",
    ),
    (
        "pesten",
        "pesten op school",
        "bullying",
    ),
    (
        "eten",
        "kieskeurige eters",
        "picky eating",
    ),
    ("zindelijkheid",),
    ("rouw en verlies",),
)


# A sleep webinar (one theme, the hard case), written as a TUNING set for the grouping
# engine of issue 11, after its held-out set (tests/data/heldout_questions.py) was frozen
# and without looking at that set's per-question results. Tuned on.
SLEEP_THEME = "slapen"
SLEEP_CLUSTERS: Clusters = (
    # falling asleep takes hours
    (
        "mijn kind ligt uren wakker voordat ze in slaap valt",
        "het duurt elke avond wel 2 uur voor hij eindelijk slaapt",
        "inslapen duurt zo lang bij mijn zoon, hoe kan dat sneller",
        "It takes my daughter hours to fall asleep",
        "Mijn kind kan niet in slaap vallen. Lang wakker in bed.",
        "ze ligt nog om 10 uur s avonds te draaien in bed, kan niet slape",
        "how can I help my son fall asleep faster",
    ),
    # the baby only falls asleep when rocked or fed
    (
        "mijn baby valt alleen in slaap aan de borst",
        "hoe leer ik mijn baby zelf in slaap te vallen zonder wiegen",
        "onze kleine slaapt alleen als we haar in slaap wiegen of rondlopen",
        "My baby only falls asleep while feeding or being rocked",
        "Baby slaapt alleen bij mij op arm. Hoe zelf slapen in bed?",
        "hoe krijg je een baby zelfstandig in slaap",
    ),
    # bedtime routine
    (
        "wat is een goed slaapritueel voor een peuter",
        "welke vaste routine voor het slapen gaan raden jullie aan",
        "What is a good bedtime routine for a toddler?",
        "Wat moet ik doen voor slapen? Badje, boekje? Welke ritueel is goed?",
        "tips voor een rustig avondritueel voor het naar bed gaan",
    ),
    # sleepwalking / talking in sleep
    (
        "mijn zoon slaapwandelt, is dat gevaarlijk",
        "ze loopt snachts rond in haar slaap, moet ik haar wakker maken",
        "my daughter sleepwalks, what should I do",
        "Mijn kind loopt in nacht maar slaapt nog. Wat moet ik doen?",
        "slaapwandelen bij kinderen, wat kun je doen",
    ),
    # snoring
    (
        "mijn kind snurkt heel hard, moet ik naar de dokter",
        "is snurken bij een kind van 4 normaal",
        "my son snores loudly every night, is that a problem?",
        "Mijn dochter snurkt veel in nacht. Is dat slecht?",
    ),
    # the teenager sleeps until noon at weekends
    (
        "mijn puber slaapt in het weekend tot 2 uur s middags, is dat ok",
        "tiener ligt zaterdag de hele ochtend in bed en is doordeweeks niet wakker te krijgen",
        "My teenager sleeps until noon on weekends, should I wake him?",
        "Mijn zoon 15 jaar slaapt tot middag in weekend. Moet ik wakker maken?",
        "uitslapen bij pubers, hoe lang mag dat",
    ),
    # child in the parents' bed (as in the held-out set: the commonest sleep question)
    (
        "hoe krijg ik mijn kleuter terug naar haar eigen bed",
        "hij slaapt sinds de vakantie bij ons in bed en wil niet meer alleen",
        "we want our son to sleep in his own room again",
        "Mijn kind slaapt bij mij. Ik wil dat hij alleen slaapt in zijn kamer.",
        "elke nacht staat ze naast ons bed en kruipt erin, wat te doen",
    ),
    # waking at night and crying
    (
        "mijn dreumes wordt elke nacht huilend wakker",
        "ze word s nachts wakker en huilt dan een uur, help",
        "my toddler wakes up crying every night",
        "Mijn baby 1 jaar wakker in nacht en huilt veel. Wat doen?",
        "hoe reageer je als je kind snachts wakker wordt en huilt",
    ),
    # sleep training / letting cry
    (
        "is het goed om een baby te laten huilen om te leren slapen",
        "slaaptraining, ja of nee?",
        "Is sleep training safe? Should I let my baby cry it out?",
        "Baby laten huilen in bed tot slapen, is dit goed?",
        "wat vinden jullie van uithuilen laten bij een baby",
    ),
    ("slaapt een kind beter met of zonder knuffel",),
    ("hoe warm moet de slaapkamer van een baby zijn",),
)
SLEEP_GENERAL: tuple[str, ...] = (
    "vraag over slapen",
    "mijn kind slaapt slecht",
    "baby sleep question",
    "heeft iemand advies over de slaap van peuters?",
    "Slapen is moeilijk bij ons kind.",
)
