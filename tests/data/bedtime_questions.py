"""Labelled tuning set: parents' questions for a sleep webinar ("slapen").

Written by a separate author in round 4 of issue 11, as a TUNING set for the
question-grouping engine. The author did not open the held-out set, the other
question sets or the engine code; the questions are written the way parents
type in a Telegram chat during a live webinar (chat Dutch with typos and sms
spelling, Flemish, English from native and non-native speakers, and the simple
Dutch of parents who learnt it later).

Each cluster is one question that a moderator would merge into one, asked by
different parents in their own words. All clusters are about sleep, so they are
hard negatives of each other:

1. bedtime drags on: keeps getting out of bed / calling the parent back
2. afraid of the dark or of monsters, wants a night light
3. night terrors: screams in the night but is not awake
4. wakes up far too early (around 5 am)
5. when to drop the afternoon nap
6. sleeps worse after a change (move, new baby, starting school)
7. phone, tablet or TV before bed
8. baby only falls asleep while fed or rocked
9. bedwetting at night
10. sleepwalking or talking in sleep
11. can't fall asleep because of worrying and thinking
12. crying it out / controlled crying: is it okay

Two specific questions without a partner follow as clusters of one.
BEDTIME_GENERAL holds vague sleep questions that would not be merged with any
specific cluster.
"""

from __future__ import annotations

Clusters = tuple[tuple[str, ...], ...]

BEDTIME_THEME = "slapen"
BEDTIME_CLUSTERS: Clusters = (
    # Bedtime takes hours: the child keeps getting out of bed or calling the parent back.
    (
        "mn zoon komt elke avond wel 10x uit bed, hoe stop je dat",
        "Hoe lang moet het naar bed brengen eigenlijk duren? bij ons is het elke avond 2 uur",
        "dochter (4) blijft roepen na het licht uit, nog water, nog plassen, nog een kus... help",
        "ff vraagje, wat doe je als ze steeds weer beneden staan na bedtijd?",
        "elke avond zelfde toneel, om half 8 naar bed en om 10 uur slaapt hij pas eindelijk",
        "ons manneke komt altij terug naar beneden, wa moete we daarmee doen",
        "Hoe krijgde da kindje in zen bed, ze blijft maar roepen en uitkomen",
        "My daughter keeps coming out of her room after lights out, every single night",
        "how do you stop the endless bedtime stalling? one more story, one more drink",
        "bedtime takes us like two hours, he always call me back for something",
        "Mijn zoon hij gaat niet in bed blijven. Hij komt steeds terug. Wat moet ik doen?",
        "Mijn kind roept mij heel vaak als ik beneden ben. Moet ik elke keer gaan?",
        "Avond is heel lang bij ons. Kind staat altijd weer op uit bed.",
    ),
    # Afraid of the dark or of monsters, wants a night light or the door open.
    (
        "mn dochter is bang in het donker, moet ik een nachtlampje kopen?",
        "zoon van 5 denkt dat er monsters onder zn bed zitten, hoe reageer je daarop",
        "is een nachtlampje slecht voor de slaap? ze wil hem de hele nacht aan",
        "wrm is mn kind ineens zo bang voor het donker, vroeger nooit last van gehad",
        "deur moet open en gangl icht aan anders gaat ze nie slapen, is dat erg",
        "onze kleine is bang van het donker, moete we het licht aanlaten of ni",
        "ons kindje ziet spoken in de kast zegt ze, hoe gaan we daar goe mee om",
        "My son is scared of monsters in his room, should I do a monster spray or is that silly?",
        "Is it ok to leave a night light on all night for a 3 year old who fears the dark?",
        "she is afraid of darkness and wont stay in her room alone",
        "Mijn dochter is bang. Het is donker en zij huilt. Lamp aan of uit?",
        "Kind zegt er is een monster in de kamer. Wat kan ik zeggen?",
        "Hoe help ik mijn kind die angst heeft voor donker in de slaapkamer?",
    ),
    # Night terrors: screams at night but is not awake and cannot be comforted.
    (
        "mn zoontje gilt snachts maar is niet wakker, ogen open maar reageert niet",
        "wat is het verschil tussen nachtmerries en nachtangst?",
        "ze schreeuwt elke nacht rond 11u en herkent me nie eens, moet ik haar wakker maken?",
        "kind van 3 zit rechtop te krijsen in bed en weet sochtends niks meer, is dat nachtangst",
        "zij slaat en schopt tijdens zo'n gilbui en is nie te troosten, half wakker ofzo",
        "ons manneke krijst 's nachts de boel bij elkaar mor hij is ni wakker, wa doen we",
        "ze ligt te roepen en te wenen in haren slaap, precies of ze iets vreselijks ziet",
        "My son screams in his sleep but he is not really awake, should I wake him up?",
        "what to do with night terrors? she screams for 10 min and doesnt recognise me",
        "my toddler wakes up screaming every night and i cannot calm him, eyes open but not there",
        "Mijn kind schreeuwt in de nacht. Hij slaapt nog. Hij hoort mij niet.",
        "Dochter heeft nachtangst denk ik. Heel bang in slaap maar morgen weet zij niets.",
        "Is het gevaarlijk als kind in slaap gillen en huilen elke nacht?",
    ),
    # Wakes up far too early, around 5 am, and is then wide awake.
    (
        "mn zoon staat elke dag om 5 uur naast mn bed, hoe krijg ik hem langer in bed",
        "vroeg wakker worden, ze is om kwart over 5 klaarwakker en wil spelen",
        "Helpt het om ze later naar bed te doen als ze te vroeg wakker worden?",
        "wij zijn kapot, dochter van 2 wordt al maanden om 5u wakker en slaapt dan niet meer",
        "heeft iemand ervaring met zo'n slaaptrainer klok tegen het vroege opstaan?",
        "onzen kleine is altij om 5 uur wakker, ook in het weekend, da is toch ni normaal",
        "hoe kunnen we da vroeg opstaan afleren, wij zijn ni meer vooruit te branden",
        "My toddler wakes up at 5am every day, how can I make him sleep until 7?",
        "early riser here, 4:45 wake ups, already tried blackout curtains",
        "what time is too early to start the day? our kid is up at 5 and fully awake",
        "Mijn kind is heel vroeg wakker. 5 uur in de ochtend. Hoe kan hij langer slapen?",
        "Zoon wordt wakker als het nog donker is en gaat niet meer slapen. Wat doe ik?",
        "Ik ben moe omdat mijn dochter al wakker om vijf uur. Is dat normaal?",
    ),
    # Naps: when to stop the afternoon nap, or the child refuses to nap.
    (
        "wanneer stop je met het middagslaapje?",
        "mn dochter van 3 wil nie meer slapen smiddags maar is om 5 uur helemaal kapot, wat nu",
        "als hij smiddags slaapt ligt hij savonds tot 10 uur wakker, slaapje schrappen?",
        "tot welke leeftijd moet een kleuter nog een dutje doen overdag?",
        "zoontje (2,5) weigert zn middagdutje sinds een paar weken, is hij eraan toe om te stoppen",
        "moete we da middagdutje afbouwen, want 's avonds is 't nen drama om te gaan slapen",
        "hij wil ni meer gaan slapen na de middag, is da normaal op 2 jaar?",
        "When should my child stop napping in the afternoon?",
        "my 3yo refuses his nap but is super cranky at dinner time, should we drop it or not",
        "Is quiet time a good replacement for nap when kid doesnt want to sleep at day?",
        "Mijn kind slaapt niet meer in de middag. Is dat goed of slecht?",
        "Hoe lang moet kind van 3 jaar slapen in de middag? Of niet meer?",
        "Kinderdagverblijf laat haar slapen maar thuis slaapt zij niet meer overdag. Moet dat?",
    ),
    # Sleeps worse after a change: a move, a new baby, starting school.
    (
        "sinds we verhuisd zijn slaapt ze heel slecht, gaat dat vanzelf over?",
        "sinds de baby er is wil mn oudste (3) ineens niet meer alleen slapen",
        "sinds hij naar groep 1 gaat wordt hij weer elke nacht wakker, kan dat door school komen",
        "is er zoiets als een slaapregressie? ze sliep prima en nu ineens elke nacht ellende",
        "nieuw huis nieuwe kamer en nu ligt ze elke nacht bij ons in bed, hoe lang laten we dat",
        "sinds de kleine zus geboren is, slaapt onze grote ni goe meer, is da jaloezie",
        "sinds hij naar 't school gaat wordt hij 's nachts weer wakker, hoe komt da",
        "We moved house last month and our son now wakes 3 times a night, how long is this normal?",
        "after her baby brother was born she started waking up again at night",
        "sleep regression at 4 years old, is that a thing? he used to sleep so well",
        "Wij hebben nieuw huis. Mijn dochter slaapt niet goed meer sinds dat. Wat kan ik doen?",
        "Mijn zoon slaapt slecht sinds hij naar de school gaat. Is dat door de school?",
        "Nieuwe baby in huis en grote broer wordt nu wakker in de nacht. Hoe helpen?",
    ),
    # Phone, tablet or TV before bed.
    (
        "hoe lang voor het slapen moet de tablet weg?",
        "mn zoon van 11 zit tot laat op zn telefoon onder de dekens, hoe pak je dat aan",
        "is tv kijken voor het slapen echt zo slecht? ze valt er juist rustig van in slaap",
        "blauw licht van schermen, maakt dat echt uit voor de slaap of is dat overdreven",
        "mag de telefoon op de slaapkamer bij een kind van 10? iedereen in de klas heeft het",
        "ons manneke wil altijd nog een filmke op de tablet voor het slapen gaan, is da erg",
        "mag ons dochterke haar gsm mee naar boven nemen, of beter ni",
        "Is it bad to let my kid watch cartoons right before bed?",
        "how many hours before bedtime should screens be off for a 7 year old?",
        "my daughter (12) is gaming until midnight, should I take the phone at night",
        "Mijn zoon kijkt YouTube in bed op telefoon. Slaapt daarom slecht?",
        "Is tablet in de avond slecht voor slaap van kind?",
        "Mag mijn kind televisie kijken voor bed? Hij vraagt altijd.",
    ),
    # Baby only falls asleep while being fed or rocked (sleep associations).
    (
        "mn baby valt alleen in slaap aan de borst, hoe leer ik haar zelf inslapen",
        "ze slaapt alleen als ik haar wieg, zodra ik haar neerleg is ze wakker",
        "hoe krijg je een baby van 8 mnd zelfstandig in slaap zonder flesje",
        "zoontje wil alleen in slaap vallen op mn arm en wordt wakker bij het wegleggen, tips?",
        "Borstvoeding als slaapmiddel, moet ik daarmee stoppen? ze wil elke nacht 4x aanleggen",
        "ons kindje moet altij gewiegd worden, anders slaapt ze ni, hoe leren we haar da af",
        "ne kleine van 6 maand die enkel slaapt met de fles in zijn mond, is da slecht",
        "My baby only falls asleep while feeding, how do I break that habit?",
        "how to stop rocking my baby to sleep? my back is killing me",
        "she needs the boob or the pacifier to fall asleep, every wake up, 10 months old",
        "Mijn baby slaapt alleen als ik hem wiegen. Ik ben heel moe. Hoe kan hij alleen slapen?",
        "Baby drinkt en slaapt dan. Moet baby wakker in bed gaan?",
        "Hoe leer ik mijn baby slapen zonder borst of fles?",
    ),
    # Bedwetting at night.
    (
        "mn zoon van 7 plast nog elke nacht in bed, is dat normaal?",
        "wanneer kun je s nachts de luier weglaten?",
        "helpt een plaswekker echt tegen bedplassen?",
        "dochter (6) is overdag al lang droog maar snachts nog nat, moet ik naar de huisarts",
        "moet je ze snachts wakker maken om te plassen of maakt dat het erger",
        "ons manneke van 6 is 's nachts nog ni droog, moete we ons zorgen maken",
        "bedplassen op 8 jaar, hij schaamt zich en wilt ni gaan logeren, wa doen we",
        "My 6 year old still wets the bed at night, when should I worry?",
        "bedwetting: should we limit drinks in the evening?",
        "is it ok for a 5yo to still wear a pull-up at night",
        "Mijn kind is 7 en bed is nat in de ochtend. Wat kan ik doen?",
        "Zoon plast in bed in de nacht. Is dit ziekte of normaal?",
        "Dochter nog niet droog in nacht. Luier is nog nodig?",
    ),
    # Sleepwalking or talking in sleep.
    (
        "mn zoon loopt in zn slaap door het huis, moet ik hem wakker maken?",
        "slaapwandelen bij kinderen, is dat gevaarlijk?",
        "ze praat heel vaak in haar slaap, soms hele gesprekken, moet ik me zorgen maken",
        "vannacht stond hij ineens beneden in de keuken en wist er vanochtend niks van",
        "hoe beveilig je de trap als je kind slaapwandelt, ben echt bang dat ie valt",
        "ons manneke babbelt heel de nacht in zijn slaap, is da normaal",
        "onze oudste wandelt 's nachts rond en plast soms in de kast, ge moet het maar weten",
        "My son sleepwalks a few times a week, is it dangerous to wake him?",
        "my daughter talks in her sleep and sometimes laughs loud, is that normal for a 9 year old",
        "what should i do when my kid walks around the house asleep",
        "Mijn kind loopt in de nacht maar hij slaapt. Wat moet ik doen?",
        "Dochter praat in slaap. Is dat een probleem?",
        "Mijn zoon staat op in de nacht en loopt rond, ogen open maar hij is niet wakker.",
    ),
    # Can't fall asleep because of worrying or thinking too much.
    (
        "mn dochter van 10 ligt uren te piekeren voor ze slaapt, hoe help ik haar",
        "hij kan zn hoofd niet uitzetten savonds, ligt over alles na te denken",
        "zorgen over school waardoor ze nie in slaap komt, tips?",
        "elke avond in bed komen de vragen, over doodgaan, over oorlog, en dan kan ze nie slapen",
        "werkt een zorgendoosje of dagboek echt tegen het piekeren voor het slapengaan?",
        "ons dochterke ligt in bed te piekeren over van alles en slaapt pas om 11 uur",
        "hij zit vol zorgen 's avonds en kan ni in slaap geraken, wa kunnen we doen",
        "My son can't fall asleep because he keeps worrying about everything",
        "how to help an anxious 8 year old who overthinks at bedtime",
        "she lies awake for hours thinking, her brain won't switch off",
        "Mijn kind denkt veel in bed. Hij kan niet slapen door denken.",
        "Dochter is bang voor toets morgen en slaapt niet. Hoe kan ik rustig maken?",
        "Kind heeft veel zorgen in de avond. Hoe help ik met ontspannen?",
    ),
    # Crying it out / controlled crying: is it okay to let them cry?
    (
        "laten huilen, is dat nou goed of slecht?",
        "wat vinden jullie van gecontroleerd huilen bij een baby van 9 mnd?",
        "mn schoonmoeder zegt ff laten huilen dan leert ze het wel, klopt dat?",
        "is uithuilen schadelijk voor de hechting? lees overal wat anders",
        "hoelang mag je een baby laten huilen voor je gaat kijken, 5 min, 10 min?",
        "moete we hem laten wenen tot hij in slaap valt of is da te hard",
        "awel, iedereen zegt laat da kindje maar wenen, maar mijn hart breekt, mag da",
        "Is cry it out ok or does it harm the baby?",
        "what about the Ferber method, controlled crying and checking every few minutes?",
        "we tried sleep training with crying but I couldn't do it, is there a gentler way",
        "Mag ik mijn baby laten huilen in bed? Mijn moeder zegt dat is goed.",
        "Baby huilt in bed. Moet ik gaan of laten huilen?",
        "Is het slecht als ik niet ga als baby huilt in de nacht?",
    ),
    # Two specific questions without a partner in this set (moved here from
    # BEDTIME_GENERAL by the lead: hours of sleep and the bedtime routine are topics of
    # their own, clusters in theme_questions.SLEEP_WIDE_CLUSTERS, not vague questions).
    # Alone, they only count when they are grouped with another cluster.
    ("hoeveel uur slaap heeft een kind van 6 nodig?",),
    ("wat is een goede slaaproutine eigenlijk",),
)
BEDTIME_GENERAL: tuple[str, ...] = (
    "slaaptips voor een kind van 3?",
    "my son has sleep problems",
    "hoe krijg je een kind goed in slaap",
    "slapen is altijd strijd bij ons",
    "onzen kleine slaapt slecht, hebt ge tips?",
    "any general advice for better sleep for kids?",
    "Mijn dochter slaapt niet goed. Wat is uw advies?",
    "is slecht slapen erg voor de ontwikkeling van kinderen?",
    "wij hebben veel moeite met slapen thuis",
    "what is normal sleep for a baby of 1 year?",
    "Ik ben altijd moe, slapen thuis is heel moeilijk.",
    "zijn er boeken over slapen voor ouders",
    "bij wie kun je terecht met slaapproblemen van je kind",
    "hoe belangrijk is regelmaat voor het slapen?",
)
