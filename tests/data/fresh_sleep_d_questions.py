"""Fresh labelled set D for the sleep webinar ("slapen"), Utrecht, children 0-12.

Written by a separate author for round 4 of issue 11, to measure the question-grouping
engine on questions it has never seen. The author wrote this set without opening the
held-out set, the other labelled sets or any engine code (bot/, bench/), and wrote the
questions the way parents of many backgrounds write them: chat Dutch with typos and sms
spelling, Flemish and Surinamese-Dutch, English (also non-native), and the simple Dutch
of parents who learnt it later.

Each cluster is one question a moderator would merge into one, asked by different
parents in their own words. All clusters are about sleep, so they are hard negatives of
each other. FRESH_SLEEP_D_GENERAL holds vague sleep questions that belong to no cluster.

Clusters:
 1. The child will only sleep in the parents' bed.
 2. The child wakes up many times during the night.
 3. The child keeps getting out of bed in the evening after being put to bed.
 4. A parent has to stay with the child until it falls asleep.
 5. The child wakes up too early in the morning.
 6. Nightmares / bad dreams.
 7. Afraid of the dark, monsters or ghosts at bedtime.
 8. Phone, tablet, TV or gaming before bedtime.
 9. How many hours of sleep a child needs.
10. When to stop the afternoon nap.
11. Crying it out: is it okay to let a baby cry to learn to sleep?
"""

from __future__ import annotations

Clusters = tuple[tuple[str, ...], ...]

FRESH_SLEEP_D_THEME = "slapen"
FRESH_SLEEP_D_CLUSTERS: Clusters = (
    # The child will only sleep in the parents' bed.
    (
        "mijn zoon wil alleen in ons bed slapen, hoe krijg ik hem in zn eigen bed?",
        "dochter van 4 slaapt elke nacht bij ons in bed, is dat erg?",
        "ze ligt elke nacht tussen ons in en ik slaap zelf slecht, hoe verander ik dat",
        "ons kindje kruipt elke nacht bij ons in bed, moet ik hem steeds terugbrengen?",
        "wrm wil mn kind alleen slapen in het grote bed van papa en mama",
        "Mijn kind slaapt alleen als hij bij mama en papa in bed ligt. Wat moet ik doen?",
        "Bij ons slaapt de kleine altijd in ons bed. Moet dat stoppen?",
        "Mijn dochter wil niet in haar eigen bed. Zij wil bij mij in bed slapen.",
        "onze kleine wil per se in ons bed slapen, hoe leert hij in zijn eigen bedje te slapen?",
        "Mijn meisje slaapt nog steeds bij mij op bed, ik wil dat ze nu eigen bed gaat, hoe?",
        "Our 3 year old refuses to sleep anywhere but our bed, how do we move her out?",
        "co-sleeping with my 5yo, how to transition him to his own room?",
        "My son sleep only in our bed, never in his own. How to change this?",
        "hoe krijg je een kind van 6 dat altijd bij jou slaapt terug naar zijn eigen kamer",
    ),
    # The child wakes up many times during the night.
    (
        "mn dochter van 2 wordt s nachts wel 5x wakker, normaal??",
        "hij word elke nacht meerdere keren wakker en huilt dan",
        "ons kind slaapt nooit door, altijd wakker om 1 uur en weer om 3 uur",
        "hoe leer ik m doorslapen? hij is 1,5 en wordt om de paar uur wakker",
        "mijn kind doet geen nacht door, altijd wel 2 of 3 keer op",
        "Mijn baby van 10 maanden wordt veel keer wakker in de nacht. Waarom?",
        "Mijn kind slaapt niet de hele nacht. Hij wordt steeds wakker.",
        "Mijn zoon wordt 's nachts vaak wakker en roept dan mij. Wat kan ik doen?",
        "ons dochterke schiet 's nachts een paar keer wakker, hoe kunnen we dat oplossen?",
        "mijn kleintje wordt de hele nacht door wakker, elke keer weer, hoe gaat ze doorslapen",
        "My 18 month old still wakes up 3-4 times every night, is that normal?",
        "how to get a toddler to sleep through the night without waking up",
        "He wake up many times in the night, every night. What I can do?",
        "night wakings every 2 hours at 14 months, any help?",
    ),
    # The child keeps getting out of bed in the evening after being put to bed.
    (
        "na het naar bed brengen komt ze steeds weer naar beneden, hoe stop ik dat",
        "zoontje van 4 blijft uit zn bed komen s avonds, wel 10x per avond",
        "net zit ik op de bank en daar staat ie weer in de kamer, elke avond. wat moet ik doen",
        "hoe hou ik mn kind in bed nadat ik welterusten heb gezegd? steeds uit bed",
        "Mijn kind blijft niet in bed. Na 5 minuten komt hij weer uit de kamer.",
        "Elke avond komt mijn dochter terug uit bed: drinken, wc, knuffel. Hoe stop ik dit?",
        "Mijn zoon gaat naar bed en komt dan weer eruit, heel vaak. Wat is goed?",
        "Wat doe je als je kind na het slapen gaan telkens de trap af komt?",
        "ons manneke komt na het slapengaan altijd terug naar beneden, wat doen we daaraan?",
        "mijn meisje blijft maar uit haar bed lopen in de avond, ik word er gek van",
        "Our 4yo keeps getting out of bed after lights out, every single evening",
        "how do you keep a toddler in bed once you've said goodnight?",
        "My daughter come out of her room again and again after bedtime. How to stop?",
        "kid moved to a big bed and now won't stay in it in the evening, tips?",
    ),
    # A parent has to stay with the child until it falls asleep.
    (
        "ik moet elke avond naast haar liggen tot ze slaapt, duurt soms een uur",
        "hij valt alleen in slaap als ik erbij blijf zitten, hoe bouw ik dat af",
        "mn zoon van 5 wil dat ik z'n hand vasthou tot hij slaapt, elke avond",
        "hoe leer je een kind zelf in slaap vallen zonder dat mama ernaast zit",
        "elke avond zit ik op de grond naast zn bed te wachten tot ie slaapt lol",
        "Mijn kind slaapt alleen als ik in de kamer blijf. Als ik weg ga, huilt hij.",
        "Ik moet altijd bij mijn dochter blijven tot ze slaapt. Hoe kan zij alleen slapen?",
        "Als ik wegga voordat ze slaapt begint ze te roepen. Moet ik blijven?",
        "Mijn zoon wil niet alleen in slaap vallen. Papa of ik moet naast hem liggen.",
        "ik moet bij onze kleine blijven tot hij in slaap is gevallen, hoe kan ik dat afleren?",
        "mijn kind valt pas in slaap als ik naast d'r lig, zo heb ik geen tijd voor mezelf",
        "I have to lie with my son until he falls asleep, how do I stop that?",
        "she only falls asleep if one of us sits by her bed, how to wean off that",
        "My child want me stay in room until sleep. Every night one hour. Is ok?",
    ),
    # The child wakes up too early in the morning.
    (
        "mijn zoon is elke ochtend om half 6 wakker, kan dat later?",
        "ze staat om 5 uur naast ons bed klaarwakker, hoe krijg ik dat naar 7 uur",
        "elke dag om kwart over 5 al op de bank, hoe krijg ik er meer uurtjes uit",
        "om 5 uur is mijn kind wakker en wil spelen, ik niet, tips om dat te verschuiven",
        "helpt zo'n slaaptrainer wekker tegen te vroeg wakker worden?",
        "Mijn kind wordt heel vroeg wakker, nog donker buiten. Wat kan ik doen?",
        "Mijn dochter slaapt tot 5 uur en dan is zij wakker voor de hele dag. Normaal?",
        "Hoe laat ik mijn kind langer slapen in de ochtend? Nu om 5.30 uur op.",
        "Mijn baby is elke morgen vroeg wakker, om 5 uur. Kan ik iets doen?",
        "onze jongste is iedere morgen al om 5u wakker, hoe krijgen we dat wat later?",
        "mijn jongen staat elke dag heel vroeg op, nog voor zessen, wat moet ik doen?",
        "toddler up at 5am every day, how can we push wake up time later?",
        "My kid wakes up too early in morning, 5 o'clock. Help please",
        "does putting them to bed later actually help with waking at dawn?",
    ),
    # Nightmares / bad dreams.
    (
        "mijn dochter heeft elke nacht nachtmerries en komt dan huilend bij ons",
        "wat doe je als je kind s nachts gillend wakker wordt van een enge droom",
        "nachtmerie's bij 6 jarige, hoe troost ik haar het beste",
        "hij heeft steeds nare dromen en wil daarna niet meer gaan slapen",
        "kind wordt huilend wakker van een droom en weet niet meer waarover, hoe reageer ik",
        "Mijn zoon droomt slecht en wordt bang wakker. Hoe help ik hem?",
        "Mijn kind heeft veel enge dromen. Is dat normaal op 5 jaar?",
        "Mijn dochter droomt eng en dan wil zij niet terug naar bed.",
        "onze dochter heeft de laatste tijd veel boze dromen, hoe gaan we daarmee om?",
        "mijn jongen droomt zwaar de laatste tijd, hij schrikt wakker en is helemaal bang",
        "my 7 year old has been having bad dreams almost every night",
        "how to comfort a child after a nightmare so she goes back to sleep",
        "He has bad dream and cry in night. What I must do?",
        "is it normal for a 4 year old to have nightmares several times a week",
    ),
    # Afraid of the dark, monsters or ghosts at bedtime.
    (
        "mijn zoon is bang in het donker en wil het licht aan, mag dat?",
        "ze denkt dat er monsters onder haar bed zitten, hoe stel ik haar gerust",
        "angst voor het donker bij 4 jarige, nachtlampje ja of nee?",
        "hij ziet overal enge dingen in de schaduw als de lamp uit is",
        "kinderen van 5 die bang zijn dat er iets onder t bed ligt, hoe ga je daarmee om",
        "Mijn kind is bang als het licht uit gaat. Wat kan ik doen?",
        "Mijn dochter wil niet slapen want ze is bang voor spoken in de kamer.",
        "Mijn zoon is bang voor het donker. Moet de deur open blijven?",
        "onze kleine heeft schrik van het donker, moet het lichtje blijven branden?",
        "mijn meisje is bang voor jorka's in de nacht, ze wil niet dat ik het licht uitdoe",
        "my daughter is scared of the dark, should we leave a nightlight on?",
        "how to deal with 'there's a monster in my closet' at bedtime?",
        "My son afraid of dark room, he scream when I turn off the light",
        "monster spray, does that actually help or does it make the fear worse?",
    ),
    # Phone, tablet, TV or gaming before bedtime.
    (
        "is het slecht als mijn kind voor het slapen nog op de tablet zit?",
        "hoe lang voor bedtijd moet de telefoon weg bij een 10 jarige",
        "mijn zoon van 11 ligt tot laat te gamen op zn mobiel in bed",
        "schermtijd en slapen, ipad voor t slapengaan wel of niet",
        "elke avond ruzie om de switch voor bedtijd, wanneer moet die uit",
        "Mijn kinderen kijken tv tot ze naar bed gaan. Is dat slecht voor slapen?",
        "Mijn dochter neemt haar telefoon mee naar bed. Moet ik die afpakken?",
        "Mijn kind wil filmpjes kijken om in slaap te vallen. Is dat goed?",
        "onze zoon zit tot in de late uurtjes op zijn gsm, hoe pakken we dat aan?",
        "mijn dochter blijft 's avonds maar op haar foon, ze slaapt daardoor veel te laat",
        "Does screen time before bed really affect how kids sleep?",
        "my 9 year old watches youtube in bed, how do I get her to stop",
        "Is ok my child watch cartoons on phone to fall asleep?",
        "blue light from tablets at bedtime, how bad is it for an 8 year old",
    ),
    # How many hours of sleep a child needs.
    (
        "hoeveel uur slaap heeft een kind van 6 nodig?",
        "hoeveel moet een peuter slapen in totaal per etmaal",
        "slaapt mijn kind wel genoeg? 8 uur per nacht en hij is 7",
        "hoelang moet een baby van 6 maanden slapen in totaal",
        "is 10u slaap genoeg voor een 5 jarige of moet het meer",
        "Hoeveel uren moet mijn zoon van 9 slapen in de nacht?",
        "Mijn dochter slaapt 9 uur. Is dat genoeg voor een kind van 8?",
        "Wat is normale slaaptijd voor kind van 2 jaar, hoeveel uur?",
        "Hoe weet ik of mijn kind genoeg uren slaapt?",
        "hoeveel uren slaap heeft nen kleuter van vijf jaar nodig?",
        "hoeveel slaap heeft mijn jongen van 10 eigenlijk nodig, ik weet het niet zeker",
        "How many hours of sleep does a 4 year old need?",
        "what's the recommended amount of sleep for a 12 year old?",
        "How much sleeping is enough for child age 3?",
    ),
    # When to stop the afternoon nap.
    (
        "mijn dochter van 3 wil geen middagdutje meer, moet ik het laten vallen?",
        "middagslaap schrappen bij peuter van 2,5? s avonds ligt ze tot 9 uur wakker",
        "hoe weet je dat je kind klaar is om te stoppen met t dutje",
        "hij slaapt niet meer op t kdv tussen de middag, thuis nog wel laten slapen?",
        "dutje weglaten of er rusttijd van maken, wat is verstandig op 3 jaar",
        "Mijn kind slaapt 's middags en dan kan hij 's avonds niet slapen. Stoppen?",
        "Op welke leeftijd stopt een kind met slapen overdag?",
        "Mijn zoon gaat naar school. Moet hij nog slapen in de middag?",
        "wanneer laat ge het middagdutje best vallen bij een kleuter?",
        "mijn kleine wil 's middags niet meer gaan liggen, moet ik hem nog laten slapen overdag?",
        "When should a toddler drop the afternoon nap?",
        "my 3yo fights her nap every day, time to stop it?",
        "Nap in afternoon for 4 year old still needed or not?",
        "wanneer stop je eigenlijk met het middagslaapje?",
    ),
    # Crying it out: is it okay to let a baby cry to learn to sleep?
    (
        "mag je je baby laten huilen om te leren slapen?",
        "is laten uithuilen slecht voor een kindje van 8 maanden?",
        "hoelang mag je een baby laten huilen voordat je gaat kijken",
        "5-10-15 minuten methode bij huilen in bed, is dat schadelijk?",
        "laten huilen is toch niet goed voor de hechting?? twijfel heel erg",
        "ferberen, wel of niet doen bij een baby?",
        "Ik hoor dat je baby moet laten huilen in bed. Is dat goed of niet?",
        "Mijn schoonmoeder zegt: laat hem huilen, dan leert hij slapen. Klopt dat?",
        "Als mijn baby huilt in bed, moet ik hem dan oppakken of laten liggen?",
        "mogen we onze kleine laten wenen tot hij in slaap valt of is dat niet goed?",
        "mijn moeder zegt laat die baby maar schreeuwen, hij went wel. Is dat zo?",
        "Is cry it out safe for a 9 month old?",
        "thoughts on sleep training by letting them cry? feels cruel to me",
        "In my country we never let baby cry. Here people say let cry. What is right?",
    ),
)
FRESH_SLEEP_D_GENERAL: tuple[str, ...] = (
    "ik heb een vraag over slapen",
    "tips voor beter slapen bij kinderen?",
    "slaapproblemen bij mijn zoon van 4, waar begin ik",
    "we zijn allemaal moe in huis, het slapen gaat gewoon niet goed",
    "wat is eigenlijk goed slaapgedrag voor een kind van een jaar of zeven",
    "mijn kind van 9 slaapt al heel lang niet lekker en ik weet niet meer wat ik moet doen",
    "Mijn kind slaapt slecht. Wat kan ik doen?",
    "Heeft u advies over slapen voor kinderen?",
    "Is het normaal dat een kind van 2 slecht slaapt?",
    "Ik heb hulp nodig met het slapen van mijn dochter, het is moeilijk",
    "Hoe zorg ik dat mijn kinderen goed slapen en uitgerust zijn voor school?",
    "onze kleine slaapt niet goed, hebt ge tips?",
    "Any general tips for better sleep for kids?",
    "sleep has been a struggle in our house for months, where do I even start",
    "My child have sleeping problem. Can you give advice?",
)
