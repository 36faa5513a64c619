"""Little-ones sleep set: parents' questions for a JGZ Utrecht "slapen" webinar.

Audience: parents of babies and toddlers (0-4 years). Written by a separate author
in round 4 of issue 11, as a TUNING set for the question-grouping engine. It was
written without opening the held-out set, the other question sets or the engine
code, so it reflects how parents type in a live Telegram chat, not what the engine
expects: chat Dutch with typos and sms spelling, Flemish and Surinamese-Dutch
spelling, (non-native) English and simple Dutch of parents who learnt it later.

Each cluster is one question a moderator would merge into one; all clusters are
about sleep, so they are hard negatives of each other:

1. night feeds: when can the baby stop drinking at night
2. baby only sleeps on the parent / contact naps, transfer to the cot
3. cot to toddler bed, climbing out of the cot / getting out of the big bed
4. nap schedule: how many naps and how long at 6-14 months
5. sleep at daycare (creche, kdv) and a different routine there
6. safe sleep: cot death, tummy sleeping, sleeping bag vs blanket
7. dummy falls out at night and the baby wakes up crying
8. baby sleeps in the parents' room: when to move to an own room
9. toddler comes into the parents' bed every night
10. bedtime routine: bath, book, song, order and how long
11. holiday, travel, jet lag and clock change messing up sleep
12. tummy cramps, colic and reflux keeping the baby awake

LITTLE_SLEEP_GENERAL holds vague sleep questions that fit none of the clusters.
"""

from __future__ import annotations

Clusters = tuple[tuple[str, ...], ...]

LITTLE_SLEEP_THEME = "slapen"
LITTLE_SLEEP_CLUSTERS: Clusters = (
    # When can the baby stop drinking at night (night feeds)?
    (
        "wanneer kan mn baby stoppen met drinken snachts?",
        "ze is 7 mnd en wil nog 2x per nacht de fles, moet dat nog of is t gewoonte",
        "hoe lang moet je eigenlijk nog nachtvoedingen geven? k ben kapot",
        "mn zoontje van 10 maanden drinkt nog elke nacht aan de borst, wanneer mag dat af",
        "tot welke leeftijd is een voeding in de nacht normaal",
        "ons manneke van 9 maand wil nog altijd zn flesje om 3u, moet da nog?",
        "mijn kindje drinkt nog snachts, is da ni te oud met 1 jaar",
        "When can I stop night feeds? My son is 8 months old",
        "my daughter still wakes for milk 3 times every night at 11 months, normal or wean?",
        "How do I drop the night bottle without a lot of crying?",
        "Mijn baby hij drinkt nacht nog 3 keer. Is goed?",
        "Baby 6 maand. Moet ik in de nacht nog melk geven of niet?",
        "Mijn dochter is 1 jaar. Zij wil nacht fles. Wanneer stoppen?",
        "nachtvoeding afbouwen, hoe doe je dat, water geven ipv melk?",
    ),
    # My baby only sleeps on me / in my arms: how to get her to sleep in her own bed?
    (
        "mn baby slaapt alleen op mij, zodra ik hem neerleg is ie wakker",
        "hoe krijg je een baby die alleen in je armen wil slapen in zn eigen bedje",
        "overdag slaapt ze alleen in de draagzak of op mn borst, hoe leert ze zelf slapen",
        "ze is 4 mnd en elk dutje moet op mij, k kan niks meer doen",
        "zodra ik m in de wieg leg begint ie te huilen, op mn arm slaapt ie prima. tips?",
        "ons kindje wil alleen op den arm slapen, hoe krijgen we da afgeleerd",
        "mi baby wil alleen slapen op mijn borst, in bedje hij gaat direct schreeuwen",
        "My baby only naps on me, how do I transfer her to the cot without waking her?",
        "contact naps only, 3 month old wakes up the moment I put him down. help",
        "Is it bad that my son sleeps on my chest for all his naps? He is 5 months",
        "Baby slaapt alleen op mama. In bed hij huilt. Wat moet ik doen?",
        "Mijn zoon wil niet in bedje liggen. Alleen slapen op mij. Hoe kan ik veranderen?",
        "Ze slaapt alleen in mijn armen. Is dat slecht voor haar?",
        "hoe leg je een slapende baby neer zonder dat ze wakker schrikt, ze slaapt alleen op mij",
    ),
    # When to move from the cot to a toddler bed, and what if the child climbs out?
    (
        "wanneer kan je overstappen van ledikant naar peuterbed?",
        "mn zoon van 2 klimt steeds uit zn bedje, moet hij nu naar een groot bed?",
        "ze klautert elke avond over de spijlen, ben bang dat ze valt. wat nu",
        "hij ligt nu in een peuterbed en komt er 20x per avond uit, hoe hou je m erin",
        "sinds het juniorbed blijft ze niet meer liggen, staat steeds weer bij de deur",
        "ons manneke kruipt uit zn bedje, is da al tijd voor nen groten bed? hij is 20 maand",
        "awel mijn dochter stapt elke keer uit haar nieuw bed, wat kunnen we doen",
        "When should we move our toddler from the cot to a big bed?",
        "my 22 month old climbs out of his crib every night, is it time for a toddler bed?",
        "we switched to a toddler bed and now she keeps getting out, tips to keep her in?",
        "Mijn zoon klimt uit bed. Hij is 2 jaar. Wat doen?",
        "Wanneer kind naar groot bed? Nu in babybed met hekjes.",
        "Mijn kind heeft nieuw bed, maar hij blijft niet liggen, komt steeds eruit.",
    ),
    # How many naps (and how long) does a baby need at 6 / 12 months?
    (
        "hoeveel dutjes moet een baby van 6 maanden overdag doen?",
        "mn dochter is 1 en doet nog 2 slaapjes, wanneer gaat dat naar 1?",
        "hoe lang mag ze wakker zijn tussen de dutjes door met 5 mnd",
        "wat is een normaal slaapschema voor een baby van 9 maanden, k heb geen idee meer",
        "ze weigert haar 2e middagslaapje, is ze klaar voor 1 dutje? ze is 14 mnd",
        "hoeveel uur moet ze overdag slapen met 8 maand, doet soms 3 dutjes van 30 min",
        "hoeveel slaapkes moet ne kleine van een jaar nog doen op een dag",
        "How many naps does a 6 month old need?",
        "what's a good nap schedule for a 12 month old? mine does 2 short naps of 40 min",
        "When do toddlers go from two naps to one nap per day?",
        "Baby 7 maanden. Hoeveel keer slapen op dag is goed?",
        "Mijn zoon 1 jaar, slaapt overdag 1 keer of 2 keer. Wat is beter?",
        "Hoe lang moet baby slapen in middag? Hij is 10 maanden.",
    ),
    # My child sleeps badly at daycare / daycare has a different sleep routine.
    (
        "op de creche slaapt ze bijna niet, thuis wel 2 uur, wat kunnen we doen",
        "mn zoon doet op het kdv maar 1 kort dutje en is savonds helemaal kapot",
        "op het kinderdagverblijf hebben ze een ander ritme dan thuis, moet ik dat aanpassen?",
        "sinds ze naar de opvang gaat is haar slaap thuis ook in de war, herkenbaar?",
        "hoe zorg je dat kdv en thuis hetzelfde slaapritme hebben",
        "ons kindje slaapt slecht in de kinderopvang, ze ligt daar met veel andere kindjes",
        "op de creche hij slaapt nie in de middag, dan is hij heel moe en boos thuis",
        "My daughter doesn't nap at daycare, then she's overtired in the evening. What to do?",
        "the nursery puts him down at other times than we do at home, follow their schedule?",
        "Daycare says my son cries a long time before sleeping there. How can we help?",
        "Mijn kind slaapt niet goed op opvang. Thuis wel goed. Waarom?",
        "Creche heeft ander slaaptijd dan thuis. Is dat probleem voor baby?",
        "Hij gaat 3 dagen naar kinderdagverblijf. Daar slaapt hij heel kort. Is normaal?",
    ),
    # Safe sleep: cot death (SIDS), tummy sleeping, sleeping bag or blanket.
    (
        "is het veilig als mn baby op haar buik slaapt? ze draait zich zelf om",
        "mag een baby van 3 mnd al met een kussentje of dekentje slapen",
        "wat is veiliger, slaapzak of dekentje met lakentje?",
        "hoe verklein je de kans op wiegendood, wat moet wel en niet in het bedje",
        "ze rolt snachts op haar buik, moet ik haar steeds terugdraaien?",
        "mogen knuffels en een bedomrander in het ledikant of is dat gevaarlijk",
        "ons kindje slaapt het liefst op zijn buikske, is da gevaarlijk voor wiegendood",
        "Is it safe for my 4 month old to sleep on his tummy?",
        "what should and shouldn't be in the crib to prevent SIDS? bumpers, blankets, toys?",
        "sleeping bag or blanket, which is safer for a newborn? and what tog in summer",
        "Baby slaapt op buik. Is gevaarlijk?",
        "Mag baby met deken slapen of alleen slaapzak? Wat is veilig?",
        "Mijn moeder zegt baby op zij leggen, dokter zegt rug. Wat is goed?",
    ),
    # The dummy falls out at night and the baby wakes up crying.
    (
        "speen valt er snachts steeds uit en dan huilt ze tot ik m terug doe",
        "ik sta elke nacht 6x op om de fopspeen terug te stoppen, hoe los ik dat op",
        "mn zoon van 8 mnd wordt wakker zodra zn speen eruit valt, moet de speen weg?",
        "kan een baby leren zelf zn speentje terug te pakken? vanaf welke leeftijd",
        "elke keer als tuttie uit haar mond valt is ze wakker en gilt ze",
        "ons manneke verliest zijn tutje snachts en begint dan te wenen, wa doen we daaraan",
        "de fopspeen van mijn kindje valt steeds weg in nacht, dan zij huilt heel hard",
        "My baby's dummy falls out at night and she wakes up crying, what can I do?",
        "the pacifier keeps falling out and I'm up every hour putting it back. ditch it?",
        "binky falls out constantly at night 7mo, any way to teach him to find it himself?",
        "Speen valt uit mond, baby wordt wakker. Wat moet ik doen?",
        "Mijn baby slaapt met speen. In nacht speen weg en hij huilt. Stoppen met speen?",
        "Hoe leert baby zelf speen terug in mond doen?",
        "wie herkent dit: 10x per nacht fopspeen zoeken in het donker omdat ie huilt",
    ),
    # The baby sleeps in our room: when should she move to her own room?
    (
        "tot wanneer mag de baby bij ons op de kamer slapen?",
        "wanneer is het verstandig om de baby naar haar eigen kamertje te verhuizen",
        "ze ligt nu 5 mnd in de wieg naast ons bed, wanneer moet ze naar haar eigen kamer",
        "we worden wakker van elk geluidje vd baby, kan ie al op zn eigen kamer met 4 mnd?",
        "is het erg als mn zoon van 1 nog steeds bij ons op de slaapkamer ligt",
        "hoe lang laat gij de baby bij u op de kamer slapen, ons dochterke is 6 maand",
        "vanaf wanneer kan mijn kindje alleen op eigen kamer slapen, nu zij ligt bij ons",
        "When should the baby move out of our bedroom into her own room?",
        "Our son is 6 months and still sleeps in our room. Time to move him to his own room?",
        "we live in a small flat and baby sleeps in our room, is that a problem later?",
        "Baby slaapt in onze kamer. Wanneer eigen kamer?",
        "Wij hebben baby van 8 maanden in onze slaapkamer. Moet zij nu eigen kamer?",
        "Hoe oud moet baby zijn voor alleen slapen in andere kamer?",
    ),
    # My toddler comes into our bed every night: how do we stop it?
    (
        "mn peuter komt elke nacht bij ons in bed liggen, hoe stop ik dat",
        "rond 3 uur staat ze naast ons bed en kruipt erin, we slapen allemaal slecht",
        "ons zoontje van 3 komt elke nacht bij ons liggen, moeten we m steeds terugbrengen?",
        "hoe laat je een kind van 2,5 in zn eigen bed blijven ipv bij papa en mama",
        "is het erg als je dreumes elke nacht bij je in bed slaapt? wij vinden t eigenlijk ok",
        "ons dochterke komt iedere nacht in ons bed kruipen, ge wordt er zot van",
        "mijn jongen van 3 jaar kom elke nacht in ons bed, mijn man wil dat nie meer",
        "My toddler climbs into our bed every single night. How do we stop this?",
        "our 3yo ends up in our bed every night around 2am, how do we break this habit",
        "Should we walk our daughter back to her own bed every time she comes into ours?",
        "Kind komt elke nacht in ons bed. Hoe stoppen?",
        "Mijn zoon 2 jaar slaapt altijd in mijn bed nu. Hoe terug naar zijn bed?",
        "Elke nacht mijn dochter komt bij ons slapen. Is dat slecht?",
        "we wake up every morning with our toddler between us, how to keep him in his room",
    ),
    # What is a good bedtime routine (bath, book, song) and how long should it take?
    (
        "hoe ziet een goed bedritueel eruit voor een baby van 6 mnd?",
        "hoe lang mag het slapengaan duren? bij ons badje, boekje, fles en dat duurt een uur",
        "moet je elke avond in bad voor het slapen of is dat niet nodig",
        "eerst fles dan boekje of andersom? ze valt vaak al in slaap bij de fles",
        "welke vaste dingen doen jullie voor het naar bed gaan, k wil een rustiger avond",
        "welk avondritueel helpt nen dreumes om rustig te worden voor het slapengaan",
        "wa doe ik best voor mijn kindje in bed gaat, badje, liedje, boekske?",
        "What is a good bedtime routine for a 1 year old?",
        "how long should the bedtime routine be? ours is bath, book, song and takes forever",
        "Is reading a book every night before bed important? Or bath first? what order",
        "Wat moet ik doen voor slapen? Bad, boek, liedje? Baby 9 maanden.",
        "Wat doen wij eerst voor naar bed? Wij hebben geen vaste ritme.",
        "Elke avond anders bij ons. Hoe maak ik vast ritueel voor slapen?",
    ),
    # Holiday, travel, jet lag or the clock change messes up the child's sleep.
    (
        "we gaan op vakantie naar turkije, hoe hou je het slaapritme een beetje vol",
        "de zomertijd gaat in, moet ik mn baby langzaam aanpassen of gewoon in 1x?",
        "na de vakantie is haar ritme helemaal weg, slaapt pas om 10 uur, hoe krijg ik dat terug",
        "tips voor slapen in een campingbedje op vakantie? thuis slaapt ze goed, elders niet",
        "wintertijd om en nu is mn zoon om 5u wakker ipv 6u, hoe los ik dat op",
        "we gaan naar suriname met de kleine, hoe doen we da met tijdsverschil en zijn slapen",
        "ons manneke slaapt op reis overal slecht, in een ander bedje wil hij ni",
        "We travel to Poland for 3 weeks, how do we keep baby's sleep schedule?",
        "the clock change messed up my daughter's sleep, she now wakes an hour earlier. help",
        "tips for baby sleep on a long flight and jet lag? going to India with our 10 month old",
        "Wij gaan op vakantie. Baby slaapt slecht in ander bed. Wat doen?",
        "Klok gaat verzetten, zomer tijd. Baby slaapt niet meer op goede tijd. Hoe?",
        "Na reis naar familie mijn baby slaapt heel laat. Hoe weer normaal?",
    ),
    # Tummy cramps, colic or reflux keep the baby awake.
    (
        "mn baby van 6 weken heeft veel krampjes en huilt de hele avond, slaapt slecht",
        "ze heeft reflux en spuugt veel, daardoor wordt ze steeds wakker. wat helpt?",
        "moet ik het hoofdeinde van het bedje omhoog zetten bij reflux?",
        "hij trekt zn beentjes op en krijst snachts, zijn dat darmkrampjes? hoe krijgt ie rust",
        "buikkrampjes houden mn dochter elke nacht wakker, helpen druppels van de drogist?",
        "ons kindje heeft veel last van zijn buikske en slaapt daardoor bijna ni",
        "mijn baby heeft veel pijn in buik in nacht, hij huilt en huilt, wat moet ik doe",
        "My baby has colic and won't sleep at night, what can help?",
        "reflux keeps waking my 3 month old, she screams after every feed. raise the cot?",
        "Can tummy cramps be why my newborn wakes every hour? he farts a lot and cries",
        "Baby heeft krampen. Hij kan niet slapen. Wat kan ik doen?",
        "Mijn baby spuugt veel melk en huilt in bed. Is dat reflux? Slaapt slecht.",
        "Baby 2 maanden. Veel buikpijn avond. Niet slapen. Help.",
    ),
)
LITTLE_SLEEP_GENERAL: tuple[str, ...] = (
    "slaaptips voor een baby van 8 maanden?",
    "my baby doesn't sleep well, help",
    "wij zijn zo moe, baby slaapt slecht",
    "hoe krijg ik mijn peuter beter slapend",
    "heeft iemand tips om een dreumes beter te laten slapen, wij zijn echt op",
    "Mijn kind heeft probleem met slapen. Wat is advies?",
    "any general advice for better sleep with a toddler of 2 years?",
    "ons manneke slaapt ni goe, hebt ge tips",
    "We have struggled with our baby's sleep since birth and I am so exhausted, any advice?",
    "Slaap probleem met mijn baby. Waar kan ik hulp krijgen?",
    "k ben zo kapot, mn baby van 5 mnd slaapt echt super slecht, iemand advies?",
    "is it normal that my 10 month old has trouble sleeping lately?",
    "moeite met slapen bij mijn zoontje van 3, waar moet ik beginnen?",
    "Hoe kan ik mijn baby helpen met goed slapen? Ik weet het niet meer.",
    "onze kleine van 18 maanden slaapt al weken onrustig, waar kan dat allemaal aan liggen?",
)
