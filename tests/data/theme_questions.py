"""Two one-theme TUNING sets for the grouping engine (issue 11), the hard case.

Written for tuning, after the held-out set (tests/data/heldout_questions.py) was frozen
and without opening it or any per-question result on it: the topics of the clusters are
the everyday questions of a sleep webinar and of an eating webinar. Tuned on.

Each cluster holds questions a gespreksleider would merge (the same question in other
words); clusters on one theme are hard negatives of each other. The texts are written as
parents type in a Telegram chat: Dutch with typos and sms spelling, Flemish and other
dialect spelling, English, and the simple Dutch of parents who learnt it later. The
`*_GENERAL` questions are vague: they only name the theme (and perhaps an audience
word), and must not be grouped with a specific question.

- `SLEEP_WIDE_CLUSTERS`: 156 questions in 12 clusters plus 15 vague ones, theme slapen.
- `EATING_CLUSTERS`: 86 questions in 10 clusters plus 8 vague ones, theme eten.
"""

from __future__ import annotations

Clusters = tuple[tuple[str, ...], ...]

SLEEP_WIDE_THEME = "slapen"
SLEEP_WIDE_CLUSTERS: Clusters = (
    # the child comes into (or wants to sleep in) the parents' bed
    (
        "elke nacht ligt mn zoontje ineens tussen ons in, hoe leer ik hem dat af",
        "onze dochter van 4 wil alleen nog bij ons slapen",
        "How do I get my 3yo out of our bed? He climbs in every single night",
        "kruipt iedere nacht bij ons in bed, we slapen zelf amper nog",
        "Mijn kind wil slapen bij mama en papa. Niet in eigen bed. Wat kan ik doen?",
        "ons manneke komt elke nacht bij ons liggen, hoe krijgen we da gestopt",
        "is co-sleeping ok or should she be in her own bed by now?",
        "hoe krijg ik me dochter weer in haar eigen bedje, ze wil alleen bij ons",
        "Hij komt s nachts altijd naar onze kamer en slaapt dan bij ons. Is dit goed?",
        "ze begint in haar eigen bed maar om 2 uur ligt ze weer bij ons",
        "my daughter refuses to sleep anywhere but in our bed",
        "samen slapen met je kind van 5, moet ik daarmee stoppen?",
        "kind sluipt snachts ons bed in, terugbrengen of laten liggen?",
    ),
    # waking up several times a night (not sleeping through)
    (
        "mijn baby van 9 maanden slaapt nog steeds niet door",
        "ze wordt 4 a 5 keer per nacht wakker, ik ben gesloopt",
        "My son still wakes up several times every night, he's 2",
        "wanneer gaat een baby eindelijk de hele nacht doorslapen?",
        "Mijn kind wordt elke nacht veel keren wakker. Wat kan ik doen?",
        "onze kleine is snachts om het uur wakker, normaal?",
        "hoe krijg ik mijn dreumes zover dat ie doorslaapt",
        "How can I get my baby to sleep through the night?",
        "ons kindje wordt ni doorgeslapen, elke nacht 3x op",
        "Baby slaapt nooit hele nacht. Altijd wakker om 1 uur en om 4 uur.",
        "mn peuter is s nachts steeds wakker en roept dan",
        "she never sleeps more than 2 hours in a row at night",
        "nachten zijn een ramp hier, hij word de hele tijd wakker",
    ),
    # falling asleep alone (needs a parent next to the bed)
    (
        "mijn zoon slaapt alleen in als ik naast zijn bed zit",
        "ik moet elke avond bij haar liggen tot ze slaapt, hoe leer ik haar alleen in slaap vallen",
        "My toddler won't fall asleep unless I'm in the room",
        "Kind kan niet alleen in slaap vallen. Ik moet altijd blijven.",
        "hoe leert een kind zelfstandig inslapen zonder mama erbij",
        "ze wil dat ik haar handje vasthoud tot ze slaapt, elke avond een uur",
        "how do I teach my 2 year old to self-soothe to sleep?",
        "als ik de kamer uit ga begint hij te huilen, hij wil dat ik blijf tot hij slaapt",
        "moet ik bij mijn kindje blijven zitten tot ze in slaap is of weggaan?",
        "Mijn dochter slaapt alleen als ik naast haar lig. Dit is moeilijk voor mij.",
        "hij valt alleen in slaap met mij ernaast, hoe bouw ik dat af",
        "zelf in slaap vallen lukt nie, ik zit er elke avond naast",
        "my baby only falls asleep with me lying next to her",
    ),
    # bedtime resistance: keeps coming out of bed, stalling, battles
    (
        "hij blijft maar uit zijn bed komen, 10 keer per avond",
        "elke avond strijd bij het naar bed gaan, ze wil gewoon nie",
        "My 4 year old keeps getting out of bed after lights out",
        "na het welterusten komt ze steeds weer naar beneden: dorst, plassen, nog een kus",
        "Mijn kind wil niet naar bed in de avond. Altijd huilen en boos. Help.",
        "bedtijd is hier elke dag een gevecht, hoe houden jullie het rustig",
        "how to stop bedtime stalling? one more story, one more drink...",
        "kleuter blijft maar roepen en uit bed stappen savonds, wat doe ik",
        "ons dochterke wil savonds nooit gaan slapen, altijd ruzie",
        "bedtime battles every night with my toddler, any tips?",
        "hij staat elke keer weer naast de bank als we hem net in bed hebben gelegd",
        "Na bedtijd komt mijn zoon steeds uit zijn kamer. Ik breng hem terug maar hij komt weer.",
        "mijn peuter weigert naar bed te gaan en rent weg als het tijd is",
    ),
    # nightmares and night terrors
    (
        "mijn dochter heeft bijna elke nacht nachtmerries",
        "hij wordt gillend wakker en is dan niet aanspreekbaar, wat is dat?",
        "My son has bad dreams and wakes up terrified",
        "Mijn kind droomt eng en huilt dan in de nacht. Wat moet ik doen?",
        "nachtmerries bij een kleuter, hoe kan je die voorkomen",
        "ze schreeuwt snachts met open ogen maar weet er smorgens niks meer van",
        "night terrors in a 3 year old, should I wake her?",
        "mn zoon heeft enge dromen en durft daarna nie meer te slapen",
        "pavor nocturnus, iemand ervaring? hij zit rechtop te krijsen",
        "Mijn dochter is bang door slechte droom. Zij wil dan niet terug in bed.",
        "what to do when my kid wakes up screaming from a nightmare",
        "ons kleine meisje heeft de laatste tijd veel boze dromen",
        "hoe troost ik mijn kind na een nachtmerrie zodat hij weer slaapt",
    ),
    # naps (dropping the nap, refusing the nap)
    (
        "mijn peuter wil overdag niet meer slapen, moet hij nog een middagdutje?",
        "wanneer stopt een kind met het middagslaapje",
        "My 2.5 year old refuses her nap, should I drop it?",
        "Mijn kind slaapt niet meer in de middag. Is dat goed voor leeftijd 3?",
        "hoe lang mag een dutje overdag duren bij een baby van 1",
        "zij slaapt smiddags 3 uur en is dan savonds klaarwakker, middagslaap inkorten?",
        "how many naps does a 10 month old need?",
        "dutjes overdag lukken alleen in de kinderwagen, wat doe ik fout",
        "ons ventje wil op de creche niet meer slapen smiddags",
        "Baby slaapt overdag maar 20 minuten. Is dit te kort?",
        "toddler fights every nap, is it time to stop naps?",
        "van 2 naar 1 slaapje overdag, wanneer doe je dat",
        "Mijn dochter wil niet slapen na het eten in de middag. Moet dat nog?",
    ),
    # waking up very early in the morning
    (
        "mijn zoon is elke ochtend om 5 uur wakker",
        "ze staat om half 6 naast ons bed, hoe krijg ik haar wat langer liggen",
        "My toddler wakes at 5am every day, how do I get her to sleep later?",
        "Mijn kind wordt te vroeg wakker in de ochtend. Het is nog donker.",
        "vroege vogel van 3, al om 5 uur klaarwakker, help",
        "hoe krijg je een kind dat om 5u wakker wordt later in slaap smorgens",
        "baby up at 4:45 every morning ready to play",
        "ons dochterke is elke dag veel te vroeg op, rond 5 uur",
        "hij wordt altijd heel vroeg wakker en is dan de hele dag moe",
        "Mijn baby begint de dag om 5 uur. Hoe kan zij langer slapen?",
        "helpt een slaapwekker als je kind te vroeg opstaat?",
        "early rising toddler, we're all exhausted",
        "elke dag om 5 uur op, kan ik hem later naar bed brengen zodat ie uitslaapt?",
    ),
    # screens in the evening / before bed
    (
        "is tablet kijken voor het slapen slecht voor mijn kind?",
        "hoe lang voor bedtijd moet de tv uit",
        "Does screen time before bed make it harder for kids to fall asleep?",
        "Mijn zoon kijkt YouTube op telefoon in bed. Slaapt hij daardoor slecht?",
        "ze wil savonds altijd nog filmpjes kijken op de ipad voor ze gaat slapen, kan dat kwaad",
        "mijn puber zit tot laat op zn mobiel in bed en is smorgens kapot",
        "blauw licht van schermen en slaap, hoe zit dat bij kinderen?",
        "should the phone stay out of my teen's bedroom at night?",
        "is een filmpje op de tablet als slaapritueel een slecht idee",
        "Mag mijn kind games spelen voor het slapen? Hij wordt dan heel druk.",
        "hij gamet tot middernacht en komt smorgens zijn bed niet uit",
        "tv in de slaapkamer van je kind, ja of nee",
        "Is TV kijken in de avond slecht voor slaap van mijn kind?",
    ),
    # teething or ill at night
    (
        "mijn baby krijgt tandjes en slaapt daardoor heel slecht",
        "doorkomende tanden en slapeloze nachten, wat helpt tegen de pijn",
        "Teething is ruining my baby's sleep, what can I give her?",
        "Mijn baby heeft pijn aan tanden. In nacht veel huilen. Wat helpt?",
        "ze is verkouden en wordt daarom elke nacht wakker, hoe help ik haar",
        "kindje heeft koorts en slaapt onrustig, mag ik paracetamol geven voor de nacht",
        "my son is sick with a cold and can't sleep because of his stuffy nose",
        "hij heeft oorpijn en huilt de hele nacht, wat kunnen we doen",
        "kiesjes komen door en ze slaapt geen nacht meer goed",
        "Baby is ziek, veel hoesten in nacht. Slaapt niet. Wat kan ik doen?",
        "tandjes en doorslapen, is het normaal dat dat weken duurt?",
        "ons kleintje is snotverkouden en ligt te woelen, iemand tips",
        "my baby is cutting molars and up screaming all night",
    ),
    # sleep regression (suddenly sleeping badly after sleeping well)
    (
        "mijn baby sliep goed maar sinds 4 maanden ineens helemaal niet meer",
        "is er zoiets als een slaapregressie bij 18 maanden?",
        "My baby was sleeping great and suddenly stopped at 4 months, regression?",
        "Eerst sliep mijn kind goed. Nu opeens slecht. Waarom?",
        "hoe lang duurt een slaapregressie gemiddeld",
        "ze sliep altijd door en nu is ze sinds een week weer elke nacht op, sprongetje?",
        "sleep regression at 2 years, how long does it last?",
        "ineens slaapt ons zoontje veel slechter, is dat een fase",
        "na de vakantie is het slapen helemaal terug naar af, normaal?",
        "Mijn dochter sliep altijd goed maar nu na 8 maanden niet meer. Is dit een fase?",
        "4 month sleep regression is killing me, tips?",
        "plots terugval in slapen bij een baby van 9 maanden",
        "waarom slaapt mn zoontje opeens zo slecht terwijl het eerst prima ging",
    ),
    # how many hours of sleep a child needs
    (
        "hoeveel uur slaap heeft een kind van 6 nodig",
        "hoe laat moet een kleuter naar bed, slaapt hij wel genoeg?",
        "How many hours of sleep does a 10 year old need?",
        "Hoeveel uren slapen is goed voor mijn kind van 4 jaar?",
        "mijn dochter van 8 slaapt maar 9 uur, is dat te weinig",
        "hoeveel moet een baby van 6 maanden slapen per dag",
        "is 10 hours enough sleep for a 7 year old?",
        "welke bedtijd hoort bij welke leeftijd? de mijne is 5",
        "Hoe lang moet een tiener slapen? Mijn zoon slaapt maar 6 uur.",
        "slaapt mijn kind wel genoeg, hij gaat om 9 uur naar bed en staat om 6 op",
        "what time should a 5 year old go to bed?",
        "hoeveel slaap heeft een puber nodig eigenlijk",
        "Mijn kind 3 jaar slaapt 10 uur in nacht. Is dat genoeg?",
    ),
    # afraid of the dark / of being alone in the room
    (
        "mijn dochter is bang in het donker en wil niet alleen op haar kamer",
        "hij durft savonds niet te gaan slapen want hij denkt dat er monsters zijn",
        "My son is scared of the dark at bedtime, should we use a nightlight?",
        "Mijn kind is bang in de nacht. Licht moet aan. Is dat goed?",
        "nachtlampje aan laten of niet als je kind bang is in het donker",
        "ze is ineens bang voor spoken onder haar bed",
        "how do I help my 5 year old who is afraid to sleep alone in her room",
        "ons mannetje durft nie meer alleen boven te slapen, bang",
        "Mijn dochter wil dat de deur open is en de lamp aan. Zij is bang.",
        "angst voor het donker bij een kleuter, hoe pak ik dat aan",
        "monsters onder het bed, wat zeg je dan",
        "kid too scared to sleep with the lights off",
        "ze wil een lampje aan want ze vind het donker eng",
    ),
)
SLEEP_WIDE_GENERAL: tuple[str, ...] = (
    "tips voor beter slapen bij kinderen?",
    "sleep issues with my toddler",
    "slapen gaat slecht bij ons thuis",
    "iemand ervaring met slaapproblemen bij de kleine?",
    "mn kind slaapt nie goe",
    "Slaap is een drama hier, wat te doen?",
    "my kid is a terrible sleeper",
    "Vraag over slapen van mijn kind 4 jaar.",
    "hoe zorg ik dat mijn baby goed slaapt",
    "slaapadvies voor een peuter graag",
    "My toddler doesn't sleep well",
    "ons kindje slaapt zo slecht, iemand raad?",
    "mn zoon slaapt echt waardeloos",
    "Hoe kan ik mijn kind helpen met slapen?",
    "hoe zorg je dat een kind lekker slaapt",
)

EATING_THEME = "eten"
EATING_CLUSTERS: Clusters = (
    # refuses vegetables
    (
        "mijn zoon eet geen groente, wat kan ik doen",
        "ze spuugt elke hap broccoli weer uit",
        "How do I get my toddler to eat vegetables?",
        "Mijn kind wil geen groente eten. Alleen patat en vlees.",
        "hoe krijg je groenten in een kind dat alles wat groen is weigert",
        "ons ventje lust geen enkele groente, hoe pakken jullie dat aan",
        "my daughter won't touch anything green on her plate",
        "groentes verstoppen in de saus, is dat een goed idee?",
        "hij laat de groente altijd liggen en eet alleen de aardappels",
    ),
    # will not sit at the table / leaves the table during dinner
    (
        "mijn peuter blijft niet aan tafel zitten tijdens het avondeten",
        "na 2 hapjes rent ze weg van tafel",
        "My 3 year old won't stay seated at dinner",
        "Mijn kind loopt weg tijdens eten. Hoe blijft hij zitten?",
        "hoe lang moet een kleuter aan tafel blijven zitten",
        "hij klimt steeds uit zijn stoel als we eten, wat doe ik",
        "dinner time is chaos, the kids keep getting up from the table",
        "ons dochterke wil nooit aan tafel blijven, altijd opstaan",
        "samen aan tafel eten lukt nooit, ze zit geen 5 minuten stil",
    ),
    # asks for sweets and snacks all day
    (
        "mijn kind zeurt de hele dag om snoep",
        "hoeveel koekjes per dag is ok voor een kind van 4",
        "My son keeps asking for snacks all day long",
        "Mijn kinderen willen altijd chips en snoep. Ik zeg nee maar zij huilen.",
        "hoe beperk je tussendoortjes als ze steeds om iets vragen",
        "ze pakt stiekem snoep uit de kast",
        "how much sugar is too much for a 6 year old?",
        "elke keer in de winkel wil hij een snoepje, hoe zeg je nee zonder drama",
        "snoepen tussendoor, wat zijn goede regels",
    ),
    # eats very little / no appetite
    (
        "mijn dochter eet bijna niks, moet ik me zorgen maken",
        "hij heeft nooit honger en prikt maar wat in zijn bord",
        "My toddler barely eats anything, is that normal?",
        "Mijn kind eet heel weinig. Hij is dun. Is dat gevaarlijk?",
        "ze eet maar een paar hapjes per maaltijd, krijgt ze wel genoeg binnen",
        "ons kind is een slechte eter, nooit trek",
        "my son has no appetite at all lately",
        "weinig eetlust bij een peuter, wanneer naar het consultatiebureau",
        "mn kleine eet als een vogeltje, is dat erg?",
    ),
    # only eats the same few foods (picky eater)
    (
        "mijn kind eet alleen pasta en brood, verder niks",
        "ze wil alleen maar witte dingen eten, geen vlees geen groente",
        "My daughter only eats like 5 foods, picky eater help",
        "Mijn zoon eet alleen kip nuggets. Andere eten wil hij niet proberen.",
        "hoe laat je een kieskeurige eter nieuwe dingen proeven",
        "hij weigert alles wat nieuw is, zelfs proeven wil ie nie",
        "extreme picky eating in a 5 year old, when to worry?",
        "elke dag hetzelfde eten want anders eet ze niks",
        "ons kind is mega moeilijk met eten, lust bijna niks",
    ),
    # eating in front of a screen
    (
        "mijn kind eet alleen als de tv aan staat",
        "zonder filmpje op de telefoon wil ze niet eten",
        "My son only eats if he can watch his tablet",
        "Mijn kind wil eten met iPad. Zonder iPad eet hij niet. Is dat slecht?",
        "is het erg om tijdens het eten een filmpje op te zetten",
        "we geven haar de tablet aan tafel want anders eet ze niks, hoe stoppen we",
        "screens at the dinner table, how do we break the habit?",
        "hij eet alleen voor de tv, aan tafel lukt het niet",
    ),
    # drinks too much milk (bottle) and eats less
    (
        "mijn peuter drinkt heel veel melk en eet daardoor slecht",
        "hoeveel melk mag een kind van 2 per dag",
        "My toddler drinks milk all day and won't eat meals",
        "Mijn kind wil alleen fles melk. Geen eten. Wat moet ik doen?",
        "ze wil nog steeds haar flesje en eet dan geen avondeten",
        "te veel melk bij een dreumes, hoe bouw je dat af",
        "how do I wean my 2 year old off the bottle so she eats more?",
        "hij drinkt liters melk per dag, is dat te veel",
    ),
    # throwing food / playing with food
    (
        "mijn dreumes gooit al zijn eten op de grond",
        "ze speelt alleen maar met haar eten en smeert alles rond",
        "My baby throws food off the high chair every meal",
        "Mijn kind gooit eten van tafel. Is dit normaal?",
        "hoe reageer je als je kind met eten gooit",
        "hij kliedert en gooit met zijn bord, ik word er gek van",
        "toddler keeps throwing his plate on the floor",
        "eten door de kamer gooien, fase of moet ik streng zijn",
    ),
    # starting solids (baby)
    (
        "wanneer mag mijn baby beginnen met hapjes",
        "hoe start je met vast voedsel bij een baby van 5 maanden",
        "When should I start solids with my baby?",
        "Mijn baby is 6 maanden. Wat is eerste eten voor baby?",
        "fruithapje of groentehapje als eerste, wat raden jullie aan",
        "baby led weaning of potjes, wat is beter?",
        "is 4 months too early to start purees?",
        "ons kindje wil geen hapjes van de lepel, alleen borst",
        "met welke voeding begin je als de baby gaat bijvoeden",
    ),
    # eats very slowly, meals take an hour
    (
        "mijn zoon doet een uur over zijn avondeten",
        "ze eet zo traag, het bord is na 45 minuten nog vol",
        "My daughter takes forever to finish her dinner",
        "Mijn kind eet heel langzaam. Wij wachten lang aan tafel.",
        "hoe lang mag een maaltijd duren voor je het bord weghaalt",
        "hij treuzelt eindeloos met eten, moet ik een tijd zetten",
        "slow eater, meals drag on for an hour every night",
        "ons kindje blijft kauwen en kauwen, elke maaltijd duurt eeuwen",
    ),
)
EATING_GENERAL: tuple[str, ...] = (
    "vraag over eten",
    "mijn kind eet slecht",
    "tips voor eten bij peuters?",
    "food problems with my kid",
    "Eten is moeilijk bij ons.",
    "eten is hier elke dag gedoe",
    "iemand ervaring met eetproblemen bij kleuters",
    "my toddler and food, help",
)
