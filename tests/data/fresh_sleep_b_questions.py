"""Fresh labelled question set B for a sleep webinar ("slapen").

Setting: a sleep webinar held by a neighbourhood team in Utrecht for parents of
children aged 1-10. Many parents are stressed and tired, some are single parents,
some live in small flats.

Written by a separate author in round 4 of issue 11, without opening the held-out
set, any other question set in tests/data/, or the grouping/similarity engine.
The questions are written as parents write them, not to suit any engine.

Each cluster holds different parents asking the SAME question in their own words
(chat Dutch with typos, Flemish/regional spelling, English incl. non-native, and
simple Dutch of parents who learnt it later). A moderator would merge each cluster
into one question. All clusters are about sleep, so they are hard negatives of
each other. FRESH_SLEEP_B_GENERAL holds vague sleep questions that belong to no
cluster.

Clusters:
 1. The child only sleeps in the parents' bed: how to move it to its own bed?
 2. The child wakes up several times every night: how to make it sleep through?
 3. The child won't stay in bed at bedtime and keeps coming out.
 4. A parent must lie or sit next to the child until it falls asleep.
 5. The child wakes up far too early in the morning.
 6. Nightmares / bad dreams: what to do?
 7. Afraid of the dark: night light or not?
 8. Tablet, phone or TV before bed: bad for sleep?
 9. Afternoon nap: keep it or stop it?
10. Small home: the child sleeps in the parents' room or shares a room.
11. Melatonin for children: safe or not?
"""

from __future__ import annotations

Clusters = tuple[tuple[str, ...], ...]

FRESH_SLEEP_B_THEME = "slapen"
FRESH_SLEEP_B_CLUSTERS: Clusters = (
    # 1. How do I get my child out of our bed and into its own bed?
    (
        "mn dochter van 2 wil alleen bij ons in bed slapen hoe krijg ik haar in eige bed??",
        "zoontje ligt elke nacht tussen ons in, hoe stop ik dat",
        "hij komt om 2 uur naar ons bed en dan slaapt niemand meer goed",
        "kindje wil nie in haar eigen bedje, alleen bij mama in t grote bed",
        "elke nacht staat ie naast mn bed en kruipt erin, moet ik m terugbrengen?",
        "Ons manneke van drie slaapt al maanden bij ons, hoe krijgen we hem in zijn eigen bed?",
        "Ons dochterke wil per se bij mama en papa slapen, is dat erg?",
        "My toddler only falls asleep in our bed, how do I move him to his own?",
        "co sleeping with my 4 year old, when and how to stop it",
        "She sneaks into the parents bed every night, should I walk her back?",
        "Mijn kind slaapt bij mij in bed. Hoe leert hij alleen slapen in zijn bed?",
        "Mijn zoon is 5 jaar en slaapt nog met mij. Is dat goed?",
        "Zij wil niet in haar eigen bed. Zij huilt en komt naar mij.",
        "Kind komt elke nacht in het bed van ouders. Wat moet ik doen?",
    ),
    # 2. My child wakes up several times a night: how do I get it to sleep through?
    (
        "mijn zoon word elke nacht 3 of 4 keer wakker, normaal??",
        "ze slaapt nooit door, steeds wakker om 1 uur en 3 uur en 5 uur",
        "hoe krijg ik mn peuter zover dat ie doorslaapt",
        "kind van 18 maanden roept de hele nacht door om mama, ik ben kapot",
        "elke nacht meerdere keren eruit voor de kleine, word gek",
        "Ons kleintje schiet 's nachts om de twee uur wakker, is dat normaal?",
        "Onze gast van vier slaapt nooit eens een nacht door, wat kunnen we doen?",
        "my son wakes up many times every night, how to make him sleep through",
        "2yo still not sleeping thru the night, up 3-4 times",
        "She wake up in night again and again and cry, what I can do?",
        "she keeps waking every couple of hours, we havent slept in months",
        "Mijn kind wordt veel wakker in de nacht. Elke nacht meer dan twee keer.",
        "Mijn dochter slaapt niet de hele nacht. Zij wordt steeds wakker.",
        "Hoe kan mijn kind de hele nacht slapen zonder wakker worden?",
        "Mijn baby is 1 jaar en wordt 5 keer wakker per nacht. Is dit normaal?",
    ),
    # 3. My child won't stay in bed at bedtime and keeps coming out.
    (
        "ze komt na het welterusten zeggen steeds weer de trap af",
        "mijn zoon blijft niet in bed ligge, elke 5 min staat ie weer in de kamer",
        "hoe hou ik mn kind in bed na het naarbedgaan?? komt 10x eruit",
        "na t voorlezen licht uit en dan begint t: drinken, plassen, nog een knuffel...",
        "elke avond een uur heen en weer lopen om hem terug in bed te leggen",
        "Ons dochterke blijft 's avonds nie in haar bed, ze komt telkens naar beneden.",
        "Hoe krijgde gij een kleuter van vijf 's avonds in zijn bed gehouden?",
        "my kid keeps getting out of bed after lights out, what works?",
        "Every evening he come out of his room many times, how I stop this",
        "bedtime battles: 4yo jumps out of bed over and over",
        "Mijn kind gaat naar bed maar blijft niet liggen. Steeds komt hij terug.",
        "Mijn dochter staat steeds op als zij moet slapen. Wat kan ik doen?",
        "Hoe blijft mijn kind in zijn bed als het bedtijd is?",
        "'s Avonds komt mijn zoon veel keer uit zijn kamer. Ik word boos.",
    ),
    # 4. I have to lie or sit next to my child until it sleeps: how do I stop that?
    (
        "moet elke avond naast haar liggen tot ze slaapt, duurt soms een uur",
        "hoe leer ik mn zoon zelf in slaap vallen zonder dat ik erbij lig",
        "als ik weg loop voor ie slaapt begint ie te krijsen",
        "ik val zelf elke avond in slaap op t kinderbed haha, hoe stop ik dit",
        "zit elke avond op de grond naast t bedje met haar handje vast",
        "Ons meisje wil dat ik bij haar blijf liggen tot ze slaapt, hoe bouwen we dat af?",
        "Moet ik bij mijne zoon blijven zitten tot hij in slaap is, of mag ik weggaan?",
        "I have to lie down with my daughter every night until she falls asleep",
        "how to stop laying next to toddler till hes asleep",
        "He not sleep if I not stay in room. Every night I wait one hour.",
        "Mijn kind slaapt alleen als ik naast hem lig. Hoe kan hij alleen slapen?",
        "Ik moet elke avond bij mijn dochter blijven tot zij slaapt. Ik heb geen tijd.",
        "Mijn zoon wil mijn hand vasthouden tot hij slaapt. Hoe stop ik dat?",
        "Hoe kan mijn kind zelf in slaap vallen, zonder mama erbij?",
    ),
    # 5. My child wakes up far too early in the morning: can it sleep longer?
    (
        "onze zoon is elke ochtend om half 6 klaarwakker, kan dat later?",
        "ze staat om 5 uur naast mn bed, ook in t weekend!!",
        "hoe krijg ik mn kind langer laten slapen sochtends",
        "vroege vogel van 3 jaar, dag begint hier om 5u. help",
        "lang voor de wekker is ze al wakker en aan t spelen, echt veelste vroeg",
        "Ons kind is 's morgens veel te vroeg wakker, rond vijf uur. Hoe lossen we dat op?",
        "Ons manneke staat elke morgen om half zes paraat, kan dat wat later?",
        "my daughter wakes up at 5am every day, how to get her sleep longer?",
        "early riser toddler - up before sunrise, any tips",
        "Child is awake very early in morning, 5 o clock. Is too early for me",
        "Mijn kind wordt heel vroeg wakker, om 5 uur. Hoe kan hij langer slapen?",
        "Mijn dochter is in de ochtend te vroeg wakker. Wat kan ik doen?",
        "Mijn zoon slaapt 's ochtends niet lang. Hij is om half 6 al op.",
        "Helpt een slaaptrainer klok als mijn kind te vroeg wakker wordt?",
    ),
    # 6. My child has nightmares / bad dreams: what should I do?
    (
        "mn dochter heeft elke nacht nachmerries en gilt dan, wat moet ik doen",
        "hij word huilend wakker van enge dromen, hoe troost ik m goed",
        "nachtmerie's bij kind van 6, is dat normaal?",
        "ze droomt steeds over monsters en wil daarna nie meer slapen",
        "s nachts gilt ie ineens met open ogen maar lijkt nie wakker, nachtmerrie??",
        "Ons dochterke droomt de laatste tijd veel nare dingen, hoe gaan we daar mee om?",
        "Onze zoon heeft sinds de verhuis veel boze dromen, moeten we ons zorgen maken?",
        "my son keeps having bad dreams and wakes up terrified",
        "how to handle nightmares in a 5 year old?",
        "My girl have bad dream every night and scream, I am worry",
        "Mijn kind heeft vaak een nare droom. Dan huilt hij heel hard.",
        "Wat doe ik als mijn dochter wakker wordt van een enge droom?",
        "Mijn zoon droomt slecht sinds wij in Nederland zijn. Hoe help ik hem?",
        "Mijn kind is bang na een nachtmerrie en wil niet terug naar bed.",
    ),
    # 7. My child is afraid of the dark: should a light stay on?
    (
        "mn zoon is bang in t donkr, moet er een lampje aan blijven?",
        "ze wil de deur open en t licht op de gang aan anders slaapt ze nie",
        "kind is doodsbang als het licht uit gaat, wat te doen",
        "hij denkt dat er iets onder zn bed zit zodra t donker is",
        "is een nachtlampje slecht voor de slaap? ze is bang zonder",
        "Ons meisje durft nie in het donker te slapen, mag het lichtje de hele nacht aan?",
        "Onze kleine is bang van het donker, hoe helpen we hem daarbij?",
        "my 4 year old is scared of the dark, how can I help her",
        "Is it ok to leave a night light on all night for a kid who fears the dark?",
        "My son is afraid when room is dark, he cry and call me",
        "Mijn kind is bang als het donker is in zijn kamer.",
        "Mijn dochter wil slapen met de lamp aan. Is dat goed?",
        "Hoe help ik mijn zoon als hij bang is voor het donker?",
        "Zij wil niet alleen in de donkere kamer zijn. Zij is bang.",
    ),
    # 8. Are tablet, phone or TV before bed bad for my child's sleep?
    (
        "mag mn kind nog op de tablett voor het slapen of is dat slecht",
        "zonder filmpje op de telefoon wil ze nie gaan slapen",
        "tv aan in de slaapkamer tot hij slaapt, kan dat kwaad?",
        "hoeveel tijd voor bedtijd moet de ipad weg?",
        "na het gamen ligt ie nog uren wakker, komt dat door de schermen?",
        "Is dat schermpje 's avonds echt zo slecht voor de nachtrust van ons kind?",
        "Onze gast zit tot het slapengaan op zijn gsm, hoe pakken we dat aan?",
        "does screen time before bed affect my kid's sleep?",
        "My daughter watch youtube on phone in bed every night, is it bad?",
        "how long before bedtime should we turn off the tablet",
        "Mijn kind kijkt tv voor het slapen. Is dat slecht?",
        "Mijn zoon wil altijd de telefoon in bed. Dan slaapt hij laat.",
        "Hoe lang voor het slapen geen tablet meer geven aan mijn kind?",
        "Helpt een blauw licht filter op de telefoon voor het slapen van kind?",
    ),
    # 9. Should my child still take an afternoon nap, or should we stop it?
    (
        "moet mn dochter van 3 nog een middagslaapie doen?",
        "als hij smiddags slaapt ligt ie s avonds tot 10 uur wakker, dutje schrappen?",
        "wanneer stoppen kinderen met middagdutje",
        "ze wil nie meer slapen overdag maar is om 4 uur kapot en jengelig",
        "op de creche slaapt ze nog overdag, thuis niet, wat is beter",
        "Is een middagdutje nog nodig voor een kleuter van vier jaar?",
        "Ons manneke doet nog een middagslaapke, maar 's avonds raakt hij nie in slaap.",
        "should my 3 year old still nap during the day?",
        "drop the afternoon nap or keep it? bedtime is a nightmare since",
        "My son don't want sleep in afternoon anymore, it is ok?",
        "Moet mijn kind van 2 jaar nog slapen in de middag?",
        "Mijn dochter slaapt overdag en dan 's avonds niet. Moet ik stoppen met dat?",
        "Tot welke leeftijd slaapt een kind in de middag?",
        "Mijn zoon is moe in de middag maar wil niet slapen. Wat doe ik?",
    ),
    # 10. Small home: my child sleeps in our room / shares a room; how do we manage?
    (
        "we hebben maar 1 slaapkamer, kind slaapt bij ons op de kamer. tips?",
        "klein flatje dus t ledikantje staat naast ons bed, hij wordt wakker van alles",
        "hoe doe je dat als je kind in jouw slaapkamer slaapt en je zelf later naar bed gaat",
        "geen eigen kamer voor de kids, slapen allemaal bij ons, hoe krijg ik rust",
        "ze slaapt in de woonkamer want geen ruimte, maar wij zitten daar s avonds nog",
        "We wonen krap, ons dochterke slaapt op onze kamer. Hoe doen we dat best?",
        "In ons appartementje heeft de kleine geen eigen kamer, hoe regelen we het slapen?",
        "we live in a small flat and our son sleeps in our bedroom, any advice?",
        "Only one bedroom for me and 2 kids, how they can sleep well?",
        "sharing a room with my toddler because of space, he wakes when I come to bed",
        "Wij hebben een kleine woning. Mijn kind slaapt in mijn kamer. Is dat goed?",
        "Mijn kinderen slapen samen in één kamer met mij. Hoe kunnen zij goed slapen?",
        "Geen eigen kamer voor mijn zoon. Hoe maak ik een plek om te slapen?",
        "Wij wonen met vijf mensen in twee kamers. Hoe slapen de kinderen rustig?",
    ),
    # 11. Is melatonin safe / allowed for my child?
    (
        "is melatonine veilig voor een kind van 5?",
        "mag ik mn zoon melatonine geven van de drogist",
        "melatonie pilletjes voor kinderen, goed of slecht?",
        "buurvrouw zegt geef em gewoon melatonine, is dat verstandig",
        "die slaaphormoon tabletjes uit de winkel, mag dat bij een kleuter?",
        "Mag ge melatonine geven aan een kind van zes, of moet dat via de dokter?",
        "Onze dokter sprak van melatonine voor onze zoon, is dat wel veilig?",
        "is melatonin safe for toddlers?",
        "Can I give my kid melatonin gummies to help her fall asleep?",
        "In my country we buy sleep medicine for children, here is allowed?",
        "Mag ik mijn kind een pil geven om te slapen?",
        "Is melatonine goed voor mijn dochter? Zij slaapt heel laat.",
        "Hoeveel melatonine mag een kind van 7 jaar?",
        "De apotheek verkoopt slaaptabletjes voor kinderen. Is dat gevaarlijk?",
    ),
)
FRESH_SLEEP_B_GENERAL: tuple[str, ...] = (
    "Mijn kind slaapt slecht, wat kan ik doen?",
    "tips voor beter slapen bij kids?",
    "ik ben zo moe, slapen gaat hier gewoon niet goed",
    "Heeft u advies over slapen voor een kind van 3 jaar?",
    "any general tips for better sleep for young children?",
    "Mijn zoon van 7 heeft een slaapprobleem. Waar kan ik hulp vinden?",
    "Hoe belangrijk is slaap eigenlijk voor de ontwikkeling van een kind van vier?",
    "slaap is hier al maanden een drama, ik weet het echt niet meer",
    "Hebben jullie goeie tips rond het slapen van kleine kinderen?",
    "My child has sleep problems, where can I get help in Utrecht?",
    "Is het normaal dat een kind van 2 slecht slaapt?",
    "Wanneer moet ik met de slaapproblemen van mijn kind naar de huisarts gaan?",
    "Wij zijn allemaal moe thuis door het slapen. Hulp alstublieft.",
    "what is good sleep for a child, I don't know",
    "Als alleenstaande moeder ben ik uitgeput, hoe krijg ik meer rust rond het slapen?",
)
