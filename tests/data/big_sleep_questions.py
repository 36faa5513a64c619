"""Big sleep set: labelled parents' questions for a "slapen" webinar (school children, teens).

A TUNING set for the question-grouping engine, written by a separate author in round 4 of
issue 11. It was written without opening the held-out set, the other sets in tests/data/ or
the engine code (similarity/grouping), so it reflects how parents write, not what the engine
expects.

Setting: a sleep webinar for parents of school children and teenagers (4-16 years), as held
by Utrecht's youth health care (JGZ) and neighbourhood teams. Questions are typed in a
Telegram chat during the live webinar: chat Dutch with typos and sms spelling, Flemish and
regional spelling, English (also from non-native speakers) and simple Dutch of parents who
learnt the language later.

Each cluster is one question a moderator would merge into one; all clusters are about sleep,
so they are hard negatives of each other. BIG_SLEEP_GENERAL holds vague sleep questions that
would not be merged with any cluster.

Clusters:
 1. Teenager falls asleep only around 1 am and can't get up for school.
 2. What time should a primary-school child (about 9) go to bed / how much sleep is needed.
 3. Melatonin: is it safe, may I give it to my child?
 4. Sleeping over (logeren, school camp): the child doesn't dare or wants to be picked up.
 5. Child of about 8 still sleeps with the parent / in the parents' bed.
 6. Weekend (or holiday): sleeping in until noon, is that bad?
 7. Nightmares after a scary film, game or the news.
 8. Afraid of the dark: light on, night light, door open.
 9. Energy drinks, cola, caffeine and sleep.
10. Snoring, mouth breathing, tonsils.
11. Sport or exercise late in the evening and sleep.
12. Sharing a bedroom with a brother or sister: they keep each other awake.
"""

from __future__ import annotations

Clusters = tuple[tuple[str, ...], ...]

BIG_SLEEP_THEME = "slapen"
BIG_SLEEP_CLUSTERS: Clusters = (
    # Teenager falls asleep only around 1 am and can't get up for school.
    (
        "mn zoon van 15 ligt tot 1 uur wakker en k krijg hem sochtends nie uit bed",
        "puber van 14 valt pas na middernacht in slaap, s ochtends is het elke dag drama",
        "hoe krijg ik mn dochter (16) eerder in slaap ze is pas om 1 uur moe en mist het 1e uur",
        "k krijg ons kind van 13 nooit wakker voor school want ze slaapt pas rond half 2",
        "wrm kan een tiener nie gewoon om 11 uur slapen? hij zegt ik ben nie moe mam",
        "hoe krijg je het ritme van een 15 jarige weer goed, hij valt pas na 1en in slaap",
        "ons manneke van 15 slaapt pas om 1u en 's morgens krijgen we hem ni uit zijn bed",
        "awel, onze gast van 14 is 's avonds klaarwakker en 's morgens een zombie, wa doen we?",
        "My 15 year old can't fall asleep before 1am and then can't wake up for school. Help?",
        "my daughter 14 she sleep very late, after 12 in night, morning she not wake for school",
        "teen body clock shifted? he is wide awake at midnight and dead tired at 7",
        "Mijn zoon 14 jaar hij slaapt heel laat. Morgen hij kan niet opstaan. School is moeilijk.",
        "Mijn dochter gaat om 10 uur naar bed maar slaapt pas 1 uur. Ze is altijd te laat school.",
        "Wat doen als kind 16 jaar pas laat in slaap valt en niet wakker wordt voor school?",
    ),
    # What time should a primary-school child (about 9) go to bed / how much sleep is needed?
    (
        "hoe laat moet een kind van 9 eigenlijk naar bed",
        "hoeveel uur slaap heeft een kind van 8 nodig? de mijne gaat om 9 uur is dat te laat",
        "wat is een normale bedtijd voor groep 6",
        "mn zoon 10 wil net zo laat op als zn broer van 13, wat is redelijk qua bedtijd",
        "is half 10 te laat voor een meisje van 9 op een schooldag",
        "hoe laat leggen jullie een kindje van 9 jaar in zijn bed, bij ons is da altijd discussie",
        "vanaf welke leeftijd mag ne jongen later opblijven? den onze is 10",
        "What is a good bedtime for a 9 year old on school nights?",
        "how many hours of sleep does a child of 7 need, and what time is normal to go to bed",
        "my son is 9, what time he must go sleep? in my country children sleep later",
        "Kind 9 jaar. Hoe laat naar bed is goed?",
        "Mijn dochter is 8. Ze slaapt om 10 uur. Is dat goed of te laat?",
        "Hoeveel uren moet basisschool kind slapen elke nacht?",
    ),
    # Melatonin: is it safe, may I give it to my child?
    (
        "is melatonine veilig voor kinderen? je kan het gewoon bij de kruidvat kopen",
        "mag ik mn dochter van 11 melatonine geven als ze nie kan slapen",
        "hoe zit t met melatonine, wordt je kind daar afhankelijk van?",
        "huisarts wil melatonine voorschrijven voor mn zoon van 8 met adhd, kan dat kwaad later?",
        "ik geef al een jaar elke avond een halve melatoninetablet aan mn zoon, is dat erg?",
        "melatonine gummies voor een tiener, goed idee of nie",
        "mag ge da melatonine zomaar aan een kind van 10 geven of is da ni goe",
        "ons dochterke pakt al maanden melatonine, is da gevaarlijk voor haar groei?",
        "Is it safe to give melatonin to a 12 year old?",
        "a friend gives her kids melatonin from the drugstore every night, is this ok for children",
        "in Poland we give melatonina to children, here doctor say no. why?",
        "Melatonine voor kind goed of slecht?",
        "Mijn zoon 13 neemt slaappil melatonine. Is dit gezond voor hem?",
        "Mag kind van 6 jaar slaaptablet uit de winkel?",
    ),
    # Sleeping over (logeren, school camp): the child doesn't dare or wants to be picked up.
    (
        "mn dochter van 10 durft nie te logeren, elke keer moeten we haar om 11 uur ophalen",
        "zoon wil graag bij vriendje slapen maar belt s avonds huilend dat ie naar huis wil",
        "hoe help je een kind dat nooit ergens durft te blijven slapen, ze is al 11",
        "schoolkamp volgende maand en mn zoon (11) is doodsbang om daar te slapen, tips?",
        "logeerpartijtjes zijn hier altijd drama, ze gaat wel maar komt midden in de nacht terug",
        "ons kleine durft ni te blijven slapen bij de bomma, moeten we da forceren?",
        "awel ons dochterke wil op pyjamaparty maar komt altijd om middernacht naar huis",
        "My 9 year old is too scared to sleep over at a friend's house. Should I push her?",
        "sleepovers: he always calls us at 10pm to come pick him up. normal at 10?",
        "my girl 8 years she not want sleep in other house, only home. is this problem?",
        "Mijn zoon wil niet slapen bij vriend. Hij is bang. Wat moet ik doen?",
        "Dochter 12 jaar gaat op kamp met school. Ze wil niet want slapen niet thuis.",
        "Kind slaapt bij oma maar belt elke keer: mama kom halen. Hoe kan ik helpen?",
    ),
    # Child of about 8 still sleeps with the parent / in the parents' bed.
    (
        "mn zoon van 8 slaapt nog elke nacht bij ons in bed, hoe krijg ik hem in zn eigen kamer",
        "dochter 9 wil alleen in slaap vallen als ik naast haar lig, is dat nog normaal zo oud",
        "wij slapen al jaren met z'n drieen in het grote bed, nu is ze 8 en wil ik dat ze eruit",
        "hoe leer je een kind van 7 in zn eigen bed te slapen als ie dat nooit gedaan heeft",
        "k lig elke avond een uur naast mn dochter van 10 tot ze slaapt, hoe bouw ik dat af",
        "ons manneke van 8 slaapt nog altijd bij ons in bed, papa ligt nu in de zetel haha",
        "is da erg dat nen 9-jarige nog bij zijn moeder slaapt?",
        "my 8 year old still sleeps in our bed every night. how do we get her to sleep alone",
        "co-sleeping with a 9 year old, is it harmful? in our culture it is normal",
        "my son 10 years sleep in my bed since his father leave, how I stop this?",
        "Mijn dochter 8 jaar slaapt bij mij. Eigen kamer wil ze niet.",
        "Zoon 9 jaar slaapt nog met moeder in bed. Is dit slecht?",
        "Hoe kan kind alleen slapen in eigen bed? Hij is 8 en wil altijd bij papa en mama.",
    ),
    # Weekend (or holiday): sleeping in until noon, is that bad?
    (
        "mn puber slaapt in het weekend tot 12 uur of later, moet ik hem eruit halen?",
        "is uitslapen tot de middag slecht voor een tiener of juist goed om in te halen",
        "zaterdag en zondag komt ze pas om 1 uur s middags beneden, is dat erg",
        "moet je je kind in het weekend op dezelfde tijd wakker maken als doordeweeks",
        "zn hele zondag is weg want hij ligt tot 2 uur smiddags in bed, laat ik dat gewoon zo?",
        "onze gast van 16 ligt in het weekend tot 's middags in zijn nest, moogt ge da laten?",
        "uitslapen in de vakantie tot 12u, is da goe of slecht voor ons dochter?",
        "Is it bad to let my teenager sleep until noon on weekends?",
        "weekends my son sleeps till 1pm to 'catch up'. does that actually work?",
        "saturday and sunday my daughter 15 sleep until lunch time. I let her or wake up?",
        "Mijn zoon 14 slaapt zaterdag tot 12 uur. Is dat slecht?",
        "Weekend kinderen lang slapen. Moet ik wakker maken?",
        "Mag een tiener in vrije dagen heel lang in bed blijven tot middag?",
    ),
    # Nightmares after a scary film, game or the news.
    (
        "mn zoon van 9 heeft nachtmerries sinds hij bij een vriendje een horrorfilm heeft gezien",
        "dochter heeft het journaal gezien over de oorlog en droomt er nu elke nacht eng over",
        "na een enge film op netflix wordt ze huilend wakker, hoe stel ik haar gerust",
        "eng filmpje op tiktok gezien en nu slecht dromen, wat kun je doen",
        "hij heeft stiekem een horror game gespeeld en sindsdien akelige dromen, gaat dat over?",
        "Is het normaal dat mijn zoon van 8 na een spannende film weken slecht droomt?",
        "ons manneke heeft ne enge film gezien bij zijn neef en droomt nu elke nacht van monsters",
        "na het nieuws over die aanslag heeft onze kleine nachtmerries, wa zeggen we best?",
        "My daughter has nightmares after watching a scary movie. How can I help her?",
        "since he saw the news about the war he has bad dreams every night",
        "my son 10 see horror film with cousin, now every night bad dream and screaming",
        "Mijn kind ziet enge film. Nu elke nacht slechte dromen. Wat doen?",
        "Dochter 11 keek nieuws over oorlog. Nu 's nachts bang dromen en huilen.",
        "Na eng filmpje op telefoon mijn zoon wordt wakker en schreeuwt. Is dat van de film?",
    ),
    # Afraid of the dark: light on, night light, door open.
    (
        "mn dochter van 10 wil altijd het licht aan laten, anders kan ze nie slapen",
        "moet de deur echt open blijven? hij is 9 en zegt dat ie anders bang is",
        "slapen met een lampje aan, is dat slecht voor de slaap?",
        "zoon is bang in het donker, ganglicht moet aan en deur op een kier, hoe lang mag dat nog",
        "ze durft nie alleen in het donker, is een nachtlampje ok op haar 11e",
        "ons dochterke wil da de deur openstaat en het licht in de gang blijft branden, erg?",
        "den onze van 10 slaapt ni zonder lampke, moeten we da afleren?",
        "My 9 year old is afraid of the dark and wants the light on all night. Is that ok?",
        "is sleeping with a night light bad for kids? she is 12 and refuses to turn it off",
        "my son want door open and light on, he afraid from dark. how to change?",
        "Mijn kind wil lamp aan in kamer als slapen. Goed of niet goed?",
        "Zoon 8 jaar bang voor donker. Deur moet open. Wat kan ik doen?",
        "Dochter slaapt alleen met licht. Zij is al 10. Is dit normaal?",
    ),
    # Energy drinks, cola, caffeine and sleep.
    (
        "mn zoon van 14 drinkt elke middag een blikje energy, kan dat zijn slaap verpesten",
        "hoeveel cola is te veel voor een kind als je wil dat ie goed slaapt",
        "ze drinkt redbull voor het leren en ligt dan tot 2 uur wakker, hoe erg is dat",
        "is ice tea of cola na het eten al slecht voor het inslapen?",
        "iedereen in zn klas drinkt monster, wat doet die cafeine met de slaap van een 13-jarige",
        "onze gast drinkt blikjes energiedrank bij het gamen, is da de reden da hij ni slaapt?",
        "mag ne puber 's avonds nog cola drinken of houdt da hem wakker?",
        "Do energy drinks affect my teenager's sleep? He has one almost every day.",
        "is coke with dinner enough to keep a 10 year old awake?",
        "my son drink energy drink after school, in night he not sleep. is it from the drink?",
        "Mijn zoon drinkt elke dag energiedrank. Slaapt hij daarom slecht?",
        "Cola in avond slecht voor slapen van kind?",
        "Mijn dochter 15 drinkt koffie en blikjes met cafeine. 's Nachts zij is wakker.",
    ),
    # Snoring, mouth breathing, tonsils.
    (
        "mn dochter van 7 snurkt echt heel hard, moet ik daarmee naar de huisarts",
        "hij slaapt met zn mond open en snurkt, kan dat door zn amandelen komen",
        "zoon snurkt en stopt soms even met ademen in zn slaap, ik schrik me rot, gevaarlijk?",
        "kind ademt snachts door de mond en is overdag moe, wanneer amandelen knippen?",
        "is snurken normaal bij een kind van 10? klinkt als een oude man",
        "ons manneke ronkt gelijk ne beer, moet da gecontroleerd worden?",
        "onze kleine slaapt altijd met zijne mond open, zijn da zijn amandelen?",
        "My 8 year old snores every night. Should we see a doctor?",
        "my son breathes through his mouth when he sleeps and wakes up tired. his tonsils?",
        "my daughter make loud noise with nose when sleep, also stop breathing little. danger?",
        "Mijn kind maakt veel geluid in slaap. Snurken. Is dat normaal?",
        "Zoon 6 jaar slaapt met open mond. Dokter zegt misschien amandelen. Wat is dat?",
        "Kind snurkt heel hard elke nacht. Moet operatie?",
    ),
    # Sport or exercise late in the evening and sleep.
    (
        "mn zoon heeft voetbaltraining tot half 10 en kan daarna niet slapen, is dat normaal",
        "is sporten vlak voor het slapen slecht voor kinderen",
        "ze zwemt 3x per week van 8 tot 9 savonds en ligt daarna nog uren wakker",
        "hockey training is pas om 20.30 klaar, hoe krijg je ze daarna rustig",
        "kan je beter savonds nie meer laten rennen en sporten of maakt het juist moe?",
        "ons dochter heeft turnen tot 21u en is daarna nog opgefokt, slecht voor haar slaap?",
        "onze gast gaat 's avonds laat nog fitnessen en slaapt dan slecht, ligt da daaraan?",
        "My son has football practice until 9:30pm and can't sleep afterwards. Any advice?",
        "is exercise late in the evening bad for a teenager's sleep?",
        "my daughter do kickboxing in evening, after she very active and not sleep until 12",
        "Mijn zoon sport laat in de avond. Daarna hij kan niet slapen.",
        "Voetbal training tot 10 uur avond. Is dat goed voor kind 11 jaar?",
        "Is bewegen in de avond slecht voor slapen of goed?",
    ),
    # Sharing a bedroom with a brother or sister: they keep each other awake.
    (
        "mn 2 zoons van 7 en 12 slapen op 1 kamer en houden elkaar wakker, hoe los ik dat op",
        "broer en zus delen een kamer, de oudste wil later naar bed en maakt de kleine wakker",
        "we hebben geen extra slaapkamer, hoe zorg ik dat ze allebei goed slapen op 1 kamer",
        "ze kletsen en giechelen tot 10 uur samen op hun kamer, moet ik ze uit elkaar halen",
        "kinderen die een kamer delen, moeten die tegelijk naar bed of mag de oudste later?",
        "onze twee manneken slapen op een kamer en houden mekaar wakker, hoe pakken we da aan?",
        "da kleintje slaapt al en dan komt de grote zus binnen met haar gsm, wa doen we daaraan",
        "My two kids share a bedroom and keep each other awake. What can we do?",
        "we live in a small apartment, 3 children in one room. the oldest is 14 and stays up late",
        "my daughter 13 and son 6 sleep same room, she use phone and he wake up. what I do?",
        "Mijn kinderen slapen samen in een kamer. Ze praten en slapen laat.",
        "Huis is klein. Drie kinderen een slaapkamer. Hoe goed slapen?",
        "Broer 15 en zus 9 in zelfde kamer. Broer komt laat en zus wordt wakker.",
    ),
)
BIG_SLEEP_GENERAL: tuple[str, ...] = (
    "heeft iemand tips voor beter slapen bij kinderen",
    "mijn kind slaapt slecht, wat kan ik doen",
    "ik ben zelf zo moe, slapen is bij ons thuis elke avond een strijd met de kinderen",
    "any advice for sleep problems with a 12 year old?",
    "wat is eigenlijk goede slaap voor een tiener van 14?",
    "slapen is bij ons een groot probleem, waar kan ik hulp krijgen in Utrecht?",
    "awel, hoe krijgen we meer rust in huis rond het slapengaan bij ons kroost",
    "my son 11 problem with sleeping, please help",
    "Mijn dochter moeite met slapen. Wat advies?",
    "hoe belangrijk is slaap nou echt voor kinderen op de basisschool",
    "k heb 3 kids en alle 3 slapen ze anders, tips graag",
    "wanneer moet je je zorgen maken over de slaap van je kind en hulp zoeken?",
    "Kind 7 jaar slaapt niet goed. Ik ben ook heel moe.",
    "how can I help my teenager to have healthier sleep habits in general?",
    "ons gezin heeft al maanden gedoe rond bedtijd en slapen, waar begin ik?",
)
