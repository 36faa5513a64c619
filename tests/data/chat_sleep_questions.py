"""Chat-style sleep questions: a TUNING set for the question-grouping engine.

Written by a separate author in round 4 of issue 11. The author wrote these
questions without opening the held-out set, the other data sets or the engine
code (similarity and grouping), so the set says how real parents type, not what
the engine likes.

Setting: a sleep webinar ("slapen") of Utrecht's youth health care (JGZ) for
parents of children aged 0-12. Parents type fast in the Telegram chat while the
presenter talks, often reacting to what was just said. About 45% fast chat
Dutch, 20% Flemish or Brabant/Limburg spelling, 20% English (native and
non-native) and 15% simple Dutch of parents who learnt it later.

Each cluster holds the SAME question in different parents' words; a moderator
would merge it into one. All clusters are about sleep, so they are hard
negatives of each other. CHAT_SLEEP_GENERAL holds vague sleep questions that
belong to no cluster.

Clusters:
 1. the child only falls asleep with a parent lying next to them
 2. the child wakes up several times a night
 3. the child wakes up very early in the morning
 4. the child comes out of bed again and again in the evening
 5. the child sleeps badly since a new baby brother or sister arrived
 6. how long may a baby cry before you go to it
 7. nightmares: the child wakes up scared from a bad dream
 8. the child is afraid to sleep alone or afraid of the dark
 9. the afternoon nap: stop or not
10. bedtime in summer when the evenings are light
11. the parents disagree about the sleep approach
"""

from __future__ import annotations

Clusters = tuple[tuple[str, ...], ...]

CHAT_SLEEP_THEME = "slapen"
CHAT_SLEEP_CLUSTERS: Clusters = (
    # the child only falls asleep with a parent lying next to them
    (
        "hoe krijg je ze zover dat ze zonder jou in slaap vallen",
        "mn dochter slaapt alleen in als ik naast haar lig, hoe af te leren??",
        "herkenbaar!! ik lig hier elke avond een uur naast hem in bed",
        "k moet altijd bij haar liggen tot ze slaapt anders gaat ze gillen",
        "ja maar hoe stop je met naast ze liggen zonder drama",
        "wat als ze alleen in slaap valt met papa naast r in bed",
        "ons manneke wil da ik bij hem kom liggen tot hij slaapt, is da erg?",
        "awel bij ons moet ik altijd in zijn bed kruipen voor hij wil slapen",
        "hoe leer ik ons meiske alleen in slaap te vallen, ik lig er elke avond naast",
        "my son only falls asleep if i lie down next to him, how do we stop this",
        "same!! 4yo needs me in her bed every night until shes out",
        "how to get toddler to fall asleep without me laying beside him",
        "Mijn zoon gaat alleen slapen als ik naast hem lig. Is dat goed?",
        "Mijn kind slaapt alleen in als ik in haar bed lig. Hoe kan ik dat veranderen?",
    ),
    # the child wakes up several times a night
    (
        "herkenbaar! bij ons ook elke nacht 3x wakker, wat doe je dan",
        "mn kleine wordt snachts wel 4 keer wakker is dat normaal op 1 jaar",
        "wat doe je als ze elke nacht meerdere keren wakker wordt",
        "hoe vaak is normaal dat een dreumes snachts wakker word??",
        "k ben kapot hij wordt elk uur wakker snachts, wat kan ik doen",
        "ze slaapt nooit door, steeds wakker tussen 12 en 4, tips?",
        "onze kleine is ne paar keer per nacht wakker, wa kunnen we doen",
        "ons meiske wordt elke nacht drie vier keer wakker, is da nog normaal",
        "gij ook da ze snachts steeds wakker schiet? hoe lossen jullie da op",
        "my 18 month old wakes up like 5 times a night, what can we do",
        "how do i get my baby to sleep through, she wakes every 2 hours",
        "same here, constant night wakings at 2yo, is that normal??",
        "Mijn baby wordt in de nacht veel keer wakker. Hoe kan zij doorslapen?",
        "Mijn zoon is elke nacht drie of vier keer wakker. Wat kan ik doen?",
    ),
    # the child wakes up very early in the morning
    (
        "hij is elke ochtend om half 6 wakker, hoe krijg je dat later",
        "vroeg wakker worden, 5 uur, iemand tips hoe ze langer blijft liggen",
        "wrm zijn kinderen om 5u al klaarwakker omg",
        "mn dochter staat elke dag om 5 naast mn bed, later naar bed helpt nie",
        "hoe krijg je een vroege vogel om wat langer te slapen",
        "help ze begint de dag om kwart over 5, helpt verduisterend gordijn?",
        "ons manneke is elken dag om 5u wakker, wa doede daar aan",
        "bij ons staan ze om vijf uur al te springen, hoe krijgde da later",
        "da vroege opstaan, gaat da vanzelf over of moet ik iets doen",
        "same here!! my 2yo wakes at 5 every day how do u fix that",
        "any tips for early rising? my daughter is up at 5am and won't go back to sleep",
        "toddler wakes up way too early, should we put him to bed later?",
        "Mijn kind wordt heel vroeg wakker, om vijf uur. Hoe kan hij langer slapen?",
        "Mijn dochter is iedere ochtend om half zes wakker. Is dit normaal?",
    ),
    # the child comes out of bed again and again in the evening
    (
        "hij komt elke avond wel 10x zn bed uit hoe stop je dat",
        "wat doe je als ze steeds weer naar beneden komt na het naar bed brengen",
        "bij ons ook!! steeds weer uit bed, nog een slokje water, nog een plasje",
        "ja maar als je ze terugbrengt komen ze gewoon weer de trap af",
        "hoe reageer je als je kind telkens opnieuw uit bed stapt savonds",
        "k breng hem naar bed en 5 min later staat ie weer in de kamer",
        "ons manneke blijft ni in zijn bed liggen, komt telkens terug naar beneden",
        "awel da uit bed komen savonds, hoe vaak moete ze terugleggen?",
        "elke avond staat ons meiske weer in de living, wa moet ik doen",
        "my 3yo keeps getting out of bed after lights out, how do you handle that",
        "what do you do when he keeps coming downstairs every evening",
        "our kid gets out of bed again and again, we are going crazy lol",
        "Mijn zoon komt in de avond steeds uit zijn bed. Moet ik hem terug brengen?",
        "Elke avond komt mijn dochter veel keer uit bed. Wat is goed om te doen?",
    ),
    # the child sleeps badly since a new baby brother or sister arrived
    (
        "sinds de baby er is slaapt onze oudste slecht, herkenbaar?",
        "mn zoon van 3 slaapt slechter sinds zn zusje geboren is, hoe help ik hem",
        "sinds broertje er is wordt ze weer snachts wakker, normaal?",
        "onze oudste wil weer bij ons slapen sinds de baby, wat doe je daarmee",
        "is t jaloezie? slaapt heel onrustig sinds de geboorte van de kleine",
        "oudste slaapt niet meer goed nu er een baby is bijgekomen tips",
        "k heb t idee dat ze slecht slaapt sinds de baby er is, hoe ga je daarmee om",
        "sinds zijn zuske er is slaapt ons manneke ni goe meer, wa doen we",
        "nen nieuwen baby in huis en nu wil de grote ni meer slapen, normaal?",
        "our 2yo started waking at night since the new baby arrived, what helps",
        "since her little brother was born my daughter sleeps so badly, any advice",
        "new sibling and now big sister refuses to sleep in own bed, is it a phase",
        "Wij hebben een nieuwe baby. Nu slaapt mijn grote zoon slecht. Wat kan ik doen?",
        "Sinds het zusje er is, slaapt mijn dochter niet goed. Hoe kan ik helpen?",
    ),
    # how long may a baby cry before you go to it
    (
        "hoe lang mag je een baby laten huilen voor je gaat kijken",
        "hoeveel minuten laat je m huilen voor je erheen gaat??",
        "ja maar wat als ze dan blijft huilen, hoe lang wacht je",
        "mag je een baby van 6 mnd ff laten huilen of meteen gaan",
        "wanneer ga je naar je baby toe als ie huilt in bed, meteen?",
        "is t erg als ik m 10 min laat huilen voor ik ga",
        "hoelang moete da kleintje laten wenen voor ge gaat kijken?",
        "mag ik ons kleine meisje efkes laten wenen of moet ik direct gaan",
        "hoe lang laat gij ne baby huilen in zijn bedje",
        "how long should you let a baby cry before going in",
        "is it ok to let my 8 month old cry for a few minutes or do i go straight away",
        "how many minutes of crying is ok before comforting?? so confused",
        "Mijn baby huilt in bed. Hoe lang kan ik wachten voor ik naar hem ga?",
        "Is het slecht als ik mijn baby een paar minuten laat huilen?",
    ),
    # nightmares: the child wakes up scared from a bad dream
    (
        "wat doe je bij nachtmerries, ze wordt gillend wakker",
        "mn zoon heeft bijna elke nacht enge dromen, hoe help je hem",
        "hij droomt slecht en wil daarna niet meer slapen, tips",
        "omg herkenbaar, nare dromen hier ook elke week, wat zeg je dan",
        "wordt ze wakker van een boze droom, moet je erover praten of niet",
        "nachtmerries bij 5 jarige, hoe troost je ze goed",
        "ons manneke heeft veel nachtmerries, hoe kunnen we hem helpen",
        "ze schiet wakker van ne slechten droom en is dan zo bang, wa doede dan",
        "gij ook kindjes met enge dromen? hoe pakte da aan",
        "my daughter has nightmares almost every night what should i do",
        "how do you comfort a kid after a bad dream, he cant go back to sleep",
        "nightmares at age 4, is that normal and how to help",
        "Mijn kind heeft in de nacht enge dromen en huilt dan. Wat moet ik doen?",
        "Mijn zoon droomt slechte dingen en wordt bang wakker. Hoe help ik hem?",
    ),
    # the child is afraid to sleep alone or afraid of the dark
    (
        "mn dochter durft niet alleen op haar kamer te slapen, wat nu",
        "ze is bang in het donker, nachtlampje aan laten of niet?",
        "hij zegt dat er monsters onder zn bed zitten en wil niet alleen blijven",
        "bang om alleen te slapen op 6 jaar, hoe pak je dat aan",
        "wat te doen als ze te bang is om alleen in haar kamer te slapen",
        "hij durft nie alleen te slapen, wil elke nacht bij ons in bed",
        "ons meiske is bang van het donker en durft ni alleen slapen",
        "awel den onze zegt dat hij schrik heeft alleen op zijn kamer, wa doede",
        "schrik om alleen te slapen, hoe krijgde da weg bij ne zesjarige",
        "my son is scared to sleep alone in his room, how can we help him",
        "she is afraid of the dark and won't sleep alone, nightlight yes or no?",
        "how to help a scared 5yo who wont stay in his own room at night",
        "Mijn dochter is bang alleen in haar kamer. Zij wil niet alleen slapen.",
        "Mijn kind is bang voor het donker. Wat kan ik doen om te helpen?",
    ),
    # the afternoon nap: stop or not
    (
        "middagdutje stoppen of niet? ze is 3 en slaapt savonds dan slecht",
        "wanneer stop je met het middagslaapje",
        "als hij smiddags slaapt ligt ie tot 10 uur wakker, dutje schrappen?",
        "is 2,5 te jong om te stoppen met middagslaap",
        "mn peuter weigert zn middagdutje, moet ik t nog proberen of ff stoppen",
        "hoe weet je of je kind nog een dutje nodig heeft overdag",
        "moet ons manneke nog een middagdutje doen op zijn drie jaar?",
        "awel ons meiske wil ni meer slapen smiddags, moete da dan laten vallen",
        "wanneer stoppe kindjes met da dutje na den eten",
        "when should a toddler stop napping? he fights every nap now",
        "drop the nap or not? my 3yo then sleeps at 9pm",
        "my daughter is 3 and naps make bedtime a nightmare, should we stop",
        "Mijn zoon is 3 jaar. Moet hij nog slapen in de middag?",
        "Wanneer mag een kind stoppen met slapen overdag?",
    ),
    # bedtime in summer when the evenings are light
    (
        "hoe krijg je ze op tijd in bed als het savonds nog licht is",
        "zomer = bedtijd drama, het is nog licht om 9 uur, tips?",
        "hij zegt het is nog geen nacht het is licht buiten, wat zeg je dan",
        "schuift bedtijd op in de zomer of moet je vasthouden aan 7 uur",
        "lichte avonden en ze wil echt nie slapen, verduisteringsgordijn?",
        "mag de bedtijd later in de zomervakantie of niet doen",
        "in de zomer is het zo lang licht en ons manneke wil ni naar bed",
        "hoe houde ge de bedtijd vast als het buiten nog klaarlicht is",
        "zomeravonden alle kindjes buiten spelen en den onze moet slapen, hoe doede da",
        "how do you keep bedtime in summer when its still light at 9pm",
        "should we push bedtime later in summer? he says its still day",
        "light evenings make bedtime impossible here, any tricks?",
        "In de zomer is het lang licht. Mijn kind wil dan niet slapen. Wat moet ik doen?",
        "Hoe laat moet mijn dochter naar bed in de zomer? Het is nog licht.",
    ),
    # the parents disagree about the sleep approach
    (
        "mn man wil ze laten huilen en ik niet, hoe kom je daar uit",
        "partner en ik zijn t niet eens over slapen, wat nu",
        "wat als papa en mama een andere aanpak willen bij het slapen",
        "ik wil troosten hij zegt laat maar huilen, wie heeft gelijk?",
        "omg herkenbaar, wij krijgen er elke avond ruzie over hoe we haar in bed leggen",
        "hoe word je het eens met je partner over de slaapaanpak",
        "mijne vent wil hem laten wenen en ik kan da ni, wa doen we",
        "wij zijn het thuis ni eens over hoe we hem moeten laten slapen, tips?",
        "mijn vrouw doet het op haar manier en ik op de mijne, is da erg voor ons manneke",
        "my husband wants to let her cry it out and i dont, how do we agree",
        "we totally disagree on sleep training at home, what do you advise",
        "my partner goes in right away and i want to wait, who is right lol",
        "Mijn man en ik willen het slapen anders doen. Hoe kiezen wij samen?",
        "Mijn vrouw laat de baby huilen, ik wil hem pakken. Wat is beter?",
    ),
)
CHAT_SLEEP_GENERAL: tuple[str, ...] = (
    "herkenbaar allemaal, slapen is hier ook een drama",
    "tips voor slapen bij een 3 jarige?",
    "my kid sleeps terrible any advice",
    "wat als niks werkt met slapen",
    "k ben zo moe, iemand tips over slapen?",
    "is er ergens hulp als het slapen echt niet lukt",
    "slapen is bij ons echt moeilijk, waar begin je?",
    "awel bij ons is da slapen ook altijd miserie",
    "hebde gij nog goei tips voor beter slapen bij kleine kindjes",
    "any general tips for better sleep for toddlers?",
    "sleep has been a struggle since forever, where do we even start honestly",
    "Mijn kind slaapt niet goed. Heeft u advies voor mij?",
    "Wij hebben een probleem met slapen thuis. Wat kunnen wij doen?",
    "echt herkenbaar wat ze zegt, bij ons is elke avond en nacht een strijd met slapen",
    "so relatable, we are all exhausted here, any advice on sleep in general",
)
