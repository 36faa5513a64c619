"""Plain-language sleep questions: a tuning set for the question-grouping engine.

This set imitates the questions parents type during a sleep webinar ("slapen") held by
Utrecht's neighbourhood teams in a district where many parents learnt Dutch later in life
(from Morocco, Turkey, Syria, Eritrea, Poland, Somalia, Afghanistan, Suriname). Children
are 0-12 years old. About 45% is simple Dutch of later learners (short sentences, missing
articles, word-order mistakes), 25% English of non-native speakers, 20% chat Dutch with sms
spelling and typos, and 10% Surinamese-Dutch or Flemish wording.

It was written by a separate author in round 4 of issue 11. It is a TUNING set: it was
written without opening the held-out set, the other question sets or the engine code, so
the wording follows how parents write, not what the engine expects.

Every cluster holds the same question asked by different parents; a moderator would merge
each cluster into one question. All clusters are about sleep, so they are hard negatives of
each other. PLAIN_SLEEP_GENERAL holds vague sleep questions that belong to no cluster.

Clusters:
 1. The child won't go to bed; bedtime is a fight every evening.
 2. The child wakes up at night and cries.
 3. The child sleeps in the parents' bed; how to move it to its own bed.
 4. How many hours of sleep does a child need?
 5. Phone, tablet, TV or games before sleeping.
 6. The child is afraid at night (dark, monsters, alone).
 7. The baby only falls asleep with the breast or the bottle.
 8. The child is tired in the daytime or at school.
 9. Ramadan and family visits: late evenings and the child's bedtime.
10. The child falls asleep on the sofa in the living room until the parents go to bed.
11. Siblings share one bedroom and keep each other awake.
"""

from __future__ import annotations

Clusters = tuple[tuple[str, ...], ...]

PLAIN_SLEEP_THEME = "slapen"
PLAIN_SLEEP_CLUSTERS: Clusters = (
    # The child won't go to bed; bedtime is a fight every evening.
    (
        "Mijn zoon 5 jaar. Hij wil niet naar bed. Elke avond ruzie.",
        "Kind wil nooit naar bed gaan, altijd huilen en boos.",
        "Elke avond strijd met naar bed. Wat moet ik doen?",
        "Mijn dochter 7 jaar zegt altijd nee als ik zeg bed.",
        "Hoe kan ik kind naar bed brengen zonder ruzie?",
        "Avond is moeilijk, mijn kinderen willen niet gaan in bet.",
        "Hij komt steeds uit bed terug naar woonkamer, tien keer per avond.",
        "my son 4 year he refuse go to bed, every night fighting",
        "How to make child go bed without fight and crying?",
        "Every evening big fight for bedtime, she say she is not tired",
        "mn zoontje wil nooit naar bed, elke avond drama",
        "hoe krijg k mn kids op tijd in bed zonder gedoe",
        "wrm wil ze nie naar bed?? elke avond gillen",
        "Ons manneke wil 's avonds nooit gaan slapen, elke keer ambras.",
    ),
    # The child wakes up at night and cries.
    (
        "Mijn baby wordt wakker in nacht en huilt veel.",
        "Kind 2 jaar wakker elke nacht, 3 of 4 keer huilen.",
        "Waarom mijn dochter wakker in nagt en huilen?",
        "Zoon slaapt niet door. Elke nacht hij roept mama.",
        "Hij wordt 's nachts wakker en gaat lang huilen. Wat doen?",
        "Mijn kind van 1 jaar slaapt niet hele nacht, altijd wakker worden en huilen, "
        "ik moet steeds opstaan.",
        "my son he not sleep in night, always wake and cry",
        "Baby 10 months wake up every 2 hours crying, is normal?",
        "daughter wakes at night screaming and we cannot calm her",
        "mn dochter wordt elke nacht wakker en huilt, k ben kapot",
        "ze slaapt nie door, om 3 uur altijd huilen",
        "hij wordt snachts wakker en dan huilt ie uren, normaal?",
        "Mijn pikin wordt elke nacht wakker en hij huilt en huilt, ik weet niet wat te doen.",
        "Ons dochterke wordt 's nachts wakker en weent dan heel lang.",
    ),
    # The child sleeps in the parents' bed; how to move it to its own bed.
    (
        "Mijn kind slaapt altijd bij ons in bed. Hoe stoppen?",
        "Zoon 6 jaar slaap nog in bed van papa en mama.",
        "Hoe kan ik kind leren slapen in eigen bed?",
        "Dochter komt elke nacht naar ons bed. Is goed of niet?",
        "Mijn kinderen willen alleen slapen bij mij in groot bed.",
        "Kind wil niet slapen in eigen bed, altijd naast moeder.",
        "my daughter 5 still sleep in our bed, how to stop",
        "Child come every night in parents bed, husband not happy",
        "How can I move my son to his own bed? He cry when we try.",
        "mn zoon van 4 slaapt nog steeds bij ons in bed, hoe krijg k hem eruit",
        "ze kruipt elke nacht bij ons in bet, ff eerlijk is dat erg?",
        "k wil dat mn dochter in der eigen bed slaapt maar ze wil nie",
        "Mijn boi van 7 slaapt nog bij mij, hij wil niet in zijn eigen bed.",
        "Ons kleinste komt alle nachten bij ons in bed liggen, hoe leren we dat af?",
    ),
    # How many hours of sleep does a child need?
    (
        "Hoeveel uur slapen is nodig voor kind van 4 jaar?",
        "Hoe lang moet baby slapen op dag en nacht?",
        "Kind 10 jaar slaapt 8 uur. Is genoeg?",
        "Hoeveel uur slaap heeft kind nodig per leeftijd?",
        "Mijn dochter 2 jaar slaapt maar 9 uur. Te weinig?",
        "Hoe veel slaapen moet kind van school, 7 jaar?",
        "how many hours sleep need child 6 years old",
        "Is 10 hour sleep enough for my son age 8?",
        "What is normal sleeping hours for baby 6 month?",
        "hvl uur moet een kind van 5 eigenlijk slapen?",
        "mn zoon slaapt van 10 tot 7, is dat genoeg voor 9 jaar?",
        "hoeveel slaap heeft n peuter nodig? k weet het echt nie",
        "Hoeveel uren moet ne kleuter slapen per nacht, weet gij dat?",
        "Mijn pikin van 3 slaapt weinig uren, hoeveel moet hij slapen eigenlijk?",
    ),
    # Phone, tablet, TV or games before sleeping.
    (
        "Mijn zoon kijkt telefoon in bed tot laat. Is slecht voor slapen?",
        "Kind speelt tablet voor slapen, dan niet slapen.",
        "Mag kind tv kijken voor naar bed gaan?",
        "Dochter 11 jaar neemt mobiel mee in bed, hele nacht.",
        "Hoeveel tijd voor slapen geen telefoon of tablet?",
        "Hij wil alleen slapen met filmpje op telefoon.",
        "my son play games on phone until midnight then not sleep",
        "Is tablet before bed bad for sleep of my daughter?",
        "kids watch youtube in bed, how to stop this",
        "My children take phone in bed and sleep very late",
        "mn dochter zit tot 12 uur op der telefoon in bed, wat moet k doen",
        "ff vraagje, is tablet voor het slapen echt zo slecht?",
        "hij gamet tot laat en dan kan ie nie slapen, hoe stop ik dat",
        "Ons gastje zit 's avonds in zijn bed nog op zijn gsm, is da erg?",
    ),
    # The child is afraid at night (dark, monsters, alone).
    (
        "Mijn dochter is bang in donker. Wil licht aan.",
        "Kind 5 jaar bang voor monster onder bed.",
        "Zoon is bang 's nachts, wil niet alleen in kamer.",
        "Wat doen als kind bang is om te slapen?",
        "Mijn kind zegt er is iemand in kamer, hij is bang en slaapt niet.",
        "Kind heeft angst in de nacht. Hoe helpen?",
        "my daughter afraid of dark, she not sleep without light",
        "Son is scared at night, he say monsters in room",
        "How to help child who is fear to sleep alone in dark?",
        "mn zoon is zo bang in het donker, lampje moet altijd aan",
        "ze is bang voor enge dingen snachts, wat kan k doen",
        "kleine is bang vr monsters en roept me steeds, help",
        "Mijn pikin is bang voor het donker, hij zegt er zijn jorka's in de kamer.",
        "Ons dochterke durft niet slapen in 't donker, ze is bang.",
    ),
    # The baby only falls asleep with the breast or the bottle.
    (
        "Mijn baby slaap alleen met borst. Hoe stoppen?",
        "Baby 9 maand wil alleen slapen met fles in mond.",
        "Zonder melk mijn zoon slaapt niet. Wat doen?",
        "Kind 1,5 jaar drinkt fles in bed om te slapen, is goed?",
        "Hoe baby leren slapen zonder borstvoeding?",
        "Dochter wil altijd borst om in slaap te vallen, anders niet slapen.",
        "my baby only sleep when breastfeeding, how to change",
        "Baby need bottle every time to fall asleep, is problem?",
        "how to stop feeding to sleep, she is 14 months",
        "my son 2 years still need milk bottle to sleep",
        "mn zoontje valt alleen in slaap aan de borst, k wil dat afleren",
        "ze wil perse de fles om te slapen, anders krijsen",
        "kan mn baby ook slapen zonder fles? ze is bijna 1",
        "Onze kleine valt alleen in slaap met zijn papfles, is da normaal?",
    ),
    # The child is tired in the daytime or at school.
    (
        "Mijn zoon altijd moe op school. Juf zegt hij slaapt in klas.",
        "Kind slaap laat, altijd moe school.",
        "Dochter 9 jaar moe overdag, kan niet opletten.",
        "Leraar zegt mijn kind is moe. Wat moet doen?",
        "Mijn kind slaapt genoeg maar is toch moe hele dag.",
        "Hij kan ochtend niet wakker worden, moe in klas.",
        "teacher say my son sleep in class, always tired",
        "My daughter 8 always tired in the day, why?",
        "child very tired at school, cannot concentrate, what to do",
        "juf belde, mn zoon valt bijna in slaap in de klas",
        "ze is de hele dag moe en chagrijnig, hoe kan dat",
        "mn kind is sochtends nie wakker te krijgen en moe op school",
        "De meester zegt mijn boi is altijd moe op school, hij slaapt op zijn tafel.",
        "Onze gast is overdag zo moe, de juf zegt da hij niet oplet.",
    ),
    # Ramadan and family visits: late evenings and the child's bedtime.
    (
        "In Ramadan kinderen slapen heel laat. Is probleem?",
        "Familie komt laat op bezoek, kinderen blijven wakker tot 12.",
        "Hoe bedtijd houden als veel bezoek in avond?",
        "Wij eten laat in Ramadan, kind wil ook wakker blijven.",
        "Bij bruiloft en familie feest kind gaat slapen om 1 uur. Is erg?",
        "Mijn schoonmoeder zegt kinderen mogen laat opblijven met visite. Ik twijfel.",
        "during Ramadan my kids sleep very late, how to keep routine",
        "Family visit every evening and children not go to bed on time",
        "guests stay until midnight, my son want stay with them",
        "met ramadan slapen mn kids pas om 11, erg?",
        "elke avond visite bij ons, kids gaan dan nooit op tijd naar bed",
        "tijdens ramadan eten we laat, mn kinderen willen mee opblijven, hoe doen jullie dat",
        "Als familie komt, die kinderen blijven ook op tot laat, wat moet je dan doen?",
        "Als er volk over de vloer is, willen de kinderen niet gaan slapen, "
        "hoe pakken jullie da aan?",
    ),
    # The child falls asleep on the sofa in the living room until the parents go to bed.
    (
        "Mijn zoon slaapt op bank in woonkamer tot wij gaan slapen.",
        "Kind slapt eerst in salon, later wij dragen naar bed.",
        "Kinderen slapen op sofa bij tv, is goed of niet?",
        "Dochter wil niet in kamer, slaapt bij ons op bank tot laat.",
        "Elke avond kinderen in slaap op bank, dan ik breng naar bed.",
        "Wij hebben klein huis, kind slaapt in woonkamer met ons tot 11 uur.",
        "my kids fall asleep on sofa and we carry them to bed later",
        "Son sleep in living room on couch until we go bed",
        "Is ok child sleep on sofa with family, later move to bed?",
        "mn kids vallen elke avond op de bank in slaap, daarna tillen we ze naar bed",
        "ze slaapt altijd eerst op de bank bij ons, is dat slecht?",
        "k leg mn zoon pas in bed als wij gaan slapen, hij ligt eerst op de bank",
        "Mijn pikin slaapt altijd eerst in de voorkamer op de bank, dan ik draag hem naar bed.",
        "Onze kleine valt altijd in slaap in de zetel, is da erg?",
    ),
    # Siblings share one bedroom and keep each other awake.
    (
        "Twee kinderen in een kamer. Baby maakt grote wakker.",
        "Broer en zus slapen samen, ze praten en niet slapen.",
        "Mijn kinderen slapen in een kamer en maken ruzie in bed.",
        "Drie kinderen een slaapkamer, verschillende leeftijd. Hoe bedtijd?",
        "Kleine huilt in nacht en grote broer wordt ook wakker.",
        "Wij hebben een kamer voor alle kinderen. Hoe laten ze slapen?",
        "my two sons share room and keep each other awake",
        "Baby and big sister same room, baby cry and she wake up",
        "children share bedroom, they play and laugh instead of sleep",
        "3 kids in one bedroom with different ages, how to make bedtime work?",
        "mn 2 kids slapen op 1 kamer en houden elkaar wakker",
        "ze delen een kamer en kletsen tot laat, hoe los k dat op",
        "jongste maakt de oudste steeds wakker, ze slapen samen",
        "Onze twee gasten slapen op één kamer en houden mekaar wakker, wat doe ik?",
    ),
)
PLAIN_SLEEP_GENERAL: tuple[str, ...] = (
    "Mijn kind slaapt slecht. Wat kan ik doen?",
    "sleep problem my daughter 4 year",
    "Slapen is moeilijk bij ons thuis.",
    "Ik wil advies over slapen van mijn kinderen.",
    "Ik ben zo moe, mijn kinderen slapen niet goed.",
    "Slaap probleem met zoon 3 jaar, hulp nodig.",
    "Wat is goed voor slapen van kind?",
    "Mijn kinderen slapen allebei slecht, ik weet echt niet meer wat doen.",
    "please give advice about sleeping for small children",
    "My son has problem with sleeping since baby, what can I do?",
    "I need help, sleeping in our family is very hard",
    "tips voor beter slapen kinderen pls",
    "k heb echt hulp nodig met slapen van mn kids",
    "Ons kind slaapt nie goed, hebt ge tips?",
    "Slapen bij mijn pikin gaat niet goed, hoe kan dat beter?",
)
