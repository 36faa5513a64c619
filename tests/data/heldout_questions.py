"""A held-out labelled set for the grouping engine: one theme (sleep), the hard case.

Written in one go BEFORE the grouping engine was built or tuned, and never tuned on:
no threshold, weight or lexicon entry was chosen by looking at these texts or at the
engine's mistakes on them. Tuning uses `tests/data/parent_questions.py` only.

Every cluster is a question a gespreksleider would merge: the same underlying question
in other words. All clusters are about sleep, so they are hard negatives of each other
(they share "slapen", "bed", "nacht", "kind"). Each cluster mixes:

- Dutch as typed in a webinar chat: typos, sms-spelling, no capitals;
- dialect / regional spelling (Flemish "bedje", "ons kleine", Brabants "slape",
  "nie", Limburgs "kinjer", "sjlaope");
- English;
- the simple Dutch of parents who learnt it later (short sentences, grammar mistakes,
  verbs not conjugated).

`HELDOUT_GENERAL` are vague general questions that only name the theme and an audience
word ("is dit normaal bij slapen?"). They are not the same question as any cluster
member; a general question may be shown with other general questions (the engine's
"general" group), but it must not be grouped with a specific question.

The webinar's theme (the programme's `thema`) for this set is `HELDOUT_THEME`.
"""

from __future__ import annotations

Clusters = tuple[tuple[str, ...], ...]

HELDOUT_THEME = "slapen"

HELDOUT_CLUSTERS: Clusters = (
    # 0. the child wants to sleep in the parents' bed / comes to our bed every night
    (
        "mijn kind wil elke nacht bij ons in bed slapen, hoe krijg ik hem in zijn eigen bed",
        "onze dochter kruipt iedere nacht bij ons in bed, is dat erg?",
        "hoe leer ik mijn zoontje in zn eigen bed te blijven ipv bij ons",
        "ze komt altijd om 2 uur s nachts naar ons bed toe en wil niet meer weg",
        "ons kleine wilt altijd in ons bed slapen, ik krijg hem nie in zijn eigen bedje",
        "mn dochter van 4 slaapt al een jaar in ons bed, hoe stop ik daarmee?",
        "kindje wil alleen slape in bed van papa en mama",
        "My son insists on sleeping in our bed every night. How do we get him to sleep in his own bed?",
        "Our 5 year old climbs into our bed every night, should we let her?",
        "how to stop co-sleeping with my toddler",
        "Mijn kind slapen altijd in mijn bed. Hij wil niet in eigen bed. Wat ik moet doen?",
        "Mijn dochter komt elke nacht in onze bed. Is dit goed of niet goed?",
        "kind wil niet alleen in zijn bed, altijd bij mij slapen. hoe kan ik veranderen?",
        "hoe krijg ik mijn kind uit ons bed, hij sliep er als baby al en nu wil hij niet meer weg",
    ),
    # 1. the baby does not sleep through the night (doorslapen)
    (
        "wanneer gaat een baby doorslapen?",
        "mijn baby van 9 maanden slaapt nog steeds niet door, normaal?",
        "onze baby word elke nacht 3 keer wakker, wanneer slaapt ze eindelijk door",
        "hoe krijg ik mn baby zover dat ie de hele nacht doorslaapt",
        "ons kindje van 1 jaar slaapt nog altijd nie door, wa kunnen we doen",
        "de kleine van 7 maand wordt nog elke nacht wakker voor de fles, wanneer houdt dat op",
        "doorslaapen lukt nog steeds niet bij onze baby van 10 mnd",
        "When will my baby sleep through the night?",
        "my 8 month old still wakes up every 2 hours at night, is this normal?",
        "How can I help my baby sleep through the night without waking?",
        "Baby wordt wakker in de nacht, altijd. Wanneer slaapt baby hele nacht?",
        "Mijn baby slaap niet hele nacht. Elke nacht veel wakker. Hoe kan hij doorslapen?",
        "baby 6 maanden wakker elke nacht meerdere keren, hoe leer je doorslapen",
        "hoe kan ik ervoor zorgen dat onze baby s nachts niet steeds wakker wordt",
    ),
    # 2. bedtime battle: the toddler will not go to bed / keeps getting out of bed
    (
        "elke avond strijd om naar bed te gaan, mijn peuter blijft eruit komen",
        "hoe krijg ik mijn dreumes s avonds in bed zonder gedoe",
        "mijn kind van 3 komt steeds weer zn bed uit na het naar bed brengen",
        "bedtijd is bij ons elke avond een drama, hij wil gewoon niet naar bed",
        "ze blijft maar uit bed komen, 10 keer per avond, wat doe ik fout",
        "onze gast wil s avonds nooit gaan slape, altijd gedoe en geroep",
        "mijne kleine wilt savonds nie in zijn bedje blijven liggen",
        "My toddler refuses to go to bed every evening and keeps getting out. What can I do?",
        "bedtime is a constant battle with my 3 year old",
        "how do I keep my child in bed after I say goodnight?",
        "Mijn kind wil niet naar bed in avond. Altijd huilen en weer uit bed komen.",
        "Elke avond mijn zoon gaat niet slapen. Hij komt uit bed, veel keer. Wat moet ik doen?",
        "naar bed brengen duurt bij ons anderhalf uur want ze komt er steeds uit",
        "tips voor het naar bed gaan? mijn peuter werkt totaal niet mee",
    ),
    # 3. nightmares / night terrors
    (
        "mijn dochter heeft bijna elke nacht nachtmerries, hoe help ik haar",
        "hij word snachts gillend wakker van enge dromen, wat moet ik doen",
        "wat is het verschil tussen een nachtmerrie en nachtelijke paniek",
        "ons kind schreeuwt s nachts in zn slaap en is niet wakker te krijgen, is dat pavor nocturnus?",
        "nagtmeries bij mijn zoon van 5, elke week een paar keer",
        "de kleine droomt elke nacht eng en komt dan huilend bij ons",
        "mijne gast heeft veel boze dromen de laatste tijd, hoe kan ik hem geruststellen",
        "My daughter has nightmares almost every night. How can I help her?",
        "What should I do when my son wakes up screaming from a bad dream?",
        "night terrors in a 4 year old, should I wake him?",
        "Mijn kind heeft slechte dromen in nacht. Hij is bang en huilt. Hoe ik kan helpen?",
        "Mijn zoon droomt enge dingen. Elke nacht wakker en schreeuwen. Is dit normaal?",
        "hoe ga je om met nachtmerries bij kleuters",
        "ze heeft sinds de verhuizing steeds nare dromen en wil dan niet meer terug slapen",
    ),
    # 4. afraid of the dark / wants the light on
    (
        "mijn kind is bang in het donker en wil dat het licht aan blijft",
        "hij durft niet te slapen zonder lampje aan, moet ik dat toestaan?",
        "zoon van 6 is ineens bang voor het donker, wat kan ik doen",
        "mag een nachtlampje de hele nacht aan blijven of is dat slecht voor de slaap",
        "ze wil dat de deur open blijft en de gang lamp aan want ze is bang voor monsters",
        "ons kleine is bang van het donker, hoe krijgen we da opgelost",
        "kind bang in donker op zijn kamer, wil niet alleen blijven als het licht uit gaat",
        "My child is scared of the dark and won't sleep without the light on",
        "Is it ok to leave a night light on all night?",
        "how do I help my son who is afraid of monsters under his bed",
        "Mijn dochter is bang als licht uit is. Zij wil altijd lamp aan. Is goed?",
        "Kind bang voor donker. Slapen niet zonder licht. Hoe ik help?",
        "angst voor het donker bij mijn kleuter, tips?",
        "zij is zo bang in het donker dat ze niet in slaap valt",
    ),
    # 5. screens / phone before bed and in the bedroom (older child, teen)
    (
        "mijn puber zit tot laat op zijn telefoon in bed, hoe krijg ik dat ding de kamer uit",
        "hoeveel schermtijd voor het slapen gaan is ok? hij gamet tot bedtijd",
        "is het slecht dat mijn dochter van 13 haar mobiel mee naar bed neemt",
        "tablet voor het slapen, slecht voor de slaap van mijn kind?",
        "onze zoon zit elke avond tot 12 uur te gamen en is dan s ochtends kapot",
        "telefoon op de slaapkamer, wel of niet doen bij een tiener?",
        "mijne gast zit s nachts onder de dekens op zijn gsm, hoe pak ik dat aan",
        "How much screen time before bed?",
        "Should I take my teenager's phone away at night?",
        "my 12 year old watches youtube in bed until late, does it affect sleep?",
        "Mijn zoon kijkt telefoon in bed tot laat. Dan moe op school. Telefoon weg halen?",
        "Mijn kinderen spelen games voor slapen. Is dit slecht voor slapen?",
        "blauw licht van schermen voor bedtijd, echt zo slecht?",
        "hoe laat moeten schermen uit voor het slapengaan bij een kind van 10",
    ),
    # 6. how much sleep does a child of a given age need
    (
        "hoeveel uur slaap heeft een kind van 8 nodig?",
        "Hoe lang moet een kind van 8 slapen?",
        "hoeveel moet een kleuter van 5 slapen per nacht",
        "slaapt mijn zoon wel genoeg? hij slaapt maar 8 uur en is 7",
        "hoeveel uur slaap is normaal voor een puber van 14",
        "hoe veel uuren slaap hebben kinderen nodig per leeftijd",
        "hoeveel slaap hebbe kinjer van 6 jaar eigenlijk nodig",
        "How many hours of sleep does a 6 year old need?",
        "how much sleep does my teenager really need",
        "is 9 hours of sleep enough for a 10 year old?",
        "Hoeveel uur moet kind slapen? Mijn kind is 9 jaar.",
        "Mijn kind slaapt 8 uur. Is dat genoeg voor kind van 6 jaar?",
        "wat is een normale hoeveelheid slaap voor een kind van 4",
        "hoe weet ik of mijn kind genoeg slaapt, hoeveel uur hoort het te zijn",
    ),
    # 7. the afternoon nap: when to drop it / it pushes bedtime late
    (
        "vanaf welke leeftijd stopt een kind met het middagslaapje",
        "moet mijn peuter van 3 nog een middagdutje doen?",
        "als hij s middags slaapt wil hij s avonds niet naar bed, middagslaap schrappen?",
        "ons kindje wil geen middagslaapje meer maar is dan s avonds heel moe, wat nu",
        "middagslaapje afbouwen, hoe doe je dat?",
        "tot welke leeftijd doen kinderen een dutje overdag",
        "mijne kleine doet nog elke middag een uiltje van 2 uur, is da nie te veel",
        "When should my toddler stop napping?",
        "my 3 year old still naps in the afternoon and then won't sleep at night",
        "Is it time to drop the afternoon nap at age 4?",
        "Mijn kind slaapt in middag. Dan in avond niet slapen. Middag slapen stoppen?",
        "Peuter wil niet meer slapen in de middag. Is goed of moet hij nog slapen?",
        "hoe lang moet een middagslaapje duren bij een dreumes",
        "geen middagslaap meer met 2,5 jaar, is dat te vroeg",
    ),
    # 8. waking up very early in the morning
    (
        "mijn kind is elke ochtend om 5 uur wakker, hoe krijg ik hem langer in bed",
        "onze dochter staat iedere dag om half 6 naast ons bed, veel te vroeg",
        "hoe zorg ik dat mn peuter niet meer zo vroeg wakker wordt",
        "hij is elke morgen voor 6 uur klaarwakker en wil spelen",
        "vroeg wakker worden, 5.30 elke dag, wat kunnen we doen",
        "ons manneke is altijd al om vijf uur wakker s morgens",
        "kindje wordt heel vroeg wakker in de ochtend en slaapt daarna nie meer",
        "My toddler wakes up at 5am every morning. How do I get her to sleep later?",
        "early rising: my son is up at 5.30 every day",
        "how do I stop my child waking so early in the morning?",
        "Mijn kind wakker om 5 uur in ochtend. Elke dag. Te vroeg. Wat doen?",
        "Mijn dochter staat heel vroeg op, 5 uur. Hoe kan zij langer slapen?",
        "helpt een slaaptrainer klok tegen te vroeg wakker worden",
        "hij wordt om 5 uur wakker, ook als hij later naar bed gaat",
    ),
    # 9. moving from the cot (wieg/ledikant) to a big bed
    (
        "wanneer kan mijn kind van het ledikant naar een groot bed",
        "op welke leeftijd van de wieg naar een peuterbed?",
        "mijn dreumes klimt uit zijn ledikantje, tijd voor een groot bed?",
        "overstap van ledikant naar peuterbed, hoe pak je dat aan",
        "sinds ze in een groot bed slaapt komt ze er steeds uit, terug naar het ledikant?",
        "wanneer hebben jullie je kind in een grotebedje gezet",
        "ons kleintje slaapt nog in de box/ledikant met 3 jaar, moet dat een echt bed worden",
        "When should I move my toddler from a crib to a bed?",
        "transition from cot to big bed tips",
        "my son climbs out of his crib, should we switch to a toddler bed?",
        "Mijn kind slaapt in ledikant. Wanneer groot bed geven?",
        "Baby bed is te klein. Wanneer kind in groot bed slapen?",
        "van babybedje naar groot bed, welke leeftijd is goed",
        "overgang naar een groot bed, moet ik dat nu al doen met 2 jaar",
    ),
    # 10. bedwetting at night
    (
        "mijn zoon van 7 plast nog elke nacht in bed",
        "bedplassen op 6 jaar, is dat normaal?",
        "ze is overdag al lang droog maar s nachts nog niet, wanneer wel",
        "hoe krijg ik mijn kind s nachts droog",
        "helpt een plaswekker tegen bedplassen",
        "onze gast van 8 doet nog in zijn bed, wat kunnen we daaraan doen",
        "nog steeds natte bedden elke nacht bij mn dochter van 6, help",
        "My 7 year old still wets the bed at night. Is this normal?",
        "how to stop bedwetting in a 6 year old",
        "Should I wake my child at night to pee?",
        "Mijn kind plast in bed in de nacht. Hij is 7 jaar. Wat ik kan doen?",
        "Mijn dochter is 6 en bed is nat in de ochtend. Is dit normaal?",
        "wanneer is een kind s nachts zindelijk",
        "nachtluier nog met 5, moeten we stoppen?",
    ),
)

# Vague general questions: they name only the theme ("slapen", "slaap", "sleep") and an
# audience word ("kind", "baby", "my child"). Each must be matched, as the same
# question, with at most one specific question of `HELDOUT_CLUSTERS`.
HELDOUT_GENERAL: tuple[str, ...] = (
    "is dit normaal bij slapen?",
    "heeft iemand tips over slapen?",
    "vraag over slapen bij kinderen",
    "slaap problemen kind",
    "Any tips about sleep?",
    "my child has sleep problems",
    "Mijn kind slapen probleem. Wat doen?",
    "algemene vraag over de slaap van mijn baby",
    "hoe zit het met slapen bij jonge kinderen",
    "slapen is bij ons lastig, wat kan ik doen?",
)
