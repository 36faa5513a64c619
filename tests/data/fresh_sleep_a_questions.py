"""Fresh labelled question set "sleep A" for measuring the question-grouping engine.

A new set of parents' questions for a sleep webinar ("slapen") of Utrecht's youth health
care, for parents of children aged 0-12. It was written by a separate author in round 4 of
issue 11, without opening the held-out set, any of the other question sets or the engine
code, so that it measures the engine honestly.

Each cluster is one question that a moderator would merge into one, asked by different
parents in their own words: chat Dutch with typos and sms spelling, Flemish and regional
spelling, English (also non-native) and simple Dutch of parents who learnt it later. All
clusters are about sleep, so they are hard negatives of each other.

Clusters:
 1. The child wants to sleep in the parents' bed.
 2. Waking up at night, not sleeping through.
 3. Bedtime battles and stalling, getting out of bed after being tucked in.
 4. Falls asleep only with a parent present; learning to fall asleep alone.
 5. Waking up too early in the morning.
 6. The afternoon nap: when or whether to drop it.
 7. Nightmares and night terrors.
 8. Fear of the dark and of monsters at bedtime.
 9. Screens (tv, tablet, phone) before bed.
10. How much sleep a child needs.
11. Crying it out: may I let my baby cry to sleep?

FRESH_SLEEP_A_GENERAL holds vague questions that say only something general about sleep
and would not be merged with any of the clusters.
"""

from __future__ import annotations

Clusters = tuple[tuple[str, ...], ...]

FRESH_SLEEP_A_THEME = "slapen"
FRESH_SLEEP_A_CLUSTERS: Clusters = (
    # 1. The child wants to sleep in the parents' bed.
    (
        "mijn zoon van 4 wil elke nacht bij ons in bed slapen, hoe krijg ik hem in zn eigen bed?",
        "hoe krijg ik mn dochter weer in haar eigen bedje ipv bij ons",
        "Elke nacht om 2 uur staat ze naast ons bed en kruipt ze erin, moet dat stoppen?",
        "onze jongste ligt altijd tussen ons in, wij slapen zelf slecht, tips??",
        "Hoe krijgde ge uw kind terug in zijn eigen bed? Hij komt elke nacht bij ons liggen",
        "ons dochterke wil per se bij ons slapen, is dat erg op die leeftijd?",
        "My 3 year old insists on sleeping in our bed every night, how do we stop this?",
        "how to transition toddler from co-sleeping to his own room",
        "My son is come every night to our bed, is this okay or we must bring him back?",
        "Mijn kind wil niet alleen slapen. Hij wil altijd in bed van mij. Wat moet ik doen?",
        "Is het goed als kind van 5 jaar nog bij ouders in bed slaapt?",
        "Mijn dochter slaapt bij mij in grote bed. Hoe kan ze leren slapen in eigen bed?",
        "samen slapen met je kind, tot welke leeftijd is dat ok eigenlijk",
        "zoontje (2) wil alleen in ons bedd liggen, in zn eigen kamer wil ie niet",
    ),
    # 2. Waking up at night, not sleeping through.
    (
        "mijn baby van 9 mnd wordt nog 4x per nacht wakker, is dat normaal?",
        "wanneer gaat een kindje nou eens doorslapen, wij zijn kapot",
        "dochter van 2 wordt elke nacht een paar keer wakker en roept dan om ons",
        "ze is 1,5 jaar en slaapt nog steeds niet door... help",
        "hoe krijg je een dreumes zover dat ie de hele nacht doorslaapt",
        "Ons kindje van 14 maanden slaapt nog altijd niet door, is dat nog normaal?",
        "Ons zoontje schiet 's nachts dikwijls wakker, hoe krijgen we dat opgelost?",
        "My 10 month old still wakes up several times a night, when will she sleep through?",
        "toddler keeps waking at night, any advice to help him sleep through",
        "My baby wake up every 2 hours in the night, what I can do?",
        "Mijn kind wordt veel wakker in de nacht. Is dit normaal voor 1 jaar?",
        "Mijn zoon slaapt niet hele nacht. Hij is elke nacht wakker om 3 uur.",
        "elke nacht 3 4 keer eruit voor de kleine, wanneer houdt dat op",
        "word nog steeds 's nachts wakker met 18 maanden, doorslapen lukt gewoon niet",
    ),
    # 3. Bedtime battles and stalling, getting out of bed after being tucked in.
    (
        "Hoe zorg ik dat hij na het welterusten zeggen gewoon in bed blijft liggen?",
        "elke avond gedoe bij het naar bed gaan, nog een slokje water, nog plassen, nog knuffelen",
        "bedtijd is hier elke avond strijd, hoe pakken jullie dat aan",
        "ze komt wel 10x haar bed uit als we haar hebben ingestopt, wat te doen",
        "dochter (4) rekt het naar bed gaan eindeloos, echt elke avond een uur bezig",
        "Onze gast van 5 kruipt elke avond weer uit zijn bed, hoe hou ik hem erin?",
        "t slapengaan is hier elke avond ambetant, hij wilt gewoon niet gaan liggen",
        "Bedtime has become a daily battle with my 4 year old, how do I handle it?",
        "kid keeps coming out of her room after lights out, what works",
        "Every evening my son make many excuses for not go to bed, how to stop?",
        "Mijn kind wil 's avonds niet naar bed. Elke avond is ruzie. Wat kan ik doen?",
        "Mijn dochter staat steeds weer op na bedtijd. Ze vraagt eten, drinken, alles.",
        "hoe voorkom je dat naar bed brengen elke avond uitloopt op een gevegt",
        "zodra het licht uit is staat ie weer beneden lol, hoe doen jullie dat",
    ),
    # 4. Falls asleep only with a parent present; learning to fall asleep alone.
    (
        "ze valt alleen in slaap als ik naast haar lig, hoe leer ik haar zelf inslapen?",
        "moet er steeds bij blijven zitten tot hij slaapt, duurt soms een uur",
        "zoon kan niet in slaap vallen zonder mijn hand vast te houden",
        "hoe leer je een peuter zelfstandig in slaap te vallen",
        "ik lig elke avond op de grond naast t bedje tot ze slaapt, hoe kom ik daar vanaf",
        "Hij slaapt enkel in als ik bij hem in de kamer blijf, hoe bouw ik dat af?",
        "moet ik nu echt elke avond bij ons dochterke blijven liggen tot ze slaapt?",
        "my daughter only falls asleep if I lie next to her, how do I get her to do it alone?",
        "how to teach a toddler to self settle without me in the room",
        "He not sleep when I go out the room, I must stay until he is sleeping.",
        "Mijn baby slaapt alleen in mijn armen. Hoe kan hij zelf in slaap vallen?",
        "Als ik weg ga uit de kamer gaat hij huilen. Ik moet blijven tot hij slaapt.",
        "zelf inslapn lukt niet, alleen met mama erbij, tips?",
        "iemand ervaring met afbouwen van naast het bed zitten bij het inslapen?",
    ),
    # 5. Waking up too early in the morning.
    (
        "onze zoon is elke ochtend om half 6 wakker en klaar voor de dag, kan dat later?",
        "hoe krijg ik mn dochter smorgens wat langer in bed",
        "5 uur s ochtends staat ie al naast mn bed, echt elke dag",
        "vroege vogel hier, 5.15 wakker, helpt later naar bed brengen?",
        "is het normaal dat een kind van 2 altijd voor zessen wakker is?",
        "Ons kind is elke morgen al om vijf uur wakker, hoe krijgen we dat wat later?",
        "Helpt zo'n slaapwekker als ons manneke om 5u 's morgens al klaarwakker is?",
        "My toddler wakes up at 5am every day, how can we make him sleep longer?",
        "any tips for early rising? she's up before 6 no matter what time she goes to bed",
        "My daughter is awake very early in the morning, 5 o'clock, is that problem?",
        "Mijn zoon wordt heel vroeg wakker, om 5 uur. Dan wil hij spelen.",
        "Kind is elke dag om half 6 wakker. Hoe kan hij langer slapen in de ochtend?",
        "om 5 uur is de nacht hier al voorbij, hoe krijg je ze langer liggen",
        "dag begint hier om 5u30, te vroeg wakkker worden afleren kan dat",
    ),
    # 6. The afternoon nap: when or whether to drop it.
    (
        "tot welke leeftijd heeft een kind een middagslaapje nodig?",
        "mijn peuter van 2,5 wil overdag niet meer slapen, moet ik het slaapje schrappen?",
        "als ze s middags slaapt ligt ze om 9 uur nog wakker, dutje overslaan dan?",
        "middagdutje weglaten of niet, hij is zo chagrijnig zonder",
        "wanneer stoppen kinderen met een middagslaapje, de mijne is 3",
        "Moet een kleuter van 3 jaar nog een middagdutje doen of mag dat stilaan weg?",
        "ons dochterke wilt niet meer slapen 's middags, laten we dat dan gewoon vallen?",
        "When should my toddler stop napping during the day?",
        "my 3yo fights her afternoon nap every day, is it time to drop it?",
        "My son don't want sleep in afternoon anymore, he is 2 year. Is okay to stop?",
        "Mijn kind slaapt nog in de middag. Hij is 4 jaar. Is dat nog goed?",
        "Moet mijn dochter nog slapen na het eten in de middag? Ze wil niet meer.",
        "middagslaapie nog nodig met 3 jr? s avonds wil ze dan niet slapen",
        "overdag slapen is hier elke dag een drama, ff skippen dan?",
    ),
    # 7. Nightmares and night terrors.
    (
        "mn dochter heeft bijna elke nacht nachtmerries en is dan heel overstuur, wat kan ik doen?",
        "hij schreeuwt s nachts, ogen open maar lijkt ons niet te zien. nachtangst?",
        "zoon droomt heel eng en komt dan gillend naar ons toe, hoe help ik hem",
        "moet je een kind wakker maken tijdens een nachtmerrie of niet?",
        "nachtmeries elke week sinds ze naar school gaat, normaal?",
        "Ons kind heeft veel enge dromen en schiet dan roepend wakker, hoe moeten we reageren?",
        "Hij zit rechtop in zijn bed te krijsen en weet er 's morgens niks meer van, wat is dat?",
        "What should I do when my child has a nightmare and wakes up terrified?",
        "night terrors in a 4 year old, should I wake him or not",
        "My daughter have bad dreams every night and then she cry very much.",
        "Mijn zoon droomt slecht. Hij huilt dan in de nacht en is bang.",
        "Mijn kind roept in de nacht maar is niet echt wakker. Wat moet ik doen?",
        "nachtmerie of nachtangst, hoe zie je het verschil en wat doe je dan",
        "eng gedroomd en daarna krijg ik haar echt niet meer rustig",
    ),
    # 8. Fear of the dark and of monsters at bedtime.
    (
        "mijn zoon is bang in het donker, mag het licht dan gewoon aan blijven?",
        "ze durft niet te gaan slapen omdat er monsters onder haar bed zitten zegt ze",
        "is een nachtlampje slecht voor de slaap? hij wil t niet uit",
        "dochter van 5 ineens heel bang voor het donker, hoe ga ik daarmee om?",
        "deur moet open en ganglicht aan anders gaat ie niet liggen, bangig",
        "Ons kind is bang van het donker, is een nachtlampje een goed idee?",
        "Ze ziet 's avonds overal schaduwen en spoken in haar kamer, hoe stel ik haar gerust?",
        "My 4 year old is scared of the dark, should we leave a night light on?",
        "how to help a child who is afraid of monsters at bedtime",
        "My son is afraid when it is dark in his room, he want the light always on.",
        "Mijn kind is bang als de lamp uit is. Wat kan ik doen?",
        "Mijn dochter wil licht aan in de nacht. Is dat goed voor haar slapen?",
        "bang voor t donkr, hoe leer je ze dat het veilig is",
        "zodra het licht uitgaat begint ie te panieken, wat helpt?",
    ),
    # 9. Screens (tv, tablet, phone) before bed.
    (
        "hoelang voor het slapen moet de tablet weg?",
        "is tv kijken vlak voor bedtijd echt zo slecht voor het inslapen?",
        "mijn zoon van 10 zit tot laat op zijn telefoon in bed, hoe pak ik dat aan",
        "ipad voor t slapen om rustig te worden, kan dat of juist niet",
        "beeldschermen s avonds, blauw licht, hoeveel uur van tevoren stoppen?",
        "Mag ons kind nog een filmpje kijken op de gsm net voor het slapengaan?",
        "Hij gamet tot vlak voor bedtijd en ligt dan nog uren wakker, is dat de oorzaak?",
        "Is it bad to let my kids watch TV right before bed?",
        "how long before bedtime should we turn off screens",
        "My daughter play on the phone until she sleep, is this bad for her sleep?",
        "Mijn kind kijkt filmpjes op telefoon in bed. Slaapt hij dan slechter?",
        "Is televisie in de slaapkamer van kind goed of niet goed?",
        "schermpjes voor het slapn, hoeveel tijd moet ertussen?",
        "zonder youtube filmpje gaat ze niet liggen, slecht idee zeker?",
    ),
    # 10. How much sleep a child needs.
    (
        "hoeveel uur slaap heeft een kind van 6 nodig?",
        "slaapt mijn dochter van 8 wel genoeg met 9 uur per nacht?",
        "hoe weet je of je kind genoeg slaapt",
        "hoeveel uur moet n baby van 6 mnd slapen per dag totaal",
        "hoe laat moet een kind van 7 naar bed om genoeg slaap te krijgen",
        "Hoeveel uren moet een kind van 4 jaar eigenlijk slapen, middagdutje inbegrepen?",
        "Is 10 uur slapen genoeg voor ne gast van 9 jaar?",
        "How many hours of sleep does a 5 year old need?",
        "what is the recommended amount of sleep for school age kids",
        "How much hours my son must sleep, he is 3 years old?",
        "Hoeveel uur moet mijn kind slapen? Hij is 10 jaar.",
        "Mijn kind slaapt 8 uur. Is dat genoeg voor kind van 11 jaar?",
        "hoeveel slaap hebben kindren nodig per leeftijd, is daar een lijstje van?",
        "ze slaapt volgens mij te weinig, wat is normaal voor 2 jaar",
    ),
    # 11. Crying it out: may I let my baby cry to sleep?
    (
        "is het slecht om je baby te laten huilen tot hij in slaap valt?",
        "laten uithuilen, doen of niet doen?",
        "hoelang mag ik mijn baby laten huilen voor ik ga kijken",
        "de methode met steeds een paar minuten langer wachten voor je gaat troosten, werkt dat?",
        "gecontroleerd laten huilen vanaf welke leeftijd mag dat",
        "Mag ge een baby van 7 maanden laten wenen in zijn bedje tot hij slaapt?",
        "Ze zeggen dat laten wenen schadelijk is voor een baby, klopt dat?",
        "Is the cry it out method safe for a 6 month old?",
        "thoughts on sleep training by letting baby cry? feels so cruel",
        "Is okay if I leave my baby crying in bed until he sleep by himself?",
        "Mijn baby huilt in bed. Moet ik hem pakken of laten huilen?",
        "Is het slecht voor baby als ik niet ga als hij huilt in de avond?",
        "uithuilen of toch oppakken? ik weet het echt niet meer",
        "laten huilen bij het slapen, krijgt ze daar schade van?",
        "hij krijst zodra ik de deur dichtdoe, moet ik gewoon niet gaan kijken?",
    ),
)
FRESH_SLEEP_A_GENERAL: tuple[str, ...] = (
    "Ik heb een vraag over slapen.",
    "Tips voor beter slapen bij kinderen?",
    "mijn kind slaapt slecht, wat kan ik doen",
    "wij hebben echt een slaapprobleem thuis, help",
    "Hoe kan ik mijn kind helpen met slapen?",
    "My child has sleep problems, any advice?",
    "slapen is hier al maanden een probleem met onze peuter, waar moet ik beginnen?",
    "Ik ben zo moe, mijn kind slaapt gewoon niet goed",
    "wat zijn jullie beste tips rond slapen voor een kind van 3",
    "Waar kan ik hulp krijgen als mijn kind slecht slaapt?",
    "Ons kind slaapt nie goed, hebt ge advies voor ons?",
    "Sleep is difficult in our house, what can we do as parents?",
    "Mijn baby slaapt niet goed. Ik wil graag advies.",
    "Bij ons thuis gaat het slapen al een hele tijd niet zo lekker, advies welkom",
    "alles rond slapen vind ik moeilijk met twee kleintjes, heeft iemand algemene tips?",
)
