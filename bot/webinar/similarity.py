"""Recognise similar parent questions (and topic wishes), in Dutch and English.

Fuzzy string matching alone does not see that "mijn dreumes wil niet slapen" and "how do I
get my toddler to sleep?" ask the same thing: the words differ (plain rapidfuzz scorers on
the raw texts reach an F-score of about 0.2 on the labelled set). So the work is done in
`normalize`, which reduces a text to a few *concept* words:

1. lowercase, fold accents (``é`` -> ``e``), turn punctuation into spaces, correct a
   word that is one typing error from a known one (``naats`` -> ``naast``);
2. rewrite multi-word phrases into concepts (``s avonds``, ``time out``, ``uit elkaar``;
   for the questions of one theme: "wordt 3x per nacht wakker" and "sleeps through the
   night" -> ``doorslapen``, "bij ons in bed" -> ``ouderbed``, "hoeveel uur slaap" ->
   ``slaapduur``, "blijft uit bed komen" -> ``uitbed``); words a rule skips are kept;
3. drop stopwords and question filler in both languages ("hoe", "moet ik", "tips", "my");
4. map each remaining word through a bilingual parenting lexicon to one canonical Dutch
   concept (``dreumes``, ``toddler`` -> ``peuter``; ``schermtijd``, ``tablet``, ``screen``
   -> ``scherm``), also by stem ("screams"), splitting compounds ("slaapproblemen",
   "cyberpesten") and correcting typos against known words ("drifbuien");
5. stem the words the lexicon does not know, drop duplicates.

The scorer compares the concept words as opaque tokens (see `_scoring_form`) with
rapidfuzz's token_set_ratio; `SIMILAR_THRESHOLD` sits mid-plateau of the precision /
recall curve. Pairwise figures of `are_similar` on ``tests/data/parent_questions.py``
(tests/test_similarity.py prints them): tuning set precision 0.92, recall 0.70; the set
first written as held-out (and since tuned on) precision 0.86, recall 0.52. So: few false
merges, but questions worded with words the lexicon lacks are missed. Recall grows with
the lexicon. Webinar questions are grouped by `bot.webinar.grouping`, on the same
concept words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

# --------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------

# Function words and question filler. They say how a parent asks, not what.
_STOPWORDS_NL = """
aan af al alle alleen alles als altijd ander andere anders ben beetje bij binnen d dan
dat de deze die dit doe doen doet door dus echt een eens eigenlijk elk elke en er erg
erin even ff ga gaan gaat gewoon geen graag haar had heb hebben heeft heel hele helemaal
hem het hier hij hoe hoor hun ie iedere iemand iets ik in is ja je jij jou jouw jullie k
kan keer komen komt krijg krijgen krijgt kun kunnen kunt lust lusten maak maakt maar
maken me meer men met mij mijn mn mag mogen moet moeten na naar net niet niets nog nooit
nou nu of oke om omdat ons onze ook op over per pff s t te tegen terwijl tijd tips tip
toch toen tot u uit uw van vaak veel vind vinden voor vraag vragen waar want was wat we
weer wel welk welke wie wil willen wij word wordt worden zal ze zegt zeggen zei zelf
zich zij zijn zit zn zo zodat zonder zou zoveel steeds gedaan geval jaar jaren jarige
oud oude uur uren maand maanden weken dag dagen vanaf weet weten wanneer wnnr wnr hou
houd houden daarmee daarover daar dr z wort niks tijdens sinds los oplossen pak
aanpakken zorg mee geef geven paar zoek zoeken blijf blijft blijven goed slecht beter
tenzij terug wilt nie n tussen genoeg zeg uitloopt uitlopen overal stel stellen via
dagelijks opvoeding opvoeden liggen ligt lag
staat staan stond sta onder boven naast ernaast erbij goe goed goeie slechte slechter
ervaring ervaringen drama gedoe ramp lukt lukken daardoor daarom
kleine kleintje kleinste manneke mannetje ventje dochterke zoontje kindje kindeke
meiske baasje minuut minuten minuutje waarom nodig eindelijk daarna laatste denk
rond mega extreem extreme gij ge ni nen ne ons zover keren weer prima ging fout
verder kort langer sneller hard harder stil samen idee raden aanraden zelfs
bijna laten leer leren verbeteren radeloos wanhopig raad lekker waardeloos beroerd rot
vreselijk verschrikkelijk moeizaam slechtst
bestaat bestaan zodra meteen direct ding dingen pakt zet zetten klaar
eindigt eindigen gepaard haha hihi vol volhouden wa da den mijne welk hee hey
awel allez amai belangrijk thuis herkenbaar herkenbare omg idd ditto precies klopt
lig allemaal goei hebde ergens dikwijls opgelost alstublief utrecht
twee drie vier vijf zes zeven acht negen tien elf twaalf
"""
_STOPWORDS_EN = """
a about after again all also always am an and any anymore anyone are as at be been
before being but by can cant could d day days did do does doesn doing don during each
even ever every for from get gets getting go goes going got had has have he her here him
his how i if in into is isn it its just keep keeps ll m make makes me might more most my
never no not now of off ok okay on only or our out over please re really s shall she
should so some still t than that the their them then there these they this those time
times to too totally up us ve very was we were what when where which while who why will
with won would you your help tips actually constant constantly want wants year years old
months month hours know lot lots thing things way stop right doesnt dont wont isnt didnt
nothing since stay stays staying different other unless good bad
better seek between enough give gives ages without until take say says said whether real
yet back come came found daily parenting experience experiences anything
everything something single need needs needed use like
lately one let hes shes im ive thats its last lasts kill killing ruin ruining ruined
faster harder hard loudly drop dropping skip skipping asking drag drags well badly
poorly terrible terribly awful horrible advise improve desperate
whenever handle handling respond responding told ends turn instead anywhere huge wrong
feel feels guilty firm any advice important same omg lol relatable honestly
two three four five six seven eight nine ten
"""
# Words that look like filler in one language but carry the question in the other are
# handled in the lexicon below (e.g. "much" -> "hoeveel").
STOPWORDS: frozenset[str] = frozenset(_STOPWORDS_NL.split()) | frozenset(_STOPWORDS_EN.split())

# canonical concept -> the words (Dutch and English, inflections, sms spellings) that
# mean it. A concept may be several words ("middag slaap"); an empty concept drops the
# word (it would otherwise survive as content, e.g. child/son/daughter, which every
# question in a parenting webinar is about).
_CONCEPTS: dict[str, str] = {
    "": """vraagje question questions advies advice algemeen algemene general
        kind kinderen kinders kindje kids kid child children zoon zoons zoontje dochter
        dochters dochtertje son sons daughter daughters jongen meisje boy girl jongetje
        meid kroost normaal normal erg zorgen bezorgd worried worry worrying
        concerned refuses refuse refused weigert weigeren training trained ok oke
        stoppen stopt ouder ouders parent parents""",
    # "naar bed", "in bed krijgen", "go to bed": in parents' questions bed means sleep.
    "slaap": """slapen slaap slaapt sliep sleep sleeping sleeps slept asleep slaapje
        inslapen bed bedje beds bedtime bedtijd sleeper sleepers nachtrust bet""",
    "avond": "avond avonds savonds evening evenings",
    "nacht": "nacht nachts snachts night nights nighttime",
    "wakker": "wakker waking wakes wake awake woke",
    "middag slaap": """nap naps napping dutje dutjes middagdutje middagslaap middagslaapje
        slaapje slaapjes middagslaapjes""",
    "middag": "middag middags smiddags afternoon afternoons",
    "peuter": "peuter peuters peutertje dreumes dreumesen dreumesje toddler toddlers",
    "kleuter": "kleuter kleuters preschooler preschoolers",
    "schoolkind": """schoolkind schoolkinderen basisschool basisschoolkind basisschoolkinderen
        schoolgaand schoolgaande""",
    "baby": "baby babys babies babytje newborn zuigeling geboorte birth",
    "puber": """puber pubers puberteit tiener tieners teenager teenagers teen teens
        teenage adolescent adolescents puberty""",
    "drift": """drift driftbui driftbuien driftig tantrum tantrums meltdown meltdowns bui buien
        woedebui woedebuien uitbarsting uitbarstingen woedeuitbarsting crisis ontploffen
        ontploft explode explodes exploding flipt flippen razend tekeer rages raging
        woedeaanval woedeaanvallen woede rage""",
    "boos": "boos boosheid kwaad angry anger mad furious woedend",
    "slaan": """slaan slaat sloeg meppen mept krabben krabt scratch scratches scratching
        bites biting hits hit hitting schoppen schopt kicks kicking bijten bijt
        duwen duwt push pushes pushing""",
    "winkel": """winkel winkels supermarkt shop shops store supermarket boodschappen kassa
        grocery groceries jumbo lidl aldi openbaar public publiek""",
    "reageren": "reageren reageer reageert react reacting reaction reactie",
    "scherm": """scherm schermen schermtijd screen screens screentime tablet tablets ipad
        ipads tv televisie youtube filmpje filmpjes video videos kijken kijkt watch watching
        schermpje schermpjes
        netflix""",
    "telefoon": """telefoon telefoons mobiel mobieltje smartphone smartphones phone phones gsm
        foon""",
    "gamen": """gamen gamet gamed game games gaming gamer playstation fortnite fortnight xbox
        nintendo console consoles roblox minecraft gta""",
    "verslaafd": "verslaafd verslaving addicted addiction addictive",
    "ruzie": """ruzie ruzies fight fights fighting argue arguing argument arguments quarrel
        quarrels vechten vecht bickering strijd gevecht battle battles ambras""",
    "kamer": "kamer kamertje room rooms bedroom",
    "praten": """praten praat praatte talk talks talking spreken sprak communiceren communicate
        contact""",
    "somber": """somber sombere somberheid depressief depressie depressed depression gloomy
        verdrietig sad""",
    "humeurig": "humeurig moody",
    "hoeveel": "hoeveel much many lang long duren duurt duurde hoelang",
    "scheiding": """scheiden scheiding scheidingen gescheiden divorce divorced divorcing
        separation separated""",
    "vertellen": "vertellen vertel vertelt tell telling uitleggen explain",
    "ex": "ex exman exvrouw expartner",
    "coouder": "coouder coouderschap coparent coparenting",
    "regels": "regels regel rules rule afspraken",
    "vader": "vader vaders papa pap dad dads daddy father",
    "moeder": "moeder moeders mama mam mom mum mommy mother",
    "eten": """eten eet eat eats eating eters eaters food maaltijd meal meals dinner avondeten
        ontbijt ontbijten breakfast lunch""",
    "groente": """groente groenten groentes vegetables vegetable veggies veg broccoli spinazie
        bloemkool sperziebonen boontjes wortel wortels worteltjes doperwten green greens
        groen groene""",
    "tafel": "tafel table",
    "zitten": "zitten seated sit sitting stoel stoeltje kinderstoel chair highchair",
    "snoep": """snoep snoepjes tussendoortje tussendoortjes sweets candy snacks snack
        koekjes chips crisps junkfood fastfood""",
    "afvallen": "afvallen dieet diet",
    "zindelijk": """zindelijk zindelijkheid zindelijkheids potje potty toilettraining""",
    "wc": "wc toilet",
    "plassen": """plassen plast plas bedplassen bedwetting wets wet wetting pee peeing
        droog dry nat natte""",
    "poepen": "poepen poep poept poop pooping",
    "luier": "luier luiers diaper diapers nappy nappies pullup pullups",
    "broerzus": """broer broers broertje broertjes zus zussen zusje zusjes brother brothers
        sister sisters sibling siblings elkaar mekaar zuske broerke""",
    "jaloers": "jaloers jaloezie jealous jealousy",
    "pesten": "pest pesten pestkop pestkoppen bully bullies bullying",
    "gepest": "gepest bullied",
    "school": "school scholen klas class classroom groep groepen",
    "leerkracht": "juf meester leerkracht leraar lerares teacher teachers",
    "ochtend": "ochtend ochtends sochtends smorgens morgens morning mornings",
    "huiswerk": "huiswerk homework",
    "spraak": "spraak speech",
    "woord": "woord woorden woordjes words",
    "achterstand": "achterstand delay delayed",
    "logopedie": "logopedie logopedist logopediste",
    "autisme": "autisme autistisch autism autistic asd",
    "signaal": "signaal signalen signs signals tekenen kenmerken",
    "kruipen": """kruipen kruipt crawl crawling crawls climb climbs climbing klimt klimmen
        klauteren klautert""",
    "luisteren": """luisteren luistert luister listen listens listening gehoorzamen obey
        obeys""",
    "schreeuwen": """schreeuwen schreeuw shout shouting shouts yell yelling gillen gillend
        gil gilt gilde gilbui gilbuien gegil gekrijs geschreeuw
        screaming screams scream krijsen krijst krijsend""",
    "timeout": "timeout strafstoel strafhoek strafplek",
    "straf": """straf straffen straft punish punishment punishing consequentie
        consequenties consequence consequences""",
    "grenzen": "grens grenzen limit limits boundaries boundary",
    "nee": "nee",
    "leeftijd": "leeftijd age",
    "eigen": "eigen own",
    "eerste": "eerste first",
    "middelen": "blowen blowt wiet weed drugs cannabis alcohol",
    "probleem": """probleem problemen problem problems lastig moeilijk difficult trouble
        issue issues struggle struggling moeite miserie""",
    "dagmoe": "dagmoe",
    "kleinwonen": """kleinwonen flat flatje appartement appartementje apartment woning ruimte
        space""",
    "visite": """visite bezoek bezoekers guests guest visitors visit visits bruiloft feest
        familiefeest""",
    "ramadan": "ramadan iftar suhoor suikerfeest",
    "bankslapen": "bankslapen sofa bank zetel salon woonkamer living bankstel couch",
    "spelen": "spelen speelt play plays playing played spelletje spelletjes",
    "verliezen": "verliezen verliest losing",
    "weinig": "weinig barely little",
    "begin": "begin beginnen start starten starting",
    "jong": "jong jonge young",
    "oudste": "oudste older oldest eldest grote groot",
    "nieuw": "nieuw nieuwe new",
    "huis": "huis huizen house home place thuiskomen thuiskomt",
    "werkt": "werkt werken work works helpt helps",
    "terugtrekken": """terugtrekken withdraw withdraws withdrawn withdrawing sluit
        opsluiten isoleert isolates""",
    "voorkomen": "voorkomen voorkom prevent preventing",
    "voorbereiden": "voorbereiden bereid prepare preparing",
    # Broader parenting vocabulary, by theme, so that questions outside the tuning set
    # still meet (the lexicon is what recall depends on most).
    "ritueel": """ritueel ritueeltje routine routines bad badje bath bathtime liedje liedjes
        slaapliedje song songs zingen""",
    "nachtmerrie": """nachtmerrie nachtmerries nightmare nightmares droom dromen droomt dream
        dreams dreaming nachtangst nachtangsten""",
    "bang": """bang angst angstig scared afraid fear fears anxious anxiety eng enge schrik
        doodsbang bangig paniek panieken panic
        terrified monster monsters spook spoken ghost ghosts""",
    "donker": "donker dark darkness",
    "moe": """moe uitgeput tired exhausted vermoeid oververmoeid overtired overprikkeld
        overstimulated""",
    "speeltuin": "speeltuin speeltuintje playground park",
    "weggaan": "weggaan weg leave leaving vertrekken vertrek opstaan opstaat wegrennen",
    "overgang": "overgang overgangen transition transitions",
    "huilen": "huilen huilt huilde cry cries crying tears tranen wenen weent weende",
    "zeuren": "zeuren zeurt gezeur jengelen jengelt gejengel whine whines whining nagging",
    "koppig": "koppig koppigheid koppigheidsfase stubborn dwars eigenwijs",
    "koppig peuter": "peuterpuberteit",
    "rustig": """rustig kalm kalmeren calm calmly temper cool ontspannen ontspanning relax
        relaxing relaxed""",
    "afleiden": """afleiden distract distraction distracted afgeleid afleiding
        concentreert""",
    "socialemedia": "socialemedia tiktok instagram snapchat snap whatsapp appen insta",
    "app": "app apps appje",
    "internet": "internet online",
    "brutaal": "brutaal rude cheeky disrespectful grof",
    "liegen": "liegen liegt loog lie lies lying",
    "deur": "deur deuren doors",  # not "door": a Dutch stopword
    "uitgaan": "uitgaan feestje feestjes party parties",
    "vrienden": """vrienden vriendjes vriendinnetjes vriendje vriendinnetje friends friend
        friendship friendships""",
    "partner": """partner vriend vriendin boyfriend girlfriend stiefvader stiefmoeder
        stepfather stepmother stepdad stepmom""",
    "voorstellen": "voorstellen introduce introducing",
    "fruit": "fruit",
    "kieskeurig": "kieskeurig kieskeurige picky fussy hetzelfde",
    "proeven": "proeven proeft proberen probeert try tries trying taste tasting",
    "bord": "bord bordje borden plate plates",
    "suiker": "suiker sugar",
    "gewicht": "gewicht overgewicht dik overweight weight dun mager thin skinny",
    "eetstoornis": "eetstoornis anorexia boulimia",
    "voeding": """voeding borstvoeding fles flesje breastfeeding bottle feed feeding feeds
        voeden voedt borst""",
    "ongelukje": "ongelukje ongelukjes accident accidents",
    "broek": "broek onderbroek pants underwear",
    "terugval": """terugval regressie regression slaapregressie sprongetje sprongetjes sprong
        leap leaps""",
    "aandacht": "aandacht attention",
    "eerlijk": "eerlijk oneerlijk fair fairly unfair",
    "voortrekken": "voortrekken voorkeur favourite favorite favoritism",
    "concentratie": "concentratie concentreren concentrate concentrating focus focussen",
    "adhd": "adhd",
    "druk": "druk onrustig hyperactive hyper stilzitten beweeglijk woelen woelt restless",
    "toets": "toets toetsen cito test tests exam exams",
    "middelbare": "middelbare brugklas secondary highschool",
    "spijbelen": "spijbelen truancy",
    "eenzaam": "eenzaam buitengesloten lonely excluded",
    "ontwikkeling": "ontwikkeling development developing develop",
    "lopen": "lopen loopt walk walking walks wandelen wandelt",
    "stotteren": "stotteren stottert stutter stuttering",
    "gehoor": "gehoor horen hearing doof deaf",
    "hoogbegaafd": "hoogbegaafd hoogbegaafdheid gifted",
    "dyslexie": "dyslexie dyslexia",
    "arts": "arts huisarts dokter doctor gp kinderarts pediatrician",
    "psycholoog": "psycholoog psychologist therapeut therapist counselor",
    "consultatiebureau": "consultatiebureau jgz",
    "beloning": "beloning belonen beloon reward rewards rewarding stickers sticker",
    "consequent": "consequent consistent",
    "geduld": "geduld patience patient",
    "alleenstaand": "alleenstaand alleenstaande",
    "rouw": "rouw rouwen dood overleden overlijden sterven died death dies grief loss verlies",
    "grootouder": "opa oma opas omas grandpa grandma grandparents grootouders",
    "knuffelen": "knuffelen knuffel knuffelt hug hugs hugging cuddle cuddles",
    "zakgeld": "zakgeld geld money",
    "verlegen": "verlegen shy",
    "zelfvertrouwen": "zelfvertrouwen zelfbeeld confidence esteem",
    "vloeken": "vloeken vloekt swearing swears",
    "stelen": "stelen steelt stealing steals",
    "afpakken": "afpakken afpak innemen confiscate",
    "laat": "laat late later",
    "opvang": """opvang kinderopvang kinderdagverblijf kdv creche daycare peuterspeelzaal bso
        nursery gastouder""",
    "verdelen": "verdelen verdeel delen share sharing divide",
    "overstuur": "overstuur ontdaan upset",
    "omgang": "omgang omgangsregeling visitation custody wissel wisselen handover",
    # Screen time (round 4's tuning set, theme schermtijd).
    "richtlijn": """richtlijn richtlijnen guideline guidelines recommended aanbevolen
        aanbeveling norm""",
    "eigentelefoon": "eigentelefoon dumbphone",
    "groepsdruk": "groepsdruk",
    "toezicht": """toezicht ouderlijk qustodio kinderslot blokkeren blokkeert blokker block
        blocking instellen instelling instellingen stel tijdslimiet tijdslimieten timelimit
        controls""",
    "voorbeeld": "voorbeeld voorbeeldfunctie example rolmodel",
    "taal": "taal talen language languages taalontwikkeling",
    "vreemden": """vreemden vreemde onbekenden onbekende strangers stranger lastigvallen
        lastiggevallen""",
    "berichten": "berichten berichtjes bericht messages message chat chatten",
    "geweld": """geweld gewelddadig gewelddadige violent violence schieten schiet
        schietspel schietspelletjes schietspellen shooting shooter shooters""",
    "leeftijdsgrens": "pegi leeftijdsgrens leeftijdsgrenzen",
    "laptop": "laptop laptops computer computers chromebook pc",
    "agressie": "agressie agressief agressive aggressive aggression",
    # Sleep, the hardest theme: every question in a sleep webinar says "slapen" or "bed",
    # so the question is in the words around it (issue 11).
    "doorslapen slaap": "doorslapen doorslaapt doorslaap",
    "ledikant": """ledikant ledikantje ledikantjes wieg wiegje crib cribs cot cots babybed
        babybedje campingbedje spijlen hekjes""",
    "grootbed": "grootbed peuterbed peuterbedje grotebed grotebedje juniorbed juniorbedje",
    "overstappen": "overstappen switchen",
    "contactslapen": "contactslapen",
    "ouderkamer": "ouderkamer",
    "eigenkamer": "eigenkamer",
    "ligging": "ligging buikligging rugligging",
    "beddengoed": """beddengoed kussen kussentje kussens pillow pillows bumper bumpers
        bedomrander hoofdbeschermer laken lakentje""",
    "buikpijn": """buikpijn kramp krampen krampjes buikkrampjes darmkrampjes buikkramp darmkramp
        colic koliek cramps cramp""",
    "reflux": "reflux spugen spuugt spuug spuugde overgeven spit spitting vomit vomiting",
    "reizen": """reizen reis travel travelling traveling flight vliegen vliegreis vliegtuig
        jetlag tijdsverschil camping""",
    "ouderbed": "ouderbed cosleeping samenslapen",
    "licht": """licht lamp lampje lampke lampen nachtlampje nachtlamp light lights nightlight
        ganglicht""",
    "deuropen": "deuropen",
    "verduisteren": """verduisteren verduisterend verduisterende verduistering
        verduisteringsgordijn verduisteringsgordijnen blackout""",
    "zomer": "zomer summer zomeravond zomeravonden zomervakantie",
    "wachten": "wachten wacht wait waiting",
    "oneens": "oneens disagree disagreeing disagreement",
    "aanpak": "aanpak slaapaanpak approach methode method",
    "verbieden": "verbieden verbied verbiedt verbod forbid ban",
    "ontregeld": "ontregeld ontregelt",
    "laatslapen": "laatslapen",
    "ochtendwekken": "ochtendwekken",
    "logeren": """logeren logeert loger logeerpartij logeerpartijtje logeerpartijtjes sleepover
        sleepovers pyjamaparty slaapfeestje kamp schoolkamp""",
    "ophalen": "ophalen ophaal",
    "nieuws": "nieuws news journaal",
    "oorlog": "oorlog war aanslag aanslagen terrorisme",
    "film": "film films movie movies horror horrorfilm griezelfilm",
    "cafeine": """cafeine caffeine energy energydrink energydrinks energiedrank energiedrankje
        energiedrankjes redbull cola coke koffie coffee""",
    "sport": """sport sporten traint trainen voetbal voetbaltraining hockey turnen
        zwemmen zwemt zwemles fitness fitnessen kickboxing kickboksen football practice
        exercise bewegen beweging rennen dansen dansles""",
    "wekker": "wekker wekkers alarm",
    "inslapen": "inslapen inslaapt",
    "wiegen": """wiegen wiegt gewiegd rocking rock rocked schommelen sussen arm armen dragen
        draagzak carry carrying""",
    "slaapwandelen": """slaapwandelen slaapwandelt slaapwandel sleepwalking sleepwalks
        sleepwalk sleepwalker""",
    "slaappraten": "slaappraten sleeptalking",
    "piekeren": """piekeren piekert pieker piekerde gepieker overthink overthinks
        overthinking overthinker gedachten thoughts malen maalt nadenken piekerkind""",
    "herkennen": "herkennen herkent herken recognise recognises recognize recognizes",
    "gezinsuitbreiding": "gezinsuitbreiding",
    "nietwakker": "nietwakker",
    "neerleggen": "neerleggen neerleg neerlegt wegleggen weglegt",
    "snurken": "snurken snurkt snurk snore snores snoring ronken ronkt",
    "amandelen": "amandelen amandel neusamandel neusamandelen tonsils tonsil adenoids",
    "mondademen": "mondademen apneu apnea",
    "uitslapen": "uitslapen uitslaapt",
    "opblijven": "opblijven opblijft",
    "slaaptraining": "slaaptraining uithuilen ferber",
    "knuffel": "knuffeldoekje doekje knuffelbeer teddy",
    "speen": "speen speentje fopspeen pacifier dummy binky tuttie tutje tut",
    "warm": "warm warmte koud temperatuur temperature cold hot",
    "ritme": "ritme schema slaapschema schedule structuur regelmaat",
    "weekend": "weekend weekends zaterdag zondag saturday sunday",
    "fase": "fase phase",
    "opeens": "opeens ineens plots plotseling suddenly sudden",
    "slaapduur": "slaapduur",
    "gedrag": "gedrag behaviour behavior gewoonte gewoontes habit habits",
    "tandjes": """tandjes tandje tanden tand kiesjes kiezen teeth tooth teething molars
        doorkomende""",
    "ziek": """ziek zieke ziekte verkouden verkoudheid koorts sick ill fever hoesten hoest
        cough coughing oorpijn earache snotneus snotverkouden verstopt stuffy""",
    "pijn": "pijn pain hurts painful",
    "vroeg": "vroeg vroege early",
    "naastbed": "naastbed zelf zelfstandig self independently",
    "uitbed": "uitbed beneden downstairs uitkomen uitkomt",
    "roepen": "roepen roept roep call calls calling",
    "vakantie": "vakantie vakanties holiday holidays vacation",
    "troosten": "troosten troost comfort comforting",
    "kinderwagen": "kinderwagen buggy stroller pram autostoel",
    "voorlezen": "voorlezen boek boekje boekjes book books story stories verhaaltje verhaaltjes",
    "veilig": """veilig veiligheid safe safety gevaarlijk dangerous gevaar gevaren risico
        risicos risk risks danger dangers beschermen bescherm protect protecting""",
    "medicijn": """medicijn medicijnen medicine melatonine melatonin paracetamol slaaptablet
        slaaptabletten slaappil slaappillen slaapmiddel slaapmiddeltje slaaphormoon tabletje
        tabletjes pil pillen pill pills gummies gummi""",
    "stiekem": "stiekem secretly sneaks sneak sluipt sluipen",
    "streng": "streng strict",
    "vloer": "vloer grond floor",
    "nachtvoeding": "nachtvoeding nachtvoedingen",
    "kamerdelen": "kamerdelen",
    "deken": "deken dekentje dekbed slaapzak blanket duvet",
    "inbakeren": "inbakeren swaddle swaddling",
    "wiegendood": "wiegendood sids",
    "zomertijd": "zomertijd wintertijd",
    "verhuizen": "verhuizen verhuisd verhuizing verhuisden moving verhuis",
    "verandering": "verandering veranderingen change changes changed veranderd",
    "bedstrijd": "bedstrijd stall stalling",
    "melk": "melk milk papfles",
    "drinken": "drinken drinkt drink drinks drinking dorst thirsty",
    "eetlust": "eetlust appetite honger hungry trek",
    "bijvoeden": """bijvoeden bijvoeding solids puree purees weaning fruithapje
        fruithapjes groentehapje groentehapjes""",
    "hapje": "hapje hapjes",
    "gooien": """gooien gooit gooide gooi smijten smijt smeet throw throws throwing threw
        knoeien knoeit kliederen
        kliedert smeren smeert mess messy""",
    "traag": """traag langzaam slow slowly treuzelen treuzelt treuzel dawdle dawdles
        dawdling forever eindeloos eeuwen""",
    # Tantrums (third round's tuning set, theme driftbuien).
    "negeren": "negeren negeer negeert genegeerd ignore ignores ignoring ignored",
    "adem": "adem ademen ademt breath breathe breathing flauw faint fainting bewusteloos",
    "hulp": "hulp hulpje helpen helpt meehelpen",
    "klusjes": "klusjes klusje chores chore huishouden afwassen afwas opruimen ruimt",
    "aankleden": """aankleden aankleed aangekleed kleden kleedt kleren kleding jas jassen
        sokken sok schoenen schoen jurk jurkje dress dressed dressing clothes clothing socks
        shoes jacket coat""",
    "kapotmaken": "kapotmaken destroys",
    "speelgoed": "speelgoed speeltje speeltjes toy toys lego spullen",
    "schamen": "schamen schaam schaamte embarrassed embarrassing ashamed",
    "toegeven": "toegeven toegeeft",
}

# Broader concepts: a concept here also counts, for less, as its broader one, so that
# "telefoon" and "scherm", or "tandjes" and "ziek", meet a little (grouping.py).
BROADER: dict[str, str] = {
    concept: broader
    for broader, concepts in {
        "scherm": "scherm telefoon gamen socialemedia internet film",
        "ziek": "ziek tandjes pijn",
        "angst": "bang nachtmerrie donker licht deuropen",
        "snurken": "snurken amandelen mondademen",
        "logeren": "logeren ophalen",
        "nieuws": "nieuws oorlog",
        "weekend": "weekend uitslapen",
        "zomer": "zomer zomertijd verduisteren",
        "visite": "visite ramadan",
        "kamerdelen": "kamerdelen kleinwonen",
        "oneens": "oneens aanpak partner",
        "slaaptraining": "slaaptraining wachten",
        "bedstrijd": "bedstrijd uitbed roepen",
        "inslapen": "inslapen naastbed wiegen neerleggen contactslapen",
        "slaapwandelen": "slaapwandelen slaappraten",
        "verandering": "verandering verhuizen gezinsuitbreiding",
        "plassen": "plassen luier",
        "ouderbed": "ouderbed ouderkamer eigenkamer",
        "veilig": "veilig wiegendood ligging beddengoed",
        "buikpijn": "buikpijn reflux",
        "vakantie": "vakantie reizen",
        "ritueel": "ritueel voorlezen",
        "vroeg": "vroeg ochtend wekker",
        "melk": "melk drinken voeding",
        "snoep": "snoep suiker",
        "kieskeurig": "kieskeurig proeven nieuw groente",
        "weinig": "weinig eetlust",
        "traag": "traag hoeveel",
        "tafel": "tafel zitten weggaan",
        "drift": "drift boos agressie",
        "spraak": "spraak taal praten",
        "toezicht": "toezicht app",
        "gooien": "gooien kapotmaken",
        "rustig": "rustig geduld",
        "weggaan": "overgang",
    }.items()
    for concept in concepts.split()
}
# Concepts that say no more than a webinar's theme: in a tantrum webinar ("driftbuien")
# "boos", in a sleep webinar the evening (bedtime is what most questions are about).
# Narrower concepts are otherwise what a question is about: in a screen-time webinar
# "telefoon" and "gamen" are topics.
SAME_AS_THEME: dict[str, str] = {"boos": "drift", "avond": "slaap"}
# Concepts close to a theme without naming it: they still say what a question is about,
# but weigh a little less (bot.webinar.grouping).
NEAR_THEME: dict[str, str] = {"nacht": "slaap"}

# Multi-word phrases, rewritten before the word-by-word pass (on folded text).
_GAP = "(?:\\w+ ){"


_META = set("\\()[]{}?*+.|^$")


def _split_top(pattern: str) -> list[str]:
    """The alternatives of a pattern at nesting depth 0."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(pattern):
        if ch == "\\":
            continue
        if ch == "(" and (i == 0 or pattern[i - 1] != "\\"):
            depth += 1
        elif ch == ")" and pattern[i - 1] != "\\":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    parts.append(pattern[start:])
    return parts


def _group_end(part: str) -> int:
    """The index of the ")" closing the group `part` starts with."""
    depth = 0
    for i, ch in enumerate(part):
        depth += (ch == "(") - (ch == ")")
        if depth == 0:
            return i
    return len(part) - 1


def _literal_prefix(part: str) -> str:
    """The plain text a pattern starts with (a letter made optional by "?" excluded)."""
    literal = ""
    for ch in part:
        if ch in _META:
            return literal[:-1] if ch in "?*{" else literal
        literal += ch
    return literal


def _leads(pattern: str) -> list[str] | None:
    """Plain text one of which every match of `pattern` starts with; None if unknown.

    A group the pattern starts with gives its own leads; an optional one ("(?:de )?kamer")
    those and the leads of what follows it."""
    leads: list[str] = []
    for part in _split_top(pattern):
        part = part.removeprefix("\\b")
        if part.startswith("("):
            if part.startswith("(?") and not part.startswith("(?:"):
                return None  # a lookaround
            end = _group_end(part)
            inner = _leads(part[3 if part.startswith("(?:") else 1 : end])
            quantifier, rest = part[end + 1 : end + 2], part[end + 2 :]
            if inner is None or quantifier in ("*", "{"):
                return None
            leads.extend(inner)
            if quantifier == "?":
                after = _leads(rest) if rest else None
                if after is None:
                    return None
                leads.extend(after)
        elif len(literal := _literal_prefix(part)) >= 2:
            leads.append(literal)
        else:
            return None
    return leads


@dataclass(frozen=True)
class _Phrase:
    pattern: re.Pattern[str]
    replacement: str
    # Every match starts with one of the rule's leads (`_leads`) and at a word, so a text
    # can only match when one of its words is the first word of a lead of several words
    # ("hoe lang"), or starts like a lead of one ("slaa" for "slaa?p"); None: the rule
    # always runs.
    first_words: frozenset[str] | None
    word_starts: frozenset[str] | None

    def may_match(self, words: _Words) -> bool:
        """False when the text of these words cannot match (spares most of the rules)."""
        if self.first_words is None or self.word_starts is None:
            return True
        return not (
            self.first_words.isdisjoint(words.whole) and self.word_starts.isdisjoint(words.starts)
        )

    def apply(self, text: str, words: _Words | None = None) -> str:
        """The text with this rule applied; `words`: `_Words.of(text)`, if known."""
        if not self.may_match(words or _Words.of(text)):
            return text
        return self.pattern.sub(self.replacement, text)


@dataclass(frozen=True)
class _Words:
    """A text's words, and every start of each ("hoe" -> "h", "ho", "hoe")."""

    whole: frozenset[str]
    starts: frozenset[str]

    @classmethod
    def of(cls, text: str) -> _Words:
        whole = frozenset(text.split())
        return cls(whole, frozenset(w[:end] for w in whole for end in range(1, len(w) + 1)))


def _phrase(pattern: str, replacement: str) -> _Phrase:
    """Compile one phrase rule. Words a rule skips over ("hoeveel *moet een baby*
    slapen") are kept after its replacement: they may carry content of their own."""
    leads = _leads(pattern)
    if _GAP in pattern and "(?:" in pattern and re.search(r"\((?!\?)", pattern) is None:
        start = pattern.index(_GAP)
        end = pattern.index("}", start) + 1
        pattern = f"{pattern[:start]}({pattern[start:end]}){pattern[end:]}"
        replacement = f"{replacement} \\1"
    first_words = word_starts = None
    if leads is not None:
        first_words = frozenset(lead.split(" ")[0] for lead in leads if " " in lead)
        word_starts = frozenset(lead for lead in leads if " " not in lead)
    # Wrapped, so that the word boundaries hold for every alternative of the pattern.
    return _Phrase(re.compile(rf"\b(?:{pattern})\b"), replacement, first_words, word_starts)


_PHRASES: tuple[_Phrase, ...] = tuple(
    _phrase(pattern, replacement)
    for pattern, replacement in (
        (r"s (avonds|nachts|ochtends|middags|morgens)", r"s\1"),
        (r"every single", "every"),
        (r"single (mum|mom|mother|dad|father|parent)", r"alleenstaand \1"),
        (r"throw(?:s|ing)? (?:a )?(?:tantrum|fit)s?", "tantrum"),
        (r"lying (?=next|beside|with|in|down)", "liggen "),
        (r"trekt (?:\w+ ){0,2}terug", "terugtrekken"),
        (r"(?:vast|vaste) (?:voedsel|voeding|eten)", "bijvoeden"),
        (r"baby led", "bijvoeden"),
        (
            r"(?:doet|takes?) (?:een|1|an?|twee|\d+) (?:uur|hours?|kwartier|eeuwen) (?:over|to)",
            "traag",
        ),
        (
            r"(?:hoe laat|what time|welke tijd|how late) (?:\w+ ){0,8}(?:bed|slapen|sleep)",
            "hoeveel slaap",
        ),
        (
            r"(?:welke|normale|goede|good|normal|redelijke|reasonable) (?:bedtijd|bedtime)"
            r"(?! (?:routine|ritueel|ritual))"
            r"|(?:is|om) (?:half )?\d+ (?:uur |u )?te laat|later (?:op ?blijven|opblijft)"
            r"|stay up later?",
            "hoeveel slaap",
        ),
        (r"bijna (?:niet|niks|niets|nooit|geen)", "weinig"),
        (
            r"alleen (?:in slaap (?:te )?vallen|inslapen)"
            r"|(?:fall|falls|falling|go|goes|going) (?:to )?(?:asleep|sleep)"
            r" (?:alone|on (?:his|her|their) own|by (?:himself|herself|themselves))",
            "naastbed inslapen",
        ),
        (
            r"(?:niet|nie|never|nooit) (?:meer )?alleen (?:\w+ ){0,3}(?:slapen|liggen)"
            r"|sleep (?:alone|on"
            r" (?:his|her|their) own|by (?:himself|herself|themselves))",
            "ouderbed",
        ),
        (
            r"(?:stay|stays|staying|blijven|blijft|blijf) (?:\w+ ){0,3}in"
            r" (?:his |her |the |zijn |haar |z )?"
            r"(?:bed|bedje)",
            "uitbed",
        ),
        (r"(?:weer|terug|opnieuw|back) (?:in slaap|to sleep)", "doorslapen"),
        (
            r"(?:de )?kamer (?:uit|verlaat|verlaten)|(?:leave|leaving|leaves) the room"
            r"|uit de kamer",
            "naastbed",
        ),
        (
            r"(?:tot|until|till) (?:hij|ze|zij|he|she) (?:slaapt|in slaap|asleep|is asleep"
            r"|falls asleep)",
            "naastbed",
        ),
        (
            r"(?:langer|later|longer) (?:\w+ ){0,2}(?:slapen|liggen|sleep|in bed)|sleep"
            r" (?:in )?later",
            "vroeg",
        ),
        (r"(?:night|nacht) ?(?:feeds?|feeding|voedingen|voeding|fles|flesje)", "nachtvoeding"),
        (
            r"(?:fles|flesje|borst|voeding|voeden|feeds?|feeding|drinken|drinkt) (?:\w+ ){0,3}"
            r"(?:snachts|at night|in de nacht|during the night)",
            "nachtvoeding",
        ),
        (r"(?:kamer|room|slaapkamer|bedroom) (?:delen|sharing|share|samen)", "kamerdelen"),
        (
            r"(?:share|sharing|delen|samen op) (?:a |een |de |one |1 )?(?:kamer|room|slaapkamer"
            r"|bedroom)",
            "kamerdelen",
        ),
        (
            r"daylight saving|klok (?:\w+ )?(?:verzet|vooruit|achteruit)|clocks? (?:go|change)",
            "zomertijd",
        ),
        (r"ok to wake|slaapwekker|groclock|gro clock", "wekker"),
        (
            r"(?:slechte|kleine|small) eter|eet (?:heel |zo |erg )?(?:weinig|bijna niks"
            r"|bijna niets)",
            "weinig eten",
        ),
        (r"(?:eats|eat) (?:like )?a bird|als een vogeltje", "weinig eten"),
        (r"moeilijke eter|moeilijk met eten", "kieskeurig"),
        (
            r"(?:beginnen|starten|start|begin|starting) (?:\w+ ){0,2}(?:met )?(?:hapjes|eten"
            r"|voeding|food)",
            "bijvoeden",
        ),
        (r"(?:eerste|first) (?:hapje|hapjes|eten|voeding|food|foods)", "bijvoeden"),
        (
            r"(?:niet|nooit|never|won ?t|wont|refuses?(?: to)?|weigert) (?:\w+ ){0,2}(?:naar bed"
            r"|to bed)",
            "bedstrijd",
        ),
        (
            r"(?:bedtijd|bedtime|naar bed|to bed) (?:\w+ ){0,5}(?:strijd|gevecht|battles?|fights?"
            r"|ruzie|drama)",
            "bedstrijd",
        ),
        (
            r"(?:strijd|gevecht|battles?|fights?|ruzie|drama) (?:\w+ ){0,4}(?:bedtijd|bedtime"
            r"|naar bed|to bed)",
            "bedstrijd",
        ),
        (
            r"(?:slapen|slaapt|slaap|sleeps?|sleeping|slaapjes?|dutjes?) (?:\w+ ){0,4}(?:overdag"
            r"|during the day)",
            "middagslaap",
        ),
        (
            r"(?:overdag|daytime|day time) (?:\w+ ){0,2}(?:slapen|slaapt|slaap|sleeps?|sleeping"
            r"|slaapjes?|dutjes?)",
            "middagslaap",
        ),
        (
            r"(?:hoeveel|how many|how much) (?:\w+ ){0,6}(?:slaap|slapen"
            r"|sleep)",
            "slaapduur",
        ),
        (r"(?:genoeg|enough|te weinig|too little|not enough) (?:slaap|sleep)", "slaapduur"),
        (
            r"(?:slaapt|sleeps|sleeping|slapen|sleep|slaap) (?:\w+ ){0,6}(?:genoeg|enough"
            r"|te weinig|too little)",
            "slaapduur",
        ),
        (
            r"(?:hoe ?lang|how long) (?:moet|should|does|do|mag|needs?) (?:\w+ ){0,4}(?:slapen"
            r"|sleep)",
            "slaapduur",
        ),
        (
            r"(?:sliep|slept|was sleeping|used to sleep) (?:\w+ ){0,2}(?:goed|prima|door|great"
            r"|well|fine|through)",
            "terugval",
        ),
        (r"terug naar af", "terugval"),
        (
            r"(?<!om )(?<!at )(?<!rond )\b\d+ (?:uur|uren|hours|hrs) (?:slaap|sleep|(?:in de |in "
            r"|per |a |each |every )?(?:nacht|night))",
            "slaapduur",
        ),
        (r"slaapt (?:maar|only|ongeveer|wel|nog|just|about) \d+ (?:uur|uren|hours)", "slaapduur"),
        (r"(?:om|at|rond|around|tegen) (?:half )?[456](?: ?(?:uur|u|am|\d\d))?\b", "vroeg"),
        (
            r"(?:\d+|een paar|meerdere|veel|several|many|multiple) ?(?:x|keer|keren|times)"
            r" (?:per |a |every |each |in de |elke |iedere )?(?:nacht|night)",
            "doorslapen nacht",
        ),
        (r"(?:om het uur|elk uur|every hour|ieder uur|elke \d uur)", "doorslapen"),
        (
            r"(?:uit|out of) (?:zijn |haar |het |z |his |her |the )?(?:bed|bedje|kamer"
            r"|room)(?: \w+)? (?:komen|komt|stappen|stapt|klimmen|klimt|lopen|loopt)",
            "uitbed",
        ),
        (
            r"(?:komt|komen|getting|gets|get|climbs?|climbing) (?:\w+ ){0,2}(?:out of|uit)"
            r" (?:his |her |the |zijn |haar )?(?:bed|kamer|room)",
            "uitbed",
        ),
        (r"naar beneden", "uitbed"),
        # Babies and toddlers (round 4's little-sleep tuning set).
        (
            r"(?:slaapt|slapen|slaap|sleeps?|sleeping|naps?|napping|dutjes?|liggen|ligt)"
            r" (?:\w+ ){0,2}(?:op (?:mij|mama|papa|mn borst|mijn borst|mn buik|mijn buik)|on me"
            r"|on my (?:chest|body)|in (?:mijn|mn|je|m n) armen|in my arms|op (?:den |de |mijn |mn"
            r" )?arm)\b|contact ?naps?|contactslapen",
            "contactslapen",
        ),
        (r"(?:put|putting|puts|lay|laying|leg) (?:\w+ )?(?:down|neer)|transfer\w*", "neerleggen"),
        (
            r"bij (?:ons|jullie|u|je) op (?:de |onze )?(?:slaap)?kamer|op onze (?:slaap)?kamer"
            r"|in (?:onze|ons) (?:slaap)?kamer|in (?:our|your) (?:bed)?room|out of our (?:bed)?room"
            r"|(?:wieg|ledikant|bedje|crib|cot)\w* (?:\w+ )?naast (?:ons|mijn|mn) bed"
            r"|in (?:mijn|mn|jouw|je|my|your) (?:slaap)?kamer",
            "ouderkamer",
        ),
        (
            r"(?:eigen|own|andere|other|separate) (?:slaap)?(?:kamer\w*|room|bedroom)",
            "eigenkamer",
        ),
        (
            r"op (?:zijn |haar |de |z |zn |het )?(?:buik|buikje|buikske)\b"
            r"|on (?:his |her |the |their )?(?:tummy|stomach|belly)"
            r"|op (?:zijn |haar |de |z |zn |het )?(?:rug|zij)\b"
            r"|on (?:his |her |the |their )?back\b",
            "ligging",
        ),
        (
            r"last van (?:zijn |haar |z |zn |het )?(?:buik\w*)|tummy (?:ache|pain|cramps?)",
            "buikpijn",
        ),
        (
            r"(?:klimt|klimmen|klautert|klauteren|climbs?|climbing) (?:\w+ ){0,2}(?:uit|over|out"
            r" of)",
            "kruipen uitbed",
        ),
        (
            r"(?:blijft|blijven|blijf) (?:\w+ )?(?:niet|nie|ni) (?:meer )?liggen"
            r"|(?:won ?t|doesn ?t|does not|will not) stay (?:in (?:\w+ )?bed|put)"
            r"|(?:keeps |keep )?(?:getting|gets|get) out\b|(?:stapt|stap|stappen) (?:\w+ ){0,3}uit"
            r"|komt er (?:\w+ ){0,4}uit",
            "uitbed",
        ),
        (r"(?:nintendo )?switch\b", "gamen"),
        (r"zomer ?tijd|winter ?tijd|clock change|klok (?:gaat )?(?:\w+ )?verzet\w*", "zomertijd"),
        (r"(?:op|on) (?:reis|a trip)|ander (?:bed|bedje)|elders", "reizen"),
        (r"(?:vaste|vast) (?:dingen|volgorde|ritme|ritueel|ritueeltje|routine)", "ritueel"),
        # School children and teenagers (round 4's big-sleep tuning set).
        (
            r"(?:s ?ochtends|smorgens|s morgens|ochtends|morning|mornings) (?:\w+ ){0,3}(?:niet"
            r"|nie|ni|not|never|nooit|can ?t|cannot) (?:\w+ )?(?:uit (?:zijn |haar |z |zn )?bed"
            r"|wakker|opstaan|up|wake)|(?:krijg|krijgen|get) (?:\w+ ){0,3}(?:niet|nie|ni|nooit"
            r"|never|not) (?:\w+ )?(?:wakker|uit (?:zijn |haar |z |zn )?bed|up)\b"
            r"|(?:niet|nie|ni|not|can ?t) (?:\w+ )?(?:wakker|opstaan|wake up) (?:\w+ ){0,2}"
            r"(?:voor|for) (?:de |het )?school",
            "ochtendwekken",
        ),
        (
            r"(?:pas|only|not) (?:\w+ )?(?:om|na|rond|at|after|before|voor|tegen) (?:half )?(?:1"
            r"|2|12|een|twee|middernacht|midnight)\b|(?:na|after|tot|until|till) (?:middernacht"
            r"|midnight)|(?:valt|slaapt|slapen|asleep) (?:\w+ ){0,2}pas (?:\w+ ){0,2}(?:om|na"
            r"|rond) \d+",
            "laatslapen",
        ),
        (
            r"(?:tot|until|till) (?:\w+ )?(?:noon|lunch\w*|de middag|smiddags|s middags"
            r"|\d+ ?pm|12 uur|12u)",
            "uitslapen",
        ),
        (
            r"(?:slapen|slaapt|sleep|sleeps|sleeping|blijven) (?:\w+ ){0,2}(?:bij (?:een |zijn"
            r" |haar |z |zn )?(?:vriend\w*|oma|opa|bomma|familie|neef|nicht)|at (?:a |his |her )?"
            r"friend\w*|over\b)|blijven slapen|ergens (?:\w+ )?(?:slapen|blijven)|other house"
            r"|ander huis|niet thuis",
            "logeren",
        ),
        (r"come (?:and )?pick|(?:komen|kom) halen", "ophalen"),
        (
            r"(?:slaapt|slapen|sleeps?|ligt|liggen) (?:\w+ ){0,2}(?:bij|met|with) (?:zijn |haar"
            r" |z |zn |de |his |her )?(?:moeder|mama|vader|papa|mother|father|mom|mum|dad"
            r"|ouders|parents)\b|met (?:z ?n |ons )?(?:drieen|vieren|allen) (?:\w+ ){0,3}bed",
            "ouderbed",
        ),
        (
            r"(?:deur|door) (?:\w+ ){0,3}(?:open|op een kier|openstaat|aan)\b|op een kier",
            "deur deuropen",
        ),
        (r"in de war|of slag|messed up", "ontregeld"),
        (r"(?:drinkt|drinken|drink|drinks|blikje|blikjes) (?:\w+ )?monster", "cafeine"),
        (r"ice ?tea|energy ?drinks?", "cafeine"),
        (
            r"(?:mond open|open mond|door (?:de |zijn |haar |z |zn )?mond|through (?:his |her"
            r" |the )?mouth|mouth ?breath\w*)",
            "mondademen",
        ),
        (
            r"(?:op|in) (?:1|een|one|the same|same|zelfde|dezelfde) (?:slaap)?(?:kamer|room"
            r"|bedroom)|(?:slapen|sleep) samen (?:op|in) (?:een|1|one) (?:kamer|room)"
            r"|(?:houden|keep|keeps) (?:\w+ )?(?:elkaar|mekaar|each other) (?:wakker|awake)",
            "kamerdelen",
        ),
        # Parents typing fast during the webinar (round 4's chat-sleep tuning set).
        (
            r"(?:ik|i|me|mij|papa|mama) (?:\w+ ){0,3}in (?:zijn|haar|z|zn|his|her|hun|their)"
            r" bedd?\b|(?:naast|next to|bij) (?:ze|hen|them)\b",
            "naastbed",
        ),
        (
            r"(?:om|at|rond|around|tegen) (?:half |kwart over |kwart voor )?(?:vier|vijf|zes)\b"
            r"|(?:kwart over|kwart voor) [456]\b",
            "vroeg",
        ),
        (
            r"(?:zijn|haar|z|zn|het|his|her) bedd?(?:je)? uit\b|de trap af|down the stairs"
            r"|(?:weer|terug|back) (?:\w+ ){0,2}in (?:de |the )?(?:kamer|living|woonkamer"
            r"|living room)",
            "uitbed",
        ),
        (
            r"sinds (?:de (?:baby|geboorte|kleine)|zijn (?:zus\w*|broer\w*)|haar (?:zus\w*"
            r"|broer\w*))|geboorte van|new (?:sibling|baby|brother|sister)|nieuwe? (?:baby"
            r"|broertje|zusje)|nen nieuwen baby|(?:baby|kindje) (?:is )?bijgekomen",
            "gezinsuitbreiding",
        ),
        (
            r"(?:is|are|makes?|making|maakt|wordt) (?:\w+ ){0,2}(?:a |een )(?:nightmare"
            r"|nachtmerrie|hel|hell)\b",
            "probleem",
        ),
        (
            r"lichte avonden|light evenings?|(?:nog|still) (?:\w+ )?(?:licht|light|day|dag)\b"
            r"|buiten (?:is )?(?:het )?(?:nog )?licht",
            "zomer",
        ),
        (
            r"(?:schuift|schuiven|opschuiven|push|pushing|move) (?:\w+ ){0,2}(?:op|later"
            r"|back)\b",
            "laat",
        ),
        (
            r"het (?:\w+ ){0,2}(?:niet|nie|ni) eens\b|het eens|eens worden|andere aanpak"
            r"|(?:op )?(?:haar|zijn|mijn|de mijne) manier|ruzie over|argue about|who is right"
            r"|wie (?:heeft )?gelijk|(?:mijn|mn) (?:man|vrouw|partner) (?:\w+ ){0,4}(?:anders"
            r"|wil|doet)|my (?:partner|husband|wife) (?:\w+ ){0,3}(?:wants?|goes|thinks)",
            "oneens",
        ),
        # Parents who learnt Dutch later (round 4's plain-sleep tuning set).
        (r"\bhvl\b|hoe veel", "hoeveel"),
        (
            r"(?:sleeping|sleep|slaap) ?(?:hours|uren)|(?:uren|hours) (?:of )?(?:slaap|sleep)",
            "slaapduur",
        ),
        (
            r"(?:bed|bedtime|bedtijd) (?:\w+ ){0,5}(?:fight\w*|ruzie|strijd|gevecht|battles?"
            r"|drama|ambras)|(?:fight\w*|ruzie|strijd|gevecht|ambras) (?:\w+ ){0,4}(?:bed"
            r"|bedtime|bedtijd)\b|(?:make|get) (?:\w+ ){0,2}(?:go|to) (?:to )?bed\b",
            "bedstrijd",
        ),
        (
            r"(?:moe|tired|vermoeid) (?:\w+ ){0,3}(?:overdag|op school|in de klas|in class"
            r"|at school|de hele dag|hele dag|all day|in the day|during the day)|(?:overdag"
            r"|de hele dag|all day|op school|at school) (?:\w+ ){0,3}(?:moe|tired)"
            r"|(?:in slaap|asleep|sleeps?|slaapt) (?:\w+ ){0,2}(?:in de klas|in class|op"
            r" (?:zijn|haar|z|zn) tafel)",
            "dagmoe",
        ),
        (
            r"(?:fles|flesje|papfles|melk|milk|bottle|borst|breast|boob)\w* (?:\w+ ){0,3}(?:om"
            r" te slapen|to sleep|in slaap|asleep)|(?:slaapt|slapen|sleep|asleep|in slaap)"
            r" (?:\w+ ){0,4}(?:met|with|zonder|without) (?:\w+ )?(?:fles|flesje|papfles|melk"
            r"|milk|bottle|borst|breast|boob)",
            "voeding inslapen",
        ),
        (r"volk over de vloer|(?:family|familie) (?:visit\w*|bezoek)", "visite"),
        (
            r"(?:dragen|draag|tillen|til|carry|carrying|brengen|breng) (?:\w+ ){0,3}(?:naar"
            r"|to) (?:\w+ )?bed\b(?! (?:brengen|breng))",
            "bankslapen",
        ),
        # Round 4's fresh sets A and B (measured once before these rules).
        (r"(?:schiet|schieten|schoot) (?:\w+ )?wakker|wakker (?:schiet|schieten)", "wakker"),
        # Round 4's fresh sets C and D (measured once before these rules).
        (
            r"(?:bij|with) (?:mama en papa|papa en mama|mom and dad|jou|jullie) in (?:het |hun"
            r" |ons )?bedd?",
            "ouderbed",
        ),
        (r"(?:doet|slaapt|sleeps) (?:\w+ )?(?:geen|een) (?:hele )?nacht door", "doorslapen"),
        (r"keep (?:\w+ ){0,2}in (?:his |her |the )?bed", "uitbed"),
        (
            r"(?:lie|lies) (?:\w+ )?(?:next to|beside|with) (?:her|him|them)\b|zonder mij"
            r"|without me\b|(?:if|when) (?:i ?m|i am) not there",
            "naastbed",
        ),
        (r"(?:slaapt|sleeps?) (?:\w+ )?(?:tot|until|till) (?:half )?[456]\b", "vroeg"),
        (r"wean (?:\w+ )?off|afleren|afgeleerd", ""),
        (r"(?:oppakken|oppak|pick (?:him|her|them) up)", "troosten"),
        (r"(?:normale |hoeveel )?slaaptijd|sleep time", "slaapduur"),
        (r"late uurtjes|late hours", "laat"),
        (
            r"(?:middel|middeltje|iets|pilletje|snoepjes?)s? (?:om te|to help|voor het|to)"
            r" (?:\w+ )?(?:slapen|sleep|inslapen)|slaapsnoepjes?|slaapgummies",
            "medicijn",
        ),
        (
            r"(?:schreeuwt|gilt|krijst|screams?|screaming|huilt|cries|weent|roept|tiert)"
            r" (?:\w+ ){0,3}in (?:zijn |haar |z |zn |de |his |her )?(?:slaap|sleep)"
            r"|(?:met )?open ogen|eyes open",
            "nachtmerrie nietwakker",
        ),
        (r"doet (?:het )?(?:nog )?in (?:zijn|haar|z|zn|het) bed", "plassen"),
        (r"(?:uit ?kruipt|kruipt (?:\w+ )?uit)\b", "uitbed"),
        (r"genoeg (?:slaapt|slapen|sleeps?|sleep)|amount of sleep", "slaapduur"),
        (r"voor (?:zessen|vijven|zes uur|vijf uur)", "vroeg"),
        (
            r"(?:one more|nog een|nog 1) (?:story|drink|hug|kiss|slokje|verhaaltje|kusje|plasje"
            r"|boekje|knuffel)|nog (?:een |1 )?(?:slokje|water|drinken|plasje|plassen|wc|kusje"
            r"|knuffel|verhaaltje|boekje)\b|\brekt\b|rekken|excuses|smoesjes",
            "bedstrijd",
        ),
        (
            r"(?:staat|staan|komt|komen) (?:\w+ ){0,3}(?:op|uit) (?:\w+ )?na (?:bedtijd|het slapen"
            r"|het welterusten)|(?:staat|staan) (?:steeds|telkens|weer|altijd) (?:\w+ )?op\b"
            r"|komt (?:\w+ ){0,2}eruit|(?:jumps?|gets?|climbs?) out of bed"
            r"|in (?:zijn |haar |z |zn |het )?bed (?:ge)?houden|houd\w* (?:\w+ ){0,3}in (?:zijn"
            r" |haar |z |zn )?bed",
            "uitbed",
        ),
        (
            r"go out (?:of )?the room|laying next to|(?:stay|blijf|blijven) (?:\w+ )?in (?:the"
            r" |de )?(?:room|kamer)|(?:weg ?loop|weggaan|wegga|weg ga|leave) (?:\w+ ){0,2}"
            r"(?:voor|voordat|before)"
            r" (?:\w+ ){0,2}(?:slaapt|asleep)",
            "naastbed",
        ),
        (r"(?:leave|let|leaving|letting) (?:\w+ ){0,3}(?:crying|cry)", "slaaptraining"),
        (r"(?:gaan|ga) kijken|check on", "wachten"),
        (
            r"(?:slaapt|slapen|sleeps?) (?:\w+ ){0,2}(?:bij mij|met mij|with me|bij mama"
            r"|met mama|bij papa|met papa|bij jou|met jou)\b(?! op)"
            r"|(?:in )?het bed van (?:de |mijn )?ouders|bed van (?:papa en mama|mama en papa)"
            r"|(?:komt|kruipt|comes) (?:\w+ ){0,2}(?:naar|bij) (?:mij|ons)\b",
            "ouderbed",
        ),
        (
            r"slaa?p\w* (?:\w+ ){0,4}nacht door\b|(?:meerdere|\d+|paar) (?:keer|keren|x)"
            r" eruit",
            "doorslapen",
        ),
        (r"blauw licht|blue light", "scherm"),
        (
            r"geen eigen (?:slaap)?kamer|(?:only |one |een |1 )(?:bed)?(?:room|kamer|slaapkamer)"
            r" (?:for|voor)|geen ruimte|twee kamers",
            "kleinwonen",
        ),
        # A book for the parents about a topic is not reading to the child.
        (r"(?:boek|boeken|books?|websites?|sites?) (?:over|about|on)\b", ""),
        (
            r"(?:fles|flesje|borst|voeding|voeden|feeds?|feeding|drinken|drinkt|melk|milk|bottle)"
            r" (?:\w+ ){0,4}(?:snachts|nachts|at night|in de nacht|during the night|elke nacht"
            r"|every night|per nacht|a night)"
            r"|(?:snachts|in de nacht|at night|per nacht|elke nacht|every night|night)"
            r" (?:\w+ ){0,3}(?:fles|flesje|borst|voeding|melk|milk|bottle|feeds?|drinken|drinkt)\b",
            "nachtvoeding",
        ),
        (
            # "Getting a child to bed" is the battle at bedtime.
            r"(?:krijg|krijgen|krijgt|get|getting) (?:\w+ ){0,6}(?:in|naar|to) (?:zijn |haar |z"
            r" |het )?bedd?(?:je)?\b(?! (?:halen|uit))",
            "bedstrijd",
        ),
        (r"uit (?:zijn |haar |z |zn |het )?bedd?(?:je)?\b(?! (?:halen|haal|tillen|til))", "uitbed"),
        (
            r"(?:naar bed (?:brengen|gaan)|bedtijd|bedtime|slapen gaan) (?:\w+ ){0,3}"
            r"(?:duurt|duren|takes?|kost)|(?:duurt|takes?) (?:\w+ ){0,3}(?:voordat|before|tot)"
            r" (?:\w+ ){0,3}(?:slaapt|asleep|in slaap)",
            "bedstrijd",
        ),
        (r"(?:na het |after )?(?:licht|lampen|lights?) (?:is |gaat )?(?:uit|out|off)", "slaap"),
        (r"(?:lies|lying|ligt|liggen|lag) (?:\w+ ){0,2}(?:awake|wakker)", "inslapen"),
        (
            r"(?:loopt|lopen|wandelt|wandelen|walks?|walking) (?:\w+ ){0,2}(?:rond|around)",
            "slaapwandelen",
        ),
        (r"(?:ik|we|je|wij) (?:\w+ )?wieg\b", "wiegen"),
        (r"pull ?ups?", "luier"),
        (
            r"sinds (?:hij|ze|zij|he|she) (?:\w+ )?naar (?:de |t |het )?(?:school|groep \d|creche"
            r"|opvang)",
            "verandering school",
        ),
        (
            r"(?:coming|comes|come|came) (?:\w+ ){0,2}(?:out of|uit) (?:his |her |the )?(?:bed"
            r"|room)|in (?:zijn |haar |z |het )?bedd?(?:je)? (?:te )?(?:blijven|blijft)",
            "uitbed",
        ),
        (r"(?:komt|komen|kwam|coming|comes) (?:\w+ ){0,2}(?:terug|back)\b", "uitbed"),
        (
            r"(?:loopt|lopen|liep|wandelt|wandelen|walks?|walking|walked) (?:\w+ ){0,3}"
            r"(?:in (?:zijn |zn |haar |z |his |her )?(?:slaap|sleep)|asleep)",
            "slaapwandelen",
        ),
        (
            r"(?:praat|praten|babbelt|babbelen|talks?|talking|lacht|laughs?) (?:\w+ ){0,4}"
            r"in (?:zijn |zn |haar |z |his |her |hare |haren )?(?:slaap|sleep)",
            "slaappraten",
        ),
        (
            r"(?:niet|nie|ni|not|half) (?:echt |really |helemaal |fully )?(?:wakker|awake)",
            "nietwakker",
        ),
        (
            r"(?:vol|veel|met) zorgen|zorgen (?:over|om) (?:school|alles|de|het)"
            r"|(?:worrying|worries|worry) about|(?:denkt|denken|thinking|thinks) (?:\w+ ){0,2}"
            r"(?:veel|na|too much|a lot)|na te denken|hoofd (?:\w+ )?(?:uitzetten|uit)"
            r"|brain (?:\w+ ){0,2}(?:switch|off)",
            "piekeren",
        ),
        (
            r"(?:gecontroleerd|controlled|gecontroleerde) (?:huilen|crying|cry)"
            r"|laat (?:\w+ ){0,3}(?:huilen|wenen|schreeuwen|krijsen)|laten (?:wenen|uitwenen)"
            r"|\b5 10 15\b|ferberen",
            "slaaptraining",
        ),
        (r"(?:nieuw|nieuwe|new) (?:huis|house|home)|moved house", "verhuizen"),
        (
            r"(?:baby|broertje|zusje|broer|zus|brother|sister|sibling) (?:\w+ ){0,2}"
            r"(?:geboren|born|erbij|er is|arrived)",
            "gezinsuitbreiding",
        ),
        (
            r"(?:naast|next to|bij|beside|with|by) (?:zijn |zn |haar |het |z |his |her |the )?"
            r"(?:bed|bedje)",
            "naastbed",
        ),
        (r"(?:naast|next to|beside) (?:hem|haar|me|mij|him|her|dr|d r)\b", "naastbed"),
        (
            r"(?:ernaast|erbij|bij (?:haar|hem) (?:liggen|zitten|blijven))",
            "naastbed",
        ),
        (
            r"(?:lying|liggen|lig|zitten|zit|blijven|blijf|stay|sit|sits|sitting) (?:\w+ ){0,3}"
            r"(?:naast|next to|bij|by) (?:hem|haar|him|her|mijn (?:zoon|dochter|kind\w*)"
            r"|mn (?:zoon|dochter|kind\w*))\b|tot (?:hij|ze|zij|ie) (?:\w+ )?weg is",
            "naastbed",
        ),
        (r"(?:hand|handje) (?:vast|vasthoud\w*|hold\w*)", "naastbed"),
        (
            r"(?:bij|with) (?:ons|mij|mama|papa|mama en papa|ouders|us|me) (?:slapen|liggen"
            r"|slaapt|ligt|sleep|sleeps)",
            "ouderbed",
        ),
        (r"tussen (?:ons|mama en papa|papa en mama)(?: in)?|between us", "ouderbed"),
        (r"bij (?:je|jou|jullie) in (?:het |je )?bedd?|in (?:mijn|mn|my) bedd?\b", "ouderbed"),
        (
            r"(?:naar|in) (?:onze|ons) (?:kamer|slaapkamer)|(?:into|in) our (?:room|bedroom)",
            "ouderbed",
        ),
        (
            r"(?:broer\w*|zus\w*|kinderen|kids|children|jongste|oudste|brothers?|sisters?"
            r"|siblings?) (?:\w+ ){0,3}(?:slapen samen|samen slapen|sleep together)"
            r"|(?:een|1|one) (?:slaap)?kamer voor (?:alle |de |all |the )?(?:kinderen|kids"
            r"|children)|kinderen (?:in |op )?(?:een|1) (?:slaap)?kamer|same (?:bed)?room"
            r"|zelfde (?:slaap)?kamer",
            "kamerdelen",
        ),
        (r"samen slapen|slapen samen|bedsharing|bed sharing", "ouderbed"),
        (r"time outs?", "timeout"),
        (r"time ins?", "timeout"),
        (
            r"(?:(?<!licht )op de (?:trap|gang)|in de hoek"
            r"|naar (?:zijn|haar|z|je) kamer (?:sturen|stuur\w*)"
            r"|send (?:him|her|them) to (?:his |her |their )?room)",
            "timeout",
        ),
        (r"melt(?:s|ing)? down", "drift"),
        (r"(?:holds?|holding|houdt|houd|hou) (?:\w+ ){0,2}(?:breath|adem)", "adem"),
        (r"(?:passed|passes|pass) out", "adem"),
        (
            r"(?:say|says|saying|said|told|tell|hear|hears|hearing|accept\w*|tegen een)"
            r" (?:\w+ )?(?:no|nee)\b",
            "nee",
        ),
        (r"(?:zijn|haar|z|d|n) zin (?:niet|nie|ni) (?:krijgt|krijg|krijgen)", "nee"),
        (r"(?:get|gets|getting) (?:his|her|their) (?:own )?way", "nee"),
        (r"(?:give|gives|giving|cave|caves) in|geef (?:\w+ )?toe", "toegeven"),
        (r"lash(?:es|ing)? out", "slaan"),
        (r"(?:wordt|word|werd|turns?|turning|went|goes) (?:\w+ )?(?:blauw|blue)", "adem"),
        (
            r"kapot (?:maken|maakt|gooien|gooit|smijten|smijt)|(?:maakt|maken|gooit|smijt)"
            r" (?:\w+ ){0,2}kapot|(?:breaks?|breaking|broke) (?:\w+ ){0,2}(?:toys?|things|stuff)",
            "kapotmaken",
        ),
        (r"(?:bij ons thuis|hier thuis|at home|in (?:ons |het )?huis)", ""),
        (r"screen time", "screentime"),
        (r"uit elkaar", "scheiding"),
        (r"co (ouderschap|ouder|parenting|parent)", r"co\1"),
        (r"(potty|toilet) train(ing|ed)?", "zindelijk"),
        (r"speech therap(y|ist)", "logopedie"),
        (r"in slaap (?:te )?(?:vallen|valt|viel)", "inslapen"),
        (r"(?:falls?|falling|fell) asleep", "inslapen"),
        (r"go(?:es|ing)? to sleep", "inslapen"),
        (r"in slaap", "slaap"),
        (r"sleep(?:s|ing)? in (?:late|till|until|on)", "uitslapen"),
        (r"(?:slaa?p\w*|kruipt|komt) bij (?:ons|mij|mama|papa) in (?:het |ons )?bedd?", "ouderbed"),
        (r"(?:slaa?p(?:t|en|te)?|sliep|kruipt) bij (?:ons|mij|mama|papa)\b", "ouderbed"),
        (r"bij (?:ons|mij|mama|papa|ouders) in (?:het |ons |hun )?bedd?(?:je)?", "ouderbed"),
        (r"(?:eigen|own) (?:kamer|room)", "ouderbed"),
        (r"sleep training", "slaaptraining"),
        (r"cry(?:ing)? it out", "slaaptraining"),
        (r"laten (?:uit)?huilen", "slaaptraining"),
        (r"lange? wakker", "inslapen"),
        (r"slaa?p\w* (?:\w+ ){0,3}(?:niet|nie|nooit) door", "doorslapen"),
        (r"sleeps? (?:the )?(?:whole |entire )?night", "doorslapen"),
        (r"sleep(?:s|ing)? (?:through|thru)(?: the night)?", "doorslapen"),
        (r"(?:nachtelijke paniek\w*|pavor nocturnus|night terrors?|bad dreams?)", "nachtmerrie"),
        (r"(?:enge|nare|boze|slechte) (?:droom|dromen)", "nachtmerrie"),
        (r"(?:ons|onze|our|papa en mama|mama en papa|parents) (?:grote )?bedd?(?:je)?", "ouderbed"),
        (r"(?:eigen|own) bedd?(?:je)?", "ouderbed"),
        (r"co sleep\w*", "ouderbed"),
        (r"(?:groot|grote|big|toddler|peuter) bedd?(?:je)?", "grootbed"),
        (r"van slag", "overstuur"),
        (r"terrible twos", "peuterpuberteit"),
        (r"take (it |them |his |her )?away", "afpakken"),
        (r"social(e)? media", "socialemedia"),
        (r"high school", "highschool"),
        # Screen time (round 4).
        (r"ouderlijk toezicht|parental controls?|family link|op slot", "toezicht"),
        (r"call of duty", "gamen"),
        (r"self ?esteem", "zelfvertrouwen"),
        (
            r"(?:hoeveel|how many|how much|aantal) (?:\w+ ){0,3}(?:uur|uren|hours|tijd|time)"
            r" (?:\w+ ){0,5}(?:per dag|a day|per day|daily|op (?:een |de )?(?:scherm|tablet"
            r"|telefoon)|(?:achter|on) (?:een |the )?(?:scherm|screen))"
            r"|\d+ (?:uur|uren|hours?) (?:\w+ ){0,2}(?:per|a|each) (?:dag|day)",
            "hoeveel scherm",
        ),
        (
            r"(?:eerste|first|eigen|own) (?:\w+ )?(?:telefoon|mobiel\w*|gsm|smartphone"
            r"|smartfone|phone)|dom telefoontje|dumb ?phone",
            "eigentelefoon",
        ),
        (
            r"(?:iedereen|everyone|everybody|alle (?:vriendjes|vriendinnen|klasgenoten"
            r"|vrienden|kinderen)|all (?:his|her|their) friends) (?:\w+ ){0,4}(?:heeft|hebben"
            r"|has|have|zitten|mag|mogen)",
            "groepsdruk",
        ),
        (
            # The device is kept: "tablet uit moet" is "scherm afpakken".
            r"(tablet|ipad|scherm|tv|telefoon|gsm|mobiel|game|spelletje|schermtijd|screentime"
            r"|playstation|console) ((?:\w+ ){0,3})(?:weg moet|uit moet|afpak\w*|afneem"
            r"|afnemen|voorbij|is over|off|away|stopt|moet stoppen)",
            r"\1 \2afpakken",
        ),
        (
            r"(?:turn|turns|turning|switch|switching|zet|zetten) (?:\w+ ){0,2}(?:off|uit)\b"
            r"|uitzetten|uitzet",
            "afpakken",
        ),
        (
            r"(?:ik|wij|we|ouders|parents|mijn man|mn man) (?:\w+ ){0,3}(?:zelf|ook|myself"
            r"|ourselves) (?:\w+ ){0,4}(?:telefoon|mobiel|gsm|phone|scherm)"
            r"|zelf ook|(?:my|our) own (?:phone|screen)|myself|ourselves|rol van (?:de )?ouders",
            "voorbeeld",
        ),
        (r"(?:mee )?naar boven", "kamer"),
        (
            r"(?:someone|iemand) (?:\w+ ){0,2}(?:doesn ?t|does not|niet|nie) (?:know|kent)",
            "vreemden",
        ),
        (r"(?:school ?work|schoolwerk|taken voor school)", "huiswerk"),
    )
)

_LEXICON: dict[str, str] = {
    word: concept for concept, words in _CONCEPTS.items() for word in words.split()
}
_KNOWN: frozenset[str] = frozenset(_LEXICON) | STOPWORDS

# Letters of Arabic (U+0600-U+06FF) and Turkish's dotless ı are letters too: parents who
# write in those languages get their identical questions and wishes grouped as well.
_NON_WORD = re.compile(r"[^a-z0-9ı\u0600-\u06ff]+")
_DIGIT = re.compile(r"\d")
# Suffixes stripped (longest first) so that inflections meet: "kruipt"/"kruipen",
# "screams"/"screaming". Only when a stem of 4+ letters remains.
_SUFFIXES = ("tjes", "jes", "tje", "ing", "en", "je", "ed", "es", "s", "t")
_MIN_STEM = 4
# A compound whose last part is a lexicon word takes that word's concept
# ("cyberpesten" -> "pesten"), when the part has at least this many letters: shorter
# ones match by accident ("vergeten" ends in "eten").
_MIN_COMPOUND_TAIL = 5
# Typo correction: words of at least this length may be 1 edit (2 from the second
# length) away from a known word.
_TYPO_MIN_LEN = 5
_TYPO_TWO_EDITS_LEN = 9
# Below this length a word is only "corrected" for a missing letter or two swapped ones:
# a changed or an extra letter in a short word is as often another real word ("rating",
# "raging"; "buiten", "buien"; "taken", "talen").
_TYPO_ANY_EDIT_LEN = 7


def _plausible_typo(word: str, target: str) -> bool:
    """Whether `word` may be a typing error of `target` (at most the allowed edits away)."""
    if len(word) >= _TYPO_ANY_EDIT_LEN:
        return True
    if len(target) == len(word) + 1:  # a letter left out
        return True
    if len(word) == len(target) + 1:  # a letter typed twice ("slaaapt")
        return any(
            word[i] == word[i + 1] and word[:i] + word[i + 1 :] == target
            for i in range(len(word) - 1)
        )
    return len(target) == len(word) and sorted(target) == sorted(word)  # two swapped


def _correction(word: str, targets: Sequence[str]) -> str | None:
    """The known word `word` is a typing error of, if any (the longest, then the first)."""
    max_edits = 2 if len(word) >= _TYPO_TWO_EDITS_LEN else 1
    for target, _, _ in process.extract(
        word, targets, scorer=OSA.distance, score_cutoff=max_edits, limit=None
    ):
        if _plausible_typo(word, target):
            return target
    return None


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)]
    return word


def _stem_lexicon() -> dict[str, str]:
    """Lexicon keyed by stem, so an inflection the lexicon does not list still resolves.

    A stem shared by words of different concepts is left out, as are stems that are
    themselves words (those resolve directly).
    """
    by_stem: dict[str, set[str]] = {}
    for word, concept in _LEXICON.items():
        by_stem.setdefault(_stem(word), set()).add(concept)
    for word in STOPWORDS:
        by_stem.setdefault(_stem(word), set()).add("")
    return {
        stem: concepts.pop()
        for stem, concepts in by_stem.items()
        if len(concepts) == 1 and stem not in _KNOWN
    }


def _typo_targets() -> dict[str, tuple[str, ...]]:
    """Known words by first letter; longer first, so a tie prefers the content word."""
    targets: dict[str, list[str]] = {}
    for word in sorted(_KNOWN, key=lambda w: (-len(w), w)):
        targets.setdefault(word[0], []).append(word)
    return {letter: tuple(words) for letter, words in targets.items()}


_STEM_LEXICON = _stem_lexicon()
# Typos rarely change the first letter; requiring it to match keeps real words from
# being "corrected" into concepts ("tussen" is one edit from "zussen").
_TYPO_TARGETS = _typo_targets()


def _fold(text: str) -> str:
    """Lowercase, fold accents, and turn everything but letters and digits into spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # "'s avonds", "doesn't": an apostrophe joins, it does not separate.
    ascii_only = re.sub(r"(?<=\w)['’`](?=\w)", "", ascii_only)
    return _NON_WORD.sub(" ", ascii_only).strip()


def _lookup(word: str) -> str | None:
    """The concept of a known word or of its stem; None when unknown."""
    if word in STOPWORDS:
        return ""
    if word in _LEXICON:
        return _LEXICON[word]
    stem = _stem(word)
    if stem in STOPWORDS:  # "helpen" -> "help"
        return ""
    if stem in _LEXICON:  # "schreeuwt" -> "schreeuw"
        return _LEXICON[stem]
    return _STEM_LEXICON.get(stem)


# The words the phrase rules are written with: known too, so that a typo of one ("naats")
# is corrected before the rules run, and the rules' own words are never "corrected".
_PHRASE_WORDS: frozenset[str] = frozenset(
    word
    for phrase in _PHRASES
    for word in re.findall(
        r"(?<![a-z])[a-z]{4,}(?![a-z?])", phrase.pattern.pattern.replace("\\b", " ")
    )
)
_SPELLING_TARGETS: dict[str, tuple[str, ...]] = {
    letter: tuple(
        sorted({*words, *(w for w in _PHRASE_WORDS if w[0] == letter)}, key=lambda w: (-len(w), w))
    )
    for letter, words in {
        **_TYPO_TARGETS,
        **{w[0]: () for w in _PHRASE_WORDS if w[0] not in _TYPO_TARGETS},
    }.items()
}


@lru_cache(maxsize=1 << 14)
def _spelled(word: str) -> str:
    """A word as the lexicon and the phrase rules spell it: a word they do not know that is
    a typo of one they do ("naats", "slaapt" -> "slaapt", "saemn" -> "samen") is
    corrected, before the phrase rules run; other words are returned as they are."""
    if (
        len(word) < _TYPO_MIN_LEN
        or word in _PHRASE_WORDS
        or _DIGIT.search(word)
        or _lookup(word) is not None
        or _split_compound(word) is not None
    ):
        return word
    match = _correction(word, _SPELLING_TARGETS.get(word[0], ()))
    return word if match is None else match


@lru_cache(maxsize=1 << 14)
def _concept(word: str) -> str:
    """The canonical concept(s) of one folded word; '' when it carries no content.

    Tried in order: stopword or lexicon word (also by stem), compound of known parts,
    typo of a known word, and else the word itself, stemmed.
    """
    if len(word) < 2 or _DIGIT.search(word):
        return ""
    known = _lookup(word)
    if known is not None:
        return known
    compound = _split_compound(word)
    if compound is not None:
        return compound
    if len(word) >= _TYPO_MIN_LEN:
        match = _correction(word, _TYPO_TARGETS.get(word[0], ()))
        if match is not None:
            return _LEXICON.get(match, "")
    return _stem(word)


def _split_compound(word: str) -> str | None:
    """The concepts of a compound ("slaapproblemen", "cyberpesten"), or None.

    Either both parts are known ("slaap" + "problemen"; the first a lexicon word), or the
    last part is a lexicon word of some length: in Dutch and English compounds the last
    part names the thing ("klassenapp" is an app).
    """
    for cut in range(3, len(word) - 2):
        head, tail = word[:cut], word[cut:]
        tail_concept = _lookup(tail)
        if tail_concept is None:
            continue
        head_concept = _LEXICON.get(head)
        if head_concept is not None:
            return " ".join(c for c in (head_concept, tail_concept) if c)
        if len(tail) >= _MIN_COMPOUND_TAIL and tail_concept:
            return tail_concept
    return None


# Cached: a question is normalised when it is checked and again when it is indexed.
@lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """A text reduced to its concept words, space-separated, in order of appearance.

    Lowercased, accents folded, punctuation and stopwords (Dutch and English) removed,
    synonyms and translations mapped to one Dutch concept, typos corrected against the
    lexicon, unknown words lightly stemmed, duplicates dropped. '' if nothing is left.
    """
    words = _fold(text).split()
    spelled = [word if len(word) < _TYPO_MIN_LEN else _spelled(word) for word in words]
    folded = " ".join(spelled)
    words_now = _Words.of(folded)
    for phrase in _PHRASES:
        rewritten = phrase.apply(folded, words_now)
        if rewritten != folded:
            folded, words_now = rewritten, _Words.of(rewritten)
    seen: dict[str, None] = {}
    for word in folded.split():
        for concept in _concept(word).split():
            seen.setdefault(concept, None)
    return " ".join(seen)


# --------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------

# token_set_ratio: a question that adds a detail ("... in de supermarkt") still matches
# the plain one, and word order does not matter. It beat token_sort_ratio, WRatio, ratio,
# partial_token_* and means/minima of these on the labelled sets (module docstring).
_SCORER = fuzz.token_set_ratio

SIMILAR_THRESHOLD: float = 75.0

# Concept words are compared as opaque tokens: each becomes the same private-use
# character repeated _CONCEPT_TOKEN_LENGTH times. Two different concepts then share no
# characters ("eten" and "pesten" are 80% alike as strings, but unrelated), and every
# concept weighs the same whatever the length of its name. Words outside the lexicon
# stay letters, so they still match with typos.
_CONCEPT_TOKEN_LENGTH = 5
_CONCEPT_CODES: dict[str, str] = {
    concept: chr(0xE000 + number) * _CONCEPT_TOKEN_LENGTH
    for number, concept in enumerate(
        sorted({word for concepts in _CONCEPTS for word in concepts.split()})
    )
}


# The concept words the lexicon maps to ("slaap", "peuter", ...), as opposed to unknown
# words that only got stemmed.
CONCEPT_WORDS: frozenset[str] = frozenset(_CONCEPT_CODES)


def fold(text: str) -> str:
    """Lowercase, accents folded, punctuation as spaces (the first step of `normalize`)."""
    return _fold(text)


def _scoring_form(normalized: str) -> str:
    """The normalised text as the scorer sees it: concept words replaced by codes."""
    return " ".join(_CONCEPT_CODES.get(word, word) for word in normalized.split())


def _score(a_form: str, b_form: str) -> float:
    """Score two scoring forms; an empty one (no content) is similar to nothing."""
    if not a_form or not b_form:
        return 0.0
    return float(_SCORER(a_form, b_form))


def similarity(a: str, b: str) -> float:
    """How alike two texts are, 0..100, computed on their normalised forms."""
    return _score(_scoring_form(normalize(a)), _scoring_form(normalize(b)))


def are_similar(a: str, b: str) -> bool:
    """Whether a gespreksleider would probably merge these two questions."""
    return similarity(a, b) >= SIMILAR_THRESHOLD


# --------------------------------------------------------------------------------------
# Grouping (topic wishes in the feedback summaries)
# --------------------------------------------------------------------------------------


def group_similar(texts: Sequence[str]) -> list[list[int]]:
    """Cluster texts: lists of indices into texts, largest cluster first.

    Greedy star clustering: the text similar to the most still-unassigned texts becomes a
    cluster's centre (its first index, the representative), and takes those texts with
    it, most similar first; repeat. Unlike chaining similar pairs together, this never
    puts two texts in one cluster that are both far from its centre. Each text is in
    exactly one cluster (singletons included); ties go to the earlier text.
    """
    forms = [_scoring_form(normalize(text)) for text in texts]
    neighbours: list[dict[int, float]] = [{} for _ in texts]
    # The scorer is symmetric: compare each text with the ones after it only.
    for i, query in enumerate(forms):
        if not query:
            continue
        later = forms[i + 1 :]
        for _, score, offset in process.extract(
            query, later, scorer=_SCORER, score_cutoff=SIMILAR_THRESHOLD, limit=None
        ):
            j = i + 1 + offset
            if forms[j]:
                neighbours[i][j] = neighbours[j][i] = score
    unassigned = set(range(len(texts)))
    clusters: list[list[int]] = []
    while unassigned:
        centre = max(sorted(unassigned), key=lambda i: len(neighbours[i].keys() & unassigned))
        members = sorted(
            neighbours[centre].keys() & unassigned, key=lambda j: (-neighbours[centre][j], j)
        )
        clusters.append([centre, *members])
        unassigned.difference_update(clusters[-1])
    clusters.sort(key=lambda cluster: (-len(cluster), cluster[0]))
    return clusters
