"""Fresh labelled set C: parents' chat questions from an imagined sleep webinar ("slapen").

Written by a separate author for round 4 of issue 11, to measure the question-grouping
engine on data it was never tuned on. It was written without opening the held-out set,
any of the other question sets in tests/data, or the engine code (bot/, bench/).

The setting is the live chat of a sleep webinar for parents in Utrecht with children
aged 0-12. Each cluster holds the SAME question, the one a moderator would merge,
asked by different parents in their own words: chat Dutch with typos and sms spelling,
Flemish and regional spelling, English (also non-native) and the simple Dutch of
parents who learnt it later. All clusters are about sleep, so they are hard negatives
of each other. FRESH_SLEEP_C_GENERAL holds vague sleep questions that should not be
merged with any cluster.

Clusters:
 1. Child comes into the parents' bed every night; how to get it back to its own bed?
 2. Child still wakes several times a night; when / how will it sleep through?
 3. Child stalls at bedtime and keeps coming out of bed after being tucked in.
 4. Child only falls asleep with a parent next to the bed; how to learn it alone?
 5. Child wakes far too early (around 5 am); how to make it sleep later?
 6. When and how to drop the afternoon nap?
 7. Nightmares: child wakes scared from bad dreams; how to help?
 8. Night terrors: screaming in sleep, not reachable, no memory next day.
 9. Screens (tablet, phone, TV) before bed: how bad, how long before bedtime off?
10. Melatonin for children: is it safe, may we give it?
11. Bedwetting: child is still wet at night; is it normal, what helps?
"""

from __future__ import annotations

Clusters = tuple[tuple[str, ...], ...]

FRESH_SLEEP_C_THEME = "slapen"
FRESH_SLEEP_C_CLUSTERS: Clusters = (
    # Child comes into the parents' bed every night; how to get it back to its own bed?
    (
        "mn zoon van 4 kruipt elke nacht bij ons in bed hoe krijg ik hem in zn eigen bed",
        "dochter komt iedere nacht om 2u bij ons liggen, moeten we haar steeds terugbrengen?",
        "hoe leer je een kind weer in z'n eigen bedje te slapen ipv bij papa en mama",
        "wij slapen al maanden met z'n drieen in 1 bed, hoe stoppen we dit??",
        "ons grote bed ligt elke ochtend vol met kids haha, hoe krijg je ze terug in hun kamer",
        "kind staat midden in de nacht naast ons bed en wil erbij, laten jullie dat toe?",
        "Onze kleine komt elke nacht bij ons gekropen, hoe wennen we hem terug aan zijn bedje?",
        "ons dochterke wil absoluut bij ons slapen, is dat erg of moeten we daarmee stoppen",
        "My 3yo ends up in our bed every single night, how do we break this habit?",
        "how to get toddler sleep in own bed, he always come to us in the night",
        "Is co-sleeping with a 5 year old okay or should we move her to her own bed?",
        "Mijn kind slaapt altijd in ons bed. Hoe kan hij in zijn eigen bed slapen?",
        "Mijn dochter komt in de nacht naar ons bed. Is dat goed of niet goed?",
        "samen slapn in t ouderbed op 6 jaar, wnr moet dat ophouden",
    ),
    # Child still wakes several times a night; when / how will it sleep through?
    (
        "onze dochter van 14 mnd wordt nog 3-4 keer per nacht wakker, is dat normaal?",
        "wnr gaat een baby nou eens doorslapen? wij zijn op",
        "zoontje (2) wordt elke nacht meerdere keren wakker en huilt, hoe krijg ik hem doorslapend",
        "hoe leer je een dreumes de hele nacht door te slapn zonder steeds wakker te worden",
        "ze slaapt nooit een nacht door, elke 2 uur is het raak. tips??",
        "mn kind word s nachts zo vaak wakker, wij hebben al een jaar geen nacht gehad",
        "Ons kindje van 1 jaar slaapt nog altijd niet door, 's nachts verschillende keren wakker",
        "Vanaf wanneer moogt ge verwachten dat een baby de nacht doorslaapt?",
        "My 18 month old still wakes up several times every night, what can we do?",
        "when do babies sleep trough the night? mine is 10 months and wake every 2 hours",
        "Our son never sleeps the whole night, always waking 3 or 4 times. Normal?",
        "Mijn baby wordt in de nacht veel wakker. Wanneer slaapt hij de hele nacht?",
        "Mijn kind is 2 jaar en slaapt niet door. Elke nacht veel keer wakker.",
        "Hoe kan mijn kind slapen tot de ochtend zonder tussendoor wakker worden?",
    ),
    # Child stalls at bedtime and keeps coming out of bed after being tucked in.
    (
        "mn dochter van 4 komt na het instoppen wel 10x haar bed uit, hoe stop ik dat",
        "elke avond: nog een slokje water, nog plassen, nog een kusje... hoe hou je dat op",
        "zoon blijft maar uit bed komen als we beneden zitten, terugbrengen of negeren?",
        "bedtijd duurt bij ons 2 uur omdat ze steeds weer de trap af komt",
        "hoe zorg ik dat mn kleuter in bed blijft liggen na het welterusten zeggen",
        "ze rekt het naar bed gaan eindeloos met smoesjes, wat werkt er egt?",
        "Onze zoon komt 's avonds telkens opnieuw uit zijn bed, we zijn het beu. Hoe aanpakken?",
        "Hoe krijgt ge een kleuter in zijne bed als hij er telkens terug uitkruipt?",
        "My 5yo keeps getting out of bed after lights out, again and again. Help",
        "Toddler always wants one more story, one more drink at bedtime, how to stop the stalling?",
        "he come down the stairs every 10 minutes after we put him to bed, what to do",
        "Mijn zoon gaat naar bed maar komt steeds terug naar de kamer. Wat moet ik doen?",
        "Kind blijft niet in bed. Ik breng hem terug en hij komt weer.",
        "Mijn dochter wil elke avond nog water, nog wc. Dan is het heel laat.",
    ),
    # Child only falls asleep with a parent next to the bed; how to learn it alone?
    (
        "ik moet elke avond naast zn bed zitten tot ie slaapt, duurt soms een uur",
        "dochter valt alleen in slaap als ik haar hand vasthoud, hoe bouw je dat af?",
        "hoe leer je een kind zelf in slaap te vallen zonder dat papa of mama erbij ligt",
        "zodra ik de kamer uitloop begint ze te krijsen, ze wil dat ik blijf tot ze slaapt",
        "lig elke avond bij mn zoon tot hij weg is en val zelf ook in slaap haha",
        "mn kind kan echt niet inslapn zonder mij in de buurt, wat nu",
        "Ons manneke wil dat er iemand bij hem blijft tot hij slaapt, hoe leert hij dat alleen?",
        "Moeten we naast het bedje blijven zitten tot ze in slaap is, of is da geen goed idee?",
        "My daughter only falls asleep if I lie next to her, how can she fall asleep alone?",
        "how to stop sitting in the room every night until she sleeps",
        "He can't fall asleep without me there, the moment I leave he cries",
        "Mijn kind slaapt alleen als ik bij het bed blijf. Hoe kan hij alleen in slaap gaan?",
        "Ik zit elke avond lang bij mijn dochter. Zonder mij slaapt ze niet.",
        "Hoe kan ik weggaan uit de kamer als mijn kind nog wakker is?",
    ),
    # Child wakes far too early (around 5 am); how to make it sleep later?
    (
        "ons kind is elke ochtend om 5u klaarwakker, hoe krijg ik dat later",
        "zoon staat om half 6 naast ons bed, fris en fruitig. wij niet. help",
        "vroege vogel van 2 jaar, altijd voor 6 uur op. kan je daar wat aan doen?",
        "hoe zorg je dat je kind niet om 5 uur s ochtends al wakker is",
        "later naar bed brengen helpt niks, ze blijft om 5 uur opstaan",
        "mn dochter word zo vroeg wakker, is nog donker buiten, wat doen we fout",
        "Onze jongste is elke morgen om vijf uur wakker, kunnen we daar iets aan doen?",
        "Veel te vroeg op hier, om 5u is't gedaan met slapen, ge wordt er zot van",
        "My toddler wakes up at 5am every day ready to play, how to make him sleep longer?",
        "early waking at 5 am, does a later bedtime help or not?",
        "She is up at 4:45 each morning, is there a trick like a special clock?",
        "Mijn kind wordt heel vroeg wakker, om 5 uur. Hoe kan hij langer slapen?",
        "Elke morgen om 5 uur is mijn zoon wakker. Dat is te vroeg voor ons.",
        "Hoe kan mijn kind in de ochtend langer in bed blijven?",
    ),
    # When and how to drop the afternoon nap?
    (
        "wanneer stop je met het middagslaapje? ze is 3",
        "als hij middags slaapt ligt ie om 10 uur nog wakker, slaapje schrappen?",
        "mn zoon wil niet meer slapen overdag maar is om 5 uur helemaal op, wat nu",
        "is het middagdutje nog nodig met 2,5 jaar of kan ik het weglaten",
        "opvang laat ze tussen de middag niet meer slapen, thuis wel, wat is beter?",
        "hoe weet je dat je kind klaar is om te stoppen met overdag slapn",
        "Op welke leeftijd laat ge het middagdutje vallen?",
        "Ons meisje weigert haar middagslaapke, moeten we dat nog forceren of niet?",
        "When should kids stop napping? my 3 year old fights every nap",
        "Is it time to drop the nap if she takes an hour to fall asleep at night?",
        "how do you know when toddler ready to drop his afternoon nap",
        "Mijn kind is 3 jaar. Moet hij nog slapen in de middag?",
        "Wanneer slaapt een kind niet meer overdag? Mijn dochter wil niet meer.",
        "Overdag slapen of niet? 's Avonds slaapt hij dan heel laat.",
    ),
    # Nightmares: child wakes scared from bad dreams; how to help?
    (
        "dochter heeft bijna elke nacht enge dromen en wil dan niet meer alleen slapen",
        "zoon word wakker van nachtmeries over monsters, hoe troost je het best",
        "wat doe je als je kind huilend wakker wordt van een boze droom",
        "sinds de verhuizing heeft hij vaak nare dromen, kan ik daar iets aan doen",
        "ze vertelt s ochtends dat ze eng gedroomd heeft, elke nacht wel iets. normaal op 5jr?",
        "hoe help ik mn kind na een nachtmerie weer in slaap",
        "Ons kind droomt veel slechte dromen en komt dan wenend bij ons, wat doen we best?",
        "Hoe kunt ge een kind helpen dat dikwijls akelig droomt?",
        "My 6 year old has nightmares almost every night, should I worry?",
        "how to comfort child after bad dream, he is scared to go back sleep",
        "She wakes up crying because of scary dreams about monsters, any tips?",
        "Mijn kind droomt veel enge dingen en is dan bang. Wat kan ik doen?",
        "Mijn zoon wordt wakker en zegt: ik had een boze droom. Hoe help ik?",
        "Veel nachtmerries bij mijn dochter. Is dat normaal?",
    ),
    # Night terrors: screaming in sleep, not reachable, no memory next day.
    (
        "zoon gilt s nachts met open ogen maar reageert niet op ons, wat is dit",
        "nachtelijke paniekaanvallen bij 3 jarige, ze herkent ons niet eens",
        "pavor nocturnes, moet je je kind dan wakker maken of niet?",
        "ze zit rechtop te schreeuwen een uur na inslapen en weet er s ochtends niks meer van",
        "hoe reageer je op nachtangst? hij slaat om zich heen en is niet te troosten",
        "is het gevaarlijk als mn kind krijsend wakker lijkt maar eigenlijk nog slaapt",
        "Ons zoontje roept en tiert 's nachts maar is niet echt wakker, is dat nachtangst?",
        "Hoe gaat ge om met een kind dat in zijn slaap hard begint te wenen en u niet ziet?",
        "What are night terrors and how are they different from nightmares?",
        "my son screams in his sleep with eyes open and dont know me, next morning nothing",
        "Should I wake my daughter during a night terror or just wait?",
        "Mijn kind schreeuwt in de nacht, maar hij slaapt nog. Hij hoort mij niet.",
        "Mijn dochter huilt heel hard in de slaap en weet het de volgende dag niet meer.",
        "Wat is nachtangst? Mijn zoon heeft dat, denk ik.",
    ),
    # Screens (tablet, phone, TV) before bed: how bad, how long before bedtime off?
    (
        "hoe erg is het als ze voor het slapen nog op de tablet zit",
        "zoon (9) gamet tot bedtijd en ligt dan uren wakker, komt dat door het scherm?",
        "hoe lang voor bedtijd moet de tv uit?",
        "mag mn kind een filmpje kijken om rustig te worden voor bed of is dat slecht",
        "telefoon mee naar bed op 11 jaar, verbieden of niet?",
        "ipad voor t slapen slecht voor de slaap? wat zeggen de onderzoeken",
        "Is het slecht als ons kind 's avonds nog op zijn gsm zit vlak voor het slapengaan?",
        "Hoeveel tijd zonder schermen voor het slapen raadt ge aan?",
        "Does screen time before bed really affect sleep? my kids watch cartoons till 8",
        "how many hours before bed no phone or ipad for children?",
        "blue light from tablet at night, is it bad for my son sleep?",
        "Mijn kinderen kijken tv en dan gaan ze slapen. Is dat slecht?",
        "Mag mijn dochter met telefoon in bed? Zij slaapt dan laat.",
        "Hoe lang geen telefoon of tablet voor het slapen gaan?",
    ),
    # Melatonin for children: is it safe, may we give it?
    (
        "is melatonine veilig voor een kind van 6 dat niet in slaap komt",
        "huisarts noemde melatonine, iemand ervaring? is het verslavend?",
        "mag je kinderen die slaaphormoon pilletjes van de drogist geven",
        "melatonnine voor mn zoon met adhd, hoe lang mag dat en hoeveel",
        "slaapsnoepjes voor kids, goed idee of juist niet? zie ze overal liggen",
        "wat doet melatonine eigenlijk en helpt het echt bij kinderen",
        "Mogen we ons dochterke melatonine geven, of is dat niet goed op die leeftijd?",
        "Is da gevaarlijk, dat slaaphormoon bij kinderen? Ze verkopen het overal.",
        "Is it safe to give melatonin gummies to my 7 year old?",
        "melatonin for kids yes or no? what dose is okay",
        "Any long term side effects of melatonine in children?",
        "Mag ik mijn kind een pil geven om te slapen? Melatonine?",
        "Mijn zoon slaapt moeilijk. Is melatonine goed voor hem?",
        "In mijn land geven ze kinderen een middel om te slapen. Mag dat hier ook?",
    ),
    # Bedwetting: child is still wet at night; is it normal, what helps?
    (
        "mn zoon van 7 plast nog elke nacht in bed, wanneer moet ik me zorgen maken",
        "dochter is overdag al lang droog maar s nachts nog steeds nat, normaal op 6?",
        "plassen in bed op 8 jarige leeftijd, helpt zo'n plaswekker?",
        "elke ochtend natte lakens, hoe lang is dit nog normaal",
        "moet ik mn kind s nachts wakker maken om te plasse zodat ze droog blijft",
        "bedplassen sinds de geboorte van zn zusje, was al droog. wat kan dat zijn",
        "Ons zoontje van 6 doet nog in zijn bed 's nachts, wanneer moeten we naar de dokter?",
        "Ze is nog altijd niet droog 's nachts, moet ze terug een pamper aan?",
        "My 7yo still wets the bed most nights, is that normal?",
        "bedwetting at age 8, do alarms work or better wait?",
        "he is dry in the day but every night the bed is wet, what can help",
        "Mijn kind is 6 jaar en plast in de nacht in bed. Is dat normaal?",
        "Elke nacht is het bed nat. Mijn zoon is al 7. Wat moet ik doen?",
        "Mijn dochter draagt nog luier in de nacht. Ze is 5. Moet dat stoppen?",
    ),
)
FRESH_SLEEP_C_GENERAL: tuple[str, ...] = (
    "heeft iemand tips voor beter slapen?",
    "mn kind slaapt slecht, wat kan ik doen",
    "wij hebben echt een slaapprobleem thuis, ben zo moe, hulp",
    "any general advice about sleep for a 2 year old?",
    "ik wil graag advies over slapen bij mijn kinderen van 3 en 7 jaar",
    "slapen is bij ons elke dag een strijd, waar begin ik?",
    "Hebt ge algemene tips rond slapen voor kleine kinderen?",
    "Mijn zoon slaapt niet goed. Ik weet niet wat ik moet doen.",
    "sleep is a big problem in our house, we are all tired",
    "hoe weet je eigenlijk of je kind goed genoeg slaapt?",
    "is het normaal dat een peuter slecht slaapt of moet ik hulp zoeken bij iemand",
    "waar kan ik in Utrecht terecht met vragen over het slapen van mijn kind",
    "ik ben zelf kapot omdat de kinderen slecht slapen, heb je tips voor ouders?",
    "slaaptips voor baby van 8 maanden graag",
    "Ons gezin slaapt al maanden slecht, is er iets dat altijd helpt bij kinderen?",
)
