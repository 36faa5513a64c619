"""Labelled parents' questions for a "schermtijd" (screen time) webinar.

This is a TUNING set for the question-grouping engine, written by a separate author in
round 4 of issue 11. It was written without opening the held-out set, the other
question sets or the engine code, so that it reflects how parents really type in a
Telegram chat during a live webinar (parents of children aged 2-16): chat Dutch with
typos and sms spelling, Flemish spelling, English (sometimes non-native) and the simple
Dutch of parents who learnt the language later.

SCREEN_CLUSTERS holds 11 clusters. Each cluster is one question that a moderator would
merge into one, asked by different parents in their own words. All clusters are about
screens, so they are hard negatives of each other:

1. how many hours of screen time per day is OK for a given age
2. tantrums / anger when the tablet or phone is taken away
3. at what age a first own smartphone
4. phone or gaming at night in the bedroom / in bed
5. social media (TikTok, Instagram, Snapchat): from what age, what dangers
6. parental controls and apps to limit screen time
7. parents' own phone use as an example / phones and TV at the dinner table
8. videos and cartoons for toddlers: bad for speech and language development?
9. online bullying and strangers contacting the child
10. violent games (Fortnite, GTA, shooters) and age ratings (PEGI)
11. homework on the laptop versus distraction

SCREEN_GENERAL holds vague questions that only say something general about screens and
should not be merged with any specific cluster.
"""

from __future__ import annotations

Clusters = tuple[tuple[str, ...], ...]

SCREEN_THEME = "schermtijd"
SCREEN_CLUSTERS: Clusters = (
    # How many hours of screen time per day is OK for a child of this age?
    (
        "hoeveel uur per dag mag een kind van 6 achter een scherm?",
        "hoeveel schermtijd is normaal voor n kind van 4 jaar, wij zitten op zon 2 uur per dag",
        "wat is nou de richtlijn qua uren? mn dochter is 9",
        "hoe lang mag ie per dag op de tablet hij is 5",
        "is 3 uur per dag te veel voor 11 jarige? doordeweeks minder en in t weekend meer",
        "hoeveel uur per dag mag ons manneke van 7 op zijn tablet zitten, is da ni te veel?",
        "awel hoeveel schermtijd per dag is goe voor nen kleuter van 3",
        "How many hours a day is ok for a 6 year old?",
        "what is the recommended daily screen time by age? my kids are 4 and 10",
        "Is 2 hours screen per day too much for my daughter of 8",
        "Mijn zoon is 7. Hoeveel uur per dag mag hij kijken?",
        "Hoeveel tijd telefoon is goed voor kind van 12 jaar per dag?",
        "Wat is normaal aantal uren voor scherm? Mijn kinderen zij 5 en 9.",
    ),
    # How do I deal with a tantrum / anger when the tablet or phone is taken away?
    (
        "als ik de tablet afpak krijgt ze een enorme driftbui, hoe voorkom ik dat",
        "mn zoon (6) wordt echt woedend als de ipad weg moet, gooit met dingen, wat doe je dan",
        "elke keer huilen en schreeuwen als de schermtijd voorbij is wrm is dat zo heftig",
        "hoe stop je het spelletje zonder ruzie? hij wordt agressief als ik zeg dat t klaar is",
        "boosheid bij uitzetten van de tv, hoe ga je daar mee om",
        "dochter van 4 flipt compleet als de tablet uit moet, schoppen slaan alles",
        "ons manneke begint te roepen en te stampen as ik zijn tablet afneem, wa moet ik doen",
        "da is elke keer een drama as de gsm weg moet, hoe pakken jullie da aan",
        "My son has a meltdown every time I take the tablet away, what should I do?",
        "how to handle tantrums when screen time is over",
        "she screams and cries when i turn off the ipad, is this normal?",
        "Als ik telefoon pak, mijn zoon hij wordt heel boos. Wat moet ik doen?",
        "Mijn dochter huilt lang als tablet stopt. Hoe kan ik dat beter doen?",
    ),
    # From what age should a child get their own (first) smartphone?
    (
        "vanaf welke leeftijd een eigen smartphone?",
        "mn dochter zit in groep 7 en is de enige zonder telefoon, moet ik toegeven?",
        "wanneer is een kind oud genoeg voor een eigen mobiel",
        "is 10 te jong voor een eigen telefoon? alle vriendjes hebben er al een",
        "zoon gaat naar de brugklas, nu al een smartphone of nog ff wachten",
        "op welke leeftijd geven jullie een eigen gsm aan de kinderen",
        "ons dochterke wil per se een gsm voor haar 9de verjaardag, is da ni te vroeg?",
        "what is a good age for a first smartphone?",
        "My son is 9 and wants his own phone, is it too early",
        "should i give my 11 yo a phone for secondary school or wait a bit",
        "Mijn kind wil eigen telefoon. Hij is 8. Is goed of te vroeg?",
        "Welke leeftijd kind mag hebben eigen mobiel?",
        "eerste telefoon: dom telefoontje zonder internet of meteen een smartfone? ze is 11",
    ),
    # Phone or gaming at night in the bedroom / phone in bed: how to stop it?
    (
        "mag de telefoon mee naar de slaapkamer? zoon (14) zegt dat ie m als wekker nodig heeft",
        "zoon zit tot 2 uur snachts te gamen op zn kamer, hoe stop ik dat",
        "dochter ligt elke avond met haar mobiel in bed, appt tot heel laat",
        "telefoon bij het slapen gaan beneden laten, hoe krijg je een puber zover",
        "hij gamet stiekem s nachts onder de dekens op zn switch wat nu",
        "onze gast zit heel den nacht op zijn playstation op zijn kamer, hoe pakken we da aan",
        "moet de gsm 's nachts buiten de slaapkamer blijven? ze is 13",
        "my teenager is gaming in his bedroom until late at night, how do I stop it",
        "Should phones be banned from the bedroom at night?",
        "she takes her phone to bed and is tired every morning",
        "Mijn zoon speelt spelletje in de nacht op zijn kamer. Hij is altijd moe. Wat doen?",
        "Telefoon in bed bij slapen, mag dat voor kind van 12?",
        "console op de slaapkamer ja of nee? sinds ie m heeft slaapt ie veel te laat",
    ),
    # Social media (TikTok, Instagram, Snapchat): from what age, and what are the dangers?
    (
        "vanaf welke leeftijd tiktok? mn dochter van 10 wil het zo graag",
        "is instagram gevaarlijk voor meisjes van 12, al die perfecte plaatjes",
        "snapchat, wat zijn de risicos? zoon is 13 en zit er de hele dag op",
        "welke leeftijd mag je kind op social media",
        "hoe schadelijk is tiktok eigenlijk voor het zelfbeeld van tieners",
        "ons dochter wil op instagram maar ze is pas 11, moet ik da toelaten?",
        "is da tiktok nu echt zo slecht voor de kinders?",
        "what age is ok for tiktok and instagram?",
        "what are the dangers of snapchat for a 12 year old",
        "Is social media harmful for my daughter's self esteem?",
        "Mijn dochter wil TikTok. Zij is 10 jaar. Is dat gevaarlijk?",
        "Wat is slecht aan sociale media voor kinderen? Ik ken het niet goed.",
        "al haar vriendinnen zitten op snap, als ik nee zeg hoort ze er nie bij.. vanaf wanneer ok",
    ),
    # Which parental-control settings or apps can limit or block screen time?
    (
        "welke app raden jullie aan om schermtijd te beperken?",
        "hoe stel je ouderlijk toezicht in op een iphone",
        "werkt family link van google goed? of is er iets beters",
        "kan je de tablet automatisch laten uitgaan na een uur",
        "zoon omzeilt steeds de schermtijd instelling op zn ipad, welke app werkt wel",
        "ken iemand een goeie app om te zien wat mn kind op zn telefoon doet",
        "welke app gebruiken jullie om de gsm van de kinderen te blokkeren na 20u",
        "kunde gij op de playstation een tijdslimiet instellen? hoe doe je da",
        "Which parental control app do you recommend?",
        "how can I set time limits on my son's android phone",
        "are apps like qustodio worth it for limiting screen time",
        "Is er een app die telefoon van kind op slot doet? Ik wil tijd instellen.",
        "Hoe kan ik op tablet maken dat kind alleen 1 uur mag?",
    ),
    # Parents' own phone use as an example / phones and TV at the dinner table.
    (
        "ik zit zelf ook veel op mn telefoon, hoe kan ik dan mn kinderen iets verbieden",
        "tijdens het eten zit iedereen op z'n mobiel, ook mn man.. hoe doorbreken we dat",
        "hoe belangrijk is het voorbeeld van ouders? ik check idd heel vaak mn werkmail",
        "telefoons aan tafel, verbieden voor iedereen of niet?",
        "mn kind zegt 'jij zit ook altijd op je telefoon' en ze heeft gelijk, tips?",
        "wij zitten zelf ook constant op onze gsm, zien de kinders da van ons af?",
        "moet de tv uit tijdens het eten? bij ons staat die altijd aan",
        "I'm on my phone a lot myself, does that affect my kids?",
        "no phones at the dinner table, does that rule work in your families?",
        "how do I set a good example when my job needs me on my phone",
        "Ik gebruik zelf veel telefoon. Mijn kind kijkt naar mij. Is dat slecht?",
        "Bij ons aan tafel iedereen telefoon. Hoe kan ik dat stoppen?",
        "rol van ouders zelf? wij zijn eigenlijk ook verslaafd aan onze telefoon haha",
    ),
    # Are YouTube / cartoons bad for a toddler's speech and language development?
    (
        "is youtube slecht voor de taalontwikkeling van een peuter van 2?",
        "mn zoontje van 2,5 praat nog weinig, kan dat door te veel filmpjes kijken",
        "tekenfilms voor een baby van 1, schadelijk voor het praten?",
        "peuter kijkt elke ochtend cocomelon, zit ik daarmee zn spraak in de weg",
        "praat later door tablet? logopedist zei iets over schermen",
        "ons kleine manneke van 2 zegt nog bijna niks, komt da van de tv?",
        "zijn die filmkes op de tablet slecht voor het leren praten van nen kleuter?",
        "does watching cartoons delay speech in toddlers?",
        "My 2 year old watches youtube kids a lot and barely talks, is there a link",
        "are educational videos ok for language developement at 18 months",
        "Mijn kind is 2 jaar. Hij praat niet veel. Komt door filmpjes op telefoon?",
        "Kijken tv voor kleine kind, is slecht voor leren van taal?",
        "tweetalig gezin, peuter kijkt veel engelse filmpjes op yt, goed of slecht voor zn praten",
    ),
    # Online bullying or strangers contacting my child: how to protect and react?
    (
        "hoe bescherm ik mn kind tegen vreemden die via games contact zoeken",
        "dochter wordt gepest in een groepsapp van de klas, wat kan ik doen",
        "een onbekende man stuurde mn zoon berichtjes via roblox, hoe reageer ik",
        "online pesten, hoe merk je dat en wat doe je eraan",
        "hoe leer je je kind om niet met onbekenden te chatten online",
        "ons dochter krijgt lelijke berichten op haar gsm van klasgenoten, wa moet ik doen",
        "hoe weet ge of uw kind online lastiggevallen wordt door vreemde mensen",
        "how do I protect my child from strangers online",
        "my son is being bullied in whatsapp group, what should i do",
        "someone he doesn't know asked for photos trough a game chat, how to react",
        "Andere kinderen sturen nare berichten naar mijn dochter op telefoon. Wat doe ik?",
        "Vreemde mensen praten met mijn zoon in spel. Hoe kan ik stoppen?",
        "cyberpesten bij kind van 12, school doet niks, wat zijn de stappen",
    ),
    # Violent games (Fortnite, GTA, shooters): are they OK, and how strict are age ratings?
    (
        "mag een kind van 8 fortnite spelen? het is 12+ toch",
        "gta op zn 11e, alle vriendjes spelen het, ik twijfel heel erg",
        "wat betekenen die pegi leeftijden eigenlijk, moet ik me daar strikt aan houden",
        "worden kinderen agressief van schietspelletjes?",
        "zoon van 10 wil call of duty, is dat te heftig",
        "ons manneke van 9 speelt fortnite bij zijn vriendje, is da ni te gewelddadig?",
        "die spelletjes met schieten en bloed, zijn die slecht voor de kinders?",
        "are violent games like GTA bad for a 12 year old",
        "Should I follow the PEGI age rating strictly? my son is 10 and wants fortnite",
        "do shooting games make kids agressive",
        "Mijn zoon wil spel met schieten. Hij is 9. Mag dat?",
        "Wat is leeftijd voor Fortnite? Mijn kind speelt het al.",
        "is fortnight echt zo erg? t is toch cartoonachtig, geen bloed",
    ),
    # Homework on the laptop/phone versus distraction: how to keep them focused?
    (
        "hoe voorkom ik dat mn zoon tijdens huiswerk op de laptop gaat gamen",
        "school werkt alles via chromebook en ze zit dan stiekem op youtube, tips?",
        "huiswerk met telefoon naast zich, kan ze zich dan wel concentreren",
        "hoe weet ik of hij echt huiswerk maakt of aan het chatten is op zn laptop",
        "ze zegt dat ze de ipad nodig heeft voor school maar ik zie dat ze filmpjes kijkt",
        "ons gast moet zijn taken op de laptop doen maar zit op andere dingen, hoe zie ik da",
        "smartschool op de laptop en tegelijk gamen, hoe houdt ge da in de gaten",
        "how to keep my teen focused on homework when it's all on the laptop",
        "he says he needs his phone for homework but gets distracted all the time",
        "schoolwork on laptop vs games, how to seperate them?",
        "Mijn dochter maakt huiswerk op computer. Maar zij kijkt ook andere dingen. Wat doen?",
        "Laptop is voor school. Mijn zoon speelt spel ook. Hoe controleer ik?",
        "brugklasser, alle huiswerk digitaal, concentratie ver te zoeken want whatsapp gaat steeds",
    ),
)
SCREEN_GENERAL: tuple[str, ...] = (
    "tips over schermgebruik bij kinderen?",
    "my son is always on screens",
    "schermtijd is een probleem bij ons thuis",
    "hoe ga je om met schermen, kind van 8",
    "wat is jullie advies over schermen in het algemeen",
    "we hebben er veel moeite mee thuis, met al die schermen",
    "any general advice about screens for a 5 year old?",
    "ik vind het lastig, schermtijd met drie kinderen",
    "Mijn kind zit veel op scherm. Wat is uw advies?",
    "awel, de schermen bij ons kleine is echt een dingske",
    "hoe pakken andere ouders dat aan met schermen",
    "screens are a struggle in our house, tips welcome",
    "algemene tips over schermen voor een puber van 14?",
    "graag wat tips rond digitale media",
)
