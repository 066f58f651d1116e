"""The hub's starter articles, in Dutch and English (translations of each other).

Each article: slug, kind, theme slugs, SDG numbers, and per language a title, an introduction,
sections (heading, paragraphs) and optional questions (FAQ). Case studies are illustrative
composites of common Dutch practice, not reports on one named organisation.
"""

ARTICLES = [
    {
        "slug": "energy-cooperative",
        "kind": "guide",
        "themes": ["energy", "legal_admin"],
        "sdgs": [7, 11, 13],
        "nl": {
            "title": "Een energiecoöperatie oprichten",
            "intro": "Van een groep enthousiaste buren naar een coöperatie die zelf duurzame "
            "energie opwekt: de stappen, de valkuilen en wie u onderweg helpt.",
            "sections": [
                ("Begin met een kerngroep en een plan", [
                    "Een energiecoöperatie begint bijna altijd met een handvol mensen die vinden "
                    "dat de energietransitie ook van de buurt moet zijn. Spreek af wat u wilt "
                    "bereiken: zonnepanelen op een schooldak, een zonneveld, een windmolen, of "
                    "eerst energiebesparing bij de leden. Een eenvoudig plan met doel, doelgroep "
                    "en een eerste project maakt gesprekken met de gemeente en financiers veel "
                    "concreter.",
                    "Ga vroeg langs bij de gemeente en bij collega-coöperaties in de regio. Veel "
                    "provincies hebben een servicepunt of ontwikkelfonds voor lokale energie, en "
                    "de koepel Energie Samen biedt modelstatuten, trainingen en een netwerk van "
                    "ruim zevenhonderd lokale energie-initiatieven.",
                ]),
                ("De coöperatie oprichten", [
                    "De coöperatie wordt opgericht bij notariële akte, met statuten waarin het doel, "
                    "het lidmaatschap en de aansprakelijkheid staan. De meeste energiecoöperaties "
                    "kiezen voor een coöperatie U.A. (uitgesloten aansprakelijkheid): leden zijn "
                    "dan niet persoonlijk aansprakelijk voor tekorten. Daarna volgt inschrijving "
                    "bij de Kamer van Koophandel en een eigen bankrekening.",
                    "Leg in een huishoudelijk reglement vast hoe de algemene ledenvergadering "
                    "besluit, hoe het bestuur verantwoording aflegt en hoe nieuwe leden toetreden. "
                    "Sinds de Wet bestuur en toezicht rechtspersonen (WBTR) gelden duidelijke "
                    "regels voor tegenstrijdig belang en afwezigheid van bestuurders.",
                ]),
                ("Het eerste project", [
                    "Een dak van een school, sporthal of boerderij is een overzichtelijk eerste "
                    "project. Regel een huurovereenkomst of opstalrecht met de eigenaar, vraag een "
                    "netaansluiting aan en check bij de netbeheerder of er transportcapaciteit is: "
                    "netcongestie is in grote delen van Nederland de grootste vertrager.",
                    "Financier het project met ledenkapitaal, een lening van een provinciaal fonds "
                    "of een bank, en waar het past met de subsidieregeling coöperatieve "
                    "energieopwekking (SCE). Houd de leden steeds op de hoogte: betrokken leden "
                    "zijn uw beste wervers voor het volgende project.",
                ]),
            ],
            "faq": [
                ("Hoeveel leden heb ik nodig?", "Voor de oprichting volstaan twee leden, maar "
                 "voor een eerste zonnedak zijn vijftig tot tweehonderd leden gebruikelijk."),
                ("Moet het bestuur vrijwillig zijn?", "Nee. Veel coöperaties beginnen met "
                 "vrijwilligers en nemen later een betaalde projectleider aan."),
            ],
        },
        "en": {
            "title": "Starting an energy cooperative",
            "intro": "From a group of enthusiastic neighbours to a cooperative that generates its "
            "own renewable energy: the steps, the pitfalls and who helps you along the way.",
            "sections": [
                ("Start with a core group and a plan", [
                    "An energy cooperative nearly always starts with a handful of people who believe "
                    "the energy transition should belong to the neighbourhood too. Agree on what you "
                    "want to achieve: solar panels on a school roof, a solar field, a wind turbine, "
                    "or first energy savings for members. A simple plan with a goal, an audience and "
                    "a first project makes conversations with the municipality and financiers far "
                    "more concrete.",
                    "Visit the municipality and fellow cooperatives in the region early. Many "
                    "provinces run a support desk or development fund for local energy, and the "
                    "umbrella organisation Energie Samen offers model statutes, training and a "
                    "network of more than seven hundred local energy initiatives.",
                ]),
                ("Founding the cooperative", [
                    "The cooperative is founded by notarial deed, with statutes setting out its "
                    "purpose, membership and liability. Most energy cooperatives choose a "
                    "coöperatie U.A. (excluded liability): members are then not personally liable "
                    "for deficits. Registration with the Chamber of Commerce (KvK) and a bank "
                    "account follow.",
                    "Set out in internal rules how the general meeting decides, how the board "
                    "accounts for its work and how new members join. Since the Management and "
                    "Supervision of Legal Entities Act (WBTR), clear rules apply to conflicts of "
                    "interest and the absence of board members.",
                ]),
                ("The first project", [
                    "A roof of a school, sports hall or farm is a manageable first project. Arrange "
                    "a lease or right of superficies with the owner, request a grid connection and "
                    "check with the grid operator whether there is transport capacity: grid "
                    "congestion is the biggest source of delay in large parts of the Netherlands.",
                    "Finance the project with member capital, a loan from a provincial fund or a "
                    "bank, and where it fits with the cooperative energy generation subsidy (SCE). "
                    "Keep members informed throughout: engaged members are your best recruiters "
                    "for the next project.",
                ]),
            ],
            "faq": [
                ("How many members do I need?", "Two members suffice to found it, but fifty to "
                 "two hundred members are usual for a first solar roof."),
                ("Must the board be voluntary?", "No. Many cooperatives start with volunteers and "
                 "later hire a paid project manager."),
            ],
        },
    },
    {
        "slug": "cooperative-solar-scheme-sce",
        "kind": "guide",
        "themes": ["energy", "finance"],
        "sdgs": [7, 13],
        "nl": {
            "title": "De postcoderoos en de SCE-subsidie uitgelegd",
            "intro": "Hoe de subsidieregeling coöperatieve energieopwekking (SCE) werkt, wat er "
            "van de oude postcoderoosregeling overbleef en waar u op moet letten bij een aanvraag.",
            "sections": [
                ("Van verlaagd tarief naar SCE", [
                    "Tot april 2021 kregen leden van een energiecoöperatie korting op hun "
                    "energiebelasting via de Regeling verlaagd tarief, in de volksmond de "
                    "postcoderoosregeling. Die is vervangen door de SCE: niet de leden, maar de "
                    "coöperatie (of vereniging van eigenaars) ontvangt nu een exploitatiesubsidie "
                    "per opgewekte kilowattuur, voor vijftien jaar.",
                    "De subsidie dekt het verschil tussen de kostprijs van de opgewekte stroom en "
                    "de marktwaarde. Stijgt de stroomprijs, dan daalt de uitbetaling; daalt de "
                    "prijs, dan vangt de subsidie dat tot een bodem op.",
                ]),
                ("De postcoderoos blijft", [
                    "Ook onder de SCE moeten de deelnemers dicht bij de installatie wonen. Dat "
                    "gebied heet nog steeds de postcoderoos: het viercijferige postcodegebied van "
                    "de installatie plus de aangrenzende postcodegebieden. Een groot deel van de "
                    "leden moet daar wonen of gevestigd zijn; controleer de actuele voorwaarden "
                    "bij RVO voordat u leden werft.",
                ]),
                ("Aanvragen en plannen", [
                    "RVO opent de SCE in jaarlijkse rondes met een budget en vaste bedragen per "
                    "categorie (zon op dak, zon op veld, wind, waterkracht). Een aanvraag vraagt "
                    "een haalbaarheidsstudie, een toestemming van de dakeigenaar en een "
                    "transportindicatie van de netbeheerder. Na toekenning heeft u een beperkte "
                    "termijn om te realiseren.",
                    "Reken met een voorzichtige opbrengst en reserveer geld voor onderhoud en "
                    "vervanging van omvormers. De SCE is voor vijftien jaar; maak afspraken met de "
                    "dakeigenaar voor minstens die periode.",
                ]),
            ],
            "faq": [
                ("Kan een vereniging van eigenaars meedoen?", "Ja, VvE's kunnen SCE aanvragen "
                 "voor panelen op hun eigen gebouw."),
            ],
        },
        "en": {
            "title": "The postcode rose and the SCE subsidy explained",
            "intro": "How the cooperative energy generation subsidy (SCE) works, what remains of "
            "the old postcode-rose scheme and what to watch for in an application.",
            "sections": [
                ("From reduced rate to SCE", [
                    "Until April 2021, members of an energy cooperative received a discount on "
                    "their energy tax through the reduced-rate scheme, popularly called the "
                    "postcode-rose scheme. It has been replaced by the SCE: not the members but the "
                    "cooperative (or owners' association) now receives an operating subsidy per "
                    "kilowatt hour generated, for fifteen years.",
                    "The subsidy covers the gap between the cost price of the electricity and its "
                    "market value. When the electricity price rises, the payment falls; when it "
                    "drops, the subsidy cushions the fall down to a floor.",
                ]),
                ("The postcode rose remains", [
                    "Under the SCE, participants must still live close to the installation. That "
                    "area is still called the postcode rose: the four-digit postcode area of the "
                    "installation plus the adjoining postcode areas. A large share of members must "
                    "live or be established there; check the current conditions with RVO before "
                    "recruiting members.",
                ]),
                ("Applying and planning", [
                    "RVO opens the SCE in yearly rounds with a budget and fixed amounts per "
                    "category (rooftop solar, ground-mounted solar, wind, hydropower). An "
                    "application needs a feasibility study, the roof owner's consent and a "
                    "transport indication from the grid operator. Once granted, you have a limited "
                    "period to build.",
                    "Plan with a cautious yield and set money aside for maintenance and "
                    "replacement of inverters. The SCE runs for fifteen years; agree terms with the "
                    "roof owner for at least that period.",
                ]),
            ],
            "faq": [
                ("Can an owners' association take part?", "Yes, owners' associations (VvEs) can "
                 "apply for the SCE for panels on their own building."),
            ],
        },
    },
    {
        "slug": "member-bonds-and-financial-supervision",
        "kind": "guide",
        "themes": ["finance", "legal_admin", "energy"],
        "sdgs": [7, 8, 17],
        "nl": {
            "title": "Financieren met ledenobligaties en participaties: de regels van de AFM",
            "intro": "Geld ophalen bij leden en omwonenden is krachtig, maar het valt al snel "
            "onder financieel toezicht. Wat de prospectusplicht en de vrijstellingen betekenen.",
            "sections": [
                ("Lidmaatschap, participaties en obligaties", [
                    "Een coöperatie kan op drie manieren geld van leden ophalen. Een "
                    "lidmaatschapsbijdrage of ledenkapitaal hoort bij het lidmaatschap zelf en is "
                    "in de regel geen effect. Participaties en certificaten die verhandelbaar zijn, "
                    "en obligaties (leningen met rente), zijn wel effecten in de zin van de Wet op "
                    "het financieel toezicht (Wft).",
                    "Voor effecten die u aan het publiek aanbiedt, geldt in beginsel een "
                    "prospectusplicht: een uitgebreid document dat de AFM vooraf goedkeurt. Dat is "
                    "duur en voor de meeste burgerinitiatieven onhaalbaar.",
                ]),
                ("De vrijstellingen", [
                    "Nederland kent een vrijstelling voor aanbiedingen met een totale waarde onder "
                    "de vijf miljoen euro over twaalf maanden. U heeft dan geen prospectus nodig, "
                    "maar moet de aanbieding vooraf melden bij de AFM en een informatiedocument "
                    "volgens het wettelijke model publiceren, met de verplichte waarschuwing dat u "
                    "buiten AFM-toezicht valt.",
                    "Andere vrijstellingen gelden voor aanbiedingen aan minder dan honderdvijftig "
                    "personen, of met een minimale inleg per belegger van honderdduizend euro. "
                    "Crowdfundingplatforms met een Europese vergunning (ECSP) mogen projecten tot "
                    "vijf miljoen euro aanbieden met een eigen informatieblad.",
                ]),
                ("Praktisch", [
                    "Leg in de statuten of een reglement vast hoe obligaties worden afgelost, wat "
                    "er gebeurt bij tegenvallende opbrengsten en of ze overdraagbaar zijn. Wees "
                    "eerlijk over risico's in uw communicatie: leden die hun geld verliezen, "
                    "verliest u ook als lid.",
                    "De regels wijzigen geregeld. Check de actuele drempels op de site van de AFM "
                    "en laat uw opzet toetsen door een jurist of door uw koepelorganisatie.",
                ]),
            ],
            "faq": [
                ("Is ledenkapitaal in een coöperatie een effect?", "Meestal niet, zolang het "
                 "lidmaatschapsrecht niet vrij verhandelbaar is. Laat dit toetsen."),
            ],
        },
        "en": {
            "title": "Financing with member bonds and participations: the AFM rules",
            "intro": "Raising money from members and neighbours is powerful, but it soon falls "
            "under financial supervision. What the prospectus duty and the exemptions mean.",
            "sections": [
                ("Membership, participations and bonds", [
                    "A cooperative can raise money from members in three ways. A membership "
                    "contribution or member capital belongs to membership itself and is generally "
                    "not a security. Tradable participations and certificates, and bonds (loans "
                    "with interest), are securities under the Financial Supervision Act (Wft).",
                    "For securities offered to the public, a prospectus duty applies in principle: "
                    "an extensive document approved in advance by the AFM. That is expensive and "
                    "beyond reach for most citizen initiatives.",
                ]),
                ("The exemptions", [
                    "The Netherlands exempts offers with a total value below five million euros "
                    "over twelve months. You then need no prospectus, but must notify the AFM in "
                    "advance and publish an information document in the statutory format, with the "
                    "mandatory warning that the offer is outside AFM supervision.",
                    "Other exemptions cover offers to fewer than one hundred and fifty people, or "
                    "with a minimum investment of one hundred thousand euros per investor. "
                    "Crowdfunding platforms with a European licence (ECSP) may offer projects of up "
                    "to five million euros with their own key information sheet.",
                ]),
                ("In practice", [
                    "Set out in the statutes or rules how bonds are repaid, what happens when "
                    "yields disappoint and whether they are transferable. Be honest about risks in "
                    "your communication: members who lose their money are members you lose.",
                    "The rules change regularly. Check the current thresholds on the AFM's website "
                    "and have your set-up reviewed by a lawyer or your umbrella organisation.",
                ]),
            ],
            "faq": [
                ("Is member capital in a cooperative a security?", "Usually not, as long as the "
                 "membership right is not freely tradable. Have this checked."),
            ],
        },
    },
    {
        "slug": "neighbourhood-car-sharing",
        "kind": "guide",
        "themes": ["mobility", "community"],
        "sdgs": [11, 12, 13],
        "nl": {
            "title": "Autodelen in de buurt",
            "intro": "Een gedeelde elektrische auto scheelt geld, ruimte en uitstoot. Zo zet u "
            "met buren een deelauto op die blijft rijden.",
            "sections": [
                ("Vorm en afspraken", [
                    "Buurtautodelen begint met een groep van vijftien tot dertig huishoudens per "
                    "auto. Richt een vereniging of coöperatie op, of sluit aan bij een bestaande "
                    "energiecoöperatie die mobiliteit aan haar doel toevoegt. Leg in een reglement "
                    "vast wie mag rijden, hoe u reserveert, hoe schade wordt gemeld en wat een uur "
                    "en een kilometer kosten.",
                ]),
                ("Auto, laadpaal en verzekering", [
                    "De meeste groepen leasen een elektrische auto of kopen een tweedehands exemplaar "
                    "met garantie op de accu. Vraag de gemeente om een vaste parkeerplaats met "
                    "laadpaal; veel gemeenten hebben beleid voor deelauto's en geven een "
                    "parkeervergunning. Een verzekering op naam van de organisatie die alle "
                    "geregistreerde bestuurders dekt is onmisbaar, net als een duidelijk eigen "
                    "risico.",
                    "Een deelplatform regelt de boekingen, de sleutel via een app en de "
                    "afrekening. Dat kost een vast bedrag per maand, maar voorkomt ruzie over "
                    "spreadsheets.",
                ]),
                ("Zorg dat de auto rijdt", [
                    "Een deelauto is rendabel bij zo'n vijftig procent bezetting op werkdagen. "
                    "Werf daarom ook bedrijven of een school in de buurt als gebruiker overdag. "
                    "Vraag leden na een jaar of ze hun tweede auto hebben weggedaan: dat is het "
                    "beste verhaal voor nieuwe leden.",
                ]),
            ],
            "faq": [],
        },
        "en": {
            "title": "Neighbourhood car sharing",
            "intro": "A shared electric car saves money, space and emissions. How to set up a "
            "shared car with your neighbours that keeps running.",
            "sections": [
                ("Form and agreements", [
                    "Neighbourhood car sharing starts with a group of fifteen to thirty households "
                    "per car. Found an association or cooperative, or join an existing energy "
                    "cooperative that adds mobility to its purpose. Set out in rules who may drive, "
                    "how to book, how damage is reported and what an hour and a kilometre cost.",
                ]),
                ("Car, charger and insurance", [
                    "Most groups lease an electric car or buy a second-hand one with a battery "
                    "warranty. Ask the municipality for a dedicated parking space with a charging "
                    "point; many municipalities have a policy for shared cars and issue a parking "
                    "permit. Insurance in the organisation's name covering all registered drivers "
                    "is indispensable, as is a clear deductible.",
                    "A sharing platform handles bookings, the key via an app and billing. It costs "
                    "a fixed monthly amount, but prevents quarrels over spreadsheets.",
                ]),
                ("Keep the car moving", [
                    "A shared car pays for itself at about fifty per cent occupancy on weekdays. So "
                    "also recruit local businesses or a school as daytime users. Ask members after a "
                    "year whether they got rid of their second car: that is the best story for new "
                    "members.",
                ]),
            ],
            "faq": [],
        },
    },
    {
        "slug": "care-cooperative",
        "kind": "guide",
        "themes": ["care", "community"],
        "sdgs": [3, 10, 11],
        "nl": {
            "title": "Een zorgcoöperatie starten",
            "intro": "Dorpen en wijken organiseren zelf zorg en ondersteuning, zodat ouderen "
            "langer thuis kunnen blijven. Hoe begint u, en hoe werkt u samen met gemeente en "
            "zorgaanbieders?",
            "sections": [
                ("Breng de vraag in beeld", [
                    "Een zorgcoöperatie begint met een goed gesprek in het dorp: wie heeft hulp "
                    "nodig, wie wil helpen en wat ontbreekt er? Een enquête of een reeks "
                    "keukentafelgesprekken levert een beeld op van vervoer, maaltijden, "
                    "boodschappen, dagbesteding en respijtzorg. Het Brabantse Hoogeloon liet al in "
                    "2005 zien dat een dorp zo zijn eigen zorg kan organiseren.",
                ]),
                ("Organisatie en financiering", [
                    "De meeste zorgcoöperaties zijn een coöperatie of vereniging met leden die een "
                    "kleine jaarlijkse contributie betalen. Vrijwilligers doen het meeste werk, "
                    "vaak aangevuld met een betaalde coördinator. Voor ondersteuning onder de Wmo "
                    "maakt u afspraken met de gemeente, bijvoorbeeld via een subsidie of als "
                    "algemene voorziening; voor persoonlijke verzorging en verpleging werkt u samen "
                    "met een erkende zorgaanbieder.",
                    "Het landelijke netwerk Nederland Zorgt Voor Elkaar helpt met voorbeelden, "
                    "modelcontracten en contacten met collega-initiatieven.",
                ]),
                ("Zorgvuldig werken", [
                    "Vraag voor vrijwilligers die bij kwetsbare mensen thuis komen een Verklaring "
                    "Omtrent het Gedrag; voor vrijwilligers is die vaak gratis via de regeling "
                    "Gratis VOG. Regel de privacy van cliëntgegevens volgens de AVG, en zorg voor "
                    "een verzekering die vrijwilligers en deelnemers dekt.",
                ]),
            ],
            "faq": [],
        },
        "en": {
            "title": "Starting a care cooperative",
            "intro": "Villages and neighbourhoods organise their own care and support so older "
            "people can stay at home longer. How do you start, and how do you work with the "
            "municipality and care providers?",
            "sections": [
                ("Map the need", [
                    "A care cooperative starts with a good conversation in the village: who needs "
                    "help, who wants to help and what is missing? A survey or a series of "
                    "kitchen-table talks gives a picture of transport, meals, shopping, day "
                    "activities and respite care. The Brabant village of Hoogeloon showed as early "
                    "as 2005 that a village can organise its own care this way.",
                ]),
                ("Organisation and financing", [
                    "Most care cooperatives are a cooperative or association with members paying a "
                    "small annual fee. Volunteers do most of the work, often supported by a paid "
                    "coordinator. For support under the Social Support Act (Wmo) you make "
                    "agreements with the municipality, for instance through a grant or as a general "
                    "facility; for personal care and nursing you work with a registered care "
                    "provider.",
                    "The national network Nederland Zorgt Voor Elkaar helps with examples, model "
                    "contracts and contacts with fellow initiatives.",
                ]),
                ("Work carefully", [
                    "Ask volunteers who visit vulnerable people at home for a certificate of "
                    "conduct (VOG); for volunteers it is often free through the Free VOG scheme. "
                    "Handle client data under the GDPR, and make sure insurance covers volunteers "
                    "and participants.",
                ]),
            ],
            "faq": [],
        },
    },
    {
        "slug": "insuring-volunteers",
        "kind": "guide",
        "themes": ["insurance", "community", "legal_admin"],
        "sdgs": [8, 16],
        "nl": {
            "title": "Vrijwilligers verzekeren",
            "intro": "Wat als een vrijwilliger van de ladder valt of schade veroorzaakt? De "
            "gemeentelijke vrijwilligersverzekering, de eigen polis en wat u zelf regelt.",
            "sections": [
                ("De gemeentelijke vrijwilligersverzekering", [
                    "De meeste Nederlandse gemeenten hebben een collectieve "
                    "vrijwilligersverzekering afgesloten voor alle vrijwilligers die in hun "
                    "gemeente actief zijn. U hoeft vrijwilligers daarvoor niet aan te melden. De "
                    "polis dekt doorgaans ongevallen, wettelijke aansprakelijkheid van de "
                    "vrijwilliger en soms bestuurdersaansprakelijkheid.",
                    "Let op: de verzekering is meestal secundair. Eerst wordt gekeken naar de eigen "
                    "verzekering van de vrijwilliger of de organisatie. Vraag de voorwaarden op bij "
                    "de gemeente of het vrijwilligerssteunpunt.",
                ]),
                ("Wat u zelf regelt", [
                    "Een aansprakelijkheidsverzekering voor de organisatie (AVB) is verstandig zodra "
                    "u activiteiten organiseert of apparatuur beheert. Bestuurders kunnen "
                    "persoonlijk aansprakelijk worden bij onbehoorlijk bestuur; een "
                    "bestuurdersaansprakelijkheidsverzekering biedt dan bescherming. Gebruikt u "
                    "eigen auto's van vrijwilligers, check dan de inzittendenverzekering.",
                ]),
                ("Vastleggen", [
                    "Houd een lijst bij van vrijwilligers en hun taken, spreek veiligheidsregels af "
                    "(ladders, gereedschap, tillen) en leg vast wie wat mag doen. Dat helpt bij een "
                    "claim en voorkomt ongelukken.",
                ]),
            ],
            "faq": [
                ("Geldt de verzekering ook voor een eenmalige actie?", "Meestal wel, zolang het "
                 "om vrijwilligerswerk in georganiseerd verband gaat. Check de polis."),
            ],
        },
        "en": {
            "title": "Insuring volunteers",
            "intro": "What if a volunteer falls off a ladder or causes damage? The municipal "
            "volunteer insurance, your own policy and what to arrange yourself.",
            "sections": [
                ("The municipal volunteer insurance", [
                    "Most Dutch municipalities have taken out a collective volunteer insurance for "
                    "all volunteers active in their area. You need not register volunteers for it. "
                    "The policy usually covers accidents, the volunteer's legal liability and "
                    "sometimes directors' liability.",
                    "Note: the insurance is usually secondary. The volunteer's or organisation's "
                    "own insurance is looked at first. Ask the municipality or the volunteer "
                    "support centre for the conditions.",
                ]),
                ("What you arrange yourself", [
                    "Liability insurance for the organisation is wise as soon as you organise "
                    "activities or manage equipment. Board members can become personally liable "
                    "for improper management; directors' liability insurance then protects them. "
                    "If volunteers use their own cars, check the passenger insurance.",
                ]),
                ("Keep records", [
                    "Keep a list of volunteers and their tasks, agree safety rules (ladders, tools, "
                    "lifting) and record who may do what. It helps with a claim and prevents "
                    "accidents.",
                ]),
            ],
            "faq": [
                ("Does the insurance cover a one-off event?", "Usually yes, as long as it is "
                 "volunteer work in an organised setting. Check the policy."),
            ],
        },
    },
    {
        "slug": "repair-cafe",
        "kind": "toolkit",
        "themes": ["circular", "community"],
        "sdgs": [12, 11],
        "nl": {
            "title": "Een repair café runnen",
            "intro": "Kapotte spullen samen repareren in plaats van weggooien: wat u nodig hebt "
            "om een repair café te starten en draaiende te houden.",
            "sections": [
                ("Mensen, plek en gereedschap", [
                    "Het eerste repair café opende in 2009 in Amsterdam; inmiddels zijn er "
                    "duizenden wereldwijd. Wat u nodig hebt: een vaste plek (buurthuis, "
                    "bibliotheek), een vaste dag per maand, handige vrijwilligers voor "
                    "elektrische apparaten, textiel, fietsen en meubels, en een gastvrouw of "
                    "gastheer die bezoekers ontvangt.",
                    "Begin met basisgereedschap en breid uit naar wat bezoekers vaak meebrengen. "
                    "Een soldeerstation, multimeters en een naaimachine zijn bijna altijd nodig.",
                ]),
                ("Huisregels en aansprakelijkheid", [
                    "Laat bezoekers bij binnenkomst huisregels lezen: reparatie gebeurt op eigen "
                    "risico, de eigenaar repareert zoveel mogelijk mee, en reparateurs zijn niet "
                    "aansprakelijk voor schade. Check of de gemeentelijke "
                    "vrijwilligersverzekering uw activiteiten dekt.",
                ]),
                ("Meten en vertellen", [
                    "Noteer per reparatie wat er binnenkwam en of het lukte. Met die gegevens "
                    "vertelt u gemeente en fondsen hoeveel afval u voorkomt, en leert u welke "
                    "apparaten slecht te repareren zijn. De Repair Café Foundation biedt een "
                    "starterspakket en een registratiesysteem.",
                ]),
            ],
            "faq": [],
        },
        "en": {
            "title": "Running a repair café",
            "intro": "Repairing broken things together instead of throwing them away: what you "
            "need to start a repair café and keep it going.",
            "sections": [
                ("People, place and tools", [
                    "The first repair café opened in Amsterdam in 2009; there are now thousands "
                    "worldwide. What you need: a fixed venue (community centre, library), a fixed "
                    "day each month, handy volunteers for electrical appliances, textiles, bicycles "
                    "and furniture, and a host who welcomes visitors.",
                    "Start with basic tools and expand to what visitors often bring. A soldering "
                    "station, multimeters and a sewing machine are nearly always needed.",
                ]),
                ("House rules and liability", [
                    "Ask visitors to read the house rules on arrival: repairs are at their own "
                    "risk, the owner helps with the repair as much as possible, and repairers are "
                    "not liable for damage. Check whether the municipal volunteer insurance covers "
                    "your activities.",
                ]),
                ("Measure and tell", [
                    "Record for each repair what came in and whether it worked. With that data you "
                    "show the municipality and funds how much waste you prevent, and learn which "
                    "appliances are hard to repair. The Repair Café Foundation offers a starter kit "
                    "and a registration system.",
                ]),
            ],
            "faq": [],
        },
    },
    {
        "slug": "collective-heat-pumps-and-insulation",
        "kind": "toolkit",
        "themes": ["energy", "housing"],
        "sdgs": [7, 11, 13],
        "nl": {
            "title": "Collectief inkopen van warmtepompen en isolatie",
            "intro": "Samen inkopen levert betere prijzen, betrouwbare installateurs en minder "
            "gedoe op. Zo organiseert u een collectieve inkoopactie in de wijk.",
            "sections": [
                ("Voorbereiden", [
                    "Begin met een inventarisatie: welke woningtypen staan er, hoe goed zijn ze "
                    "geïsoleerd en wat willen bewoners? Een gratis energiescan via het gemeentelijke "
                    "energieloket helpt bewoners de juiste volgorde te kiezen: eerst isoleren, dan "
                    "een (hybride) warmtepomp.",
                ]),
                ("Leveranciers kiezen", [
                    "Stel een eenvoudig programma van eisen op en vraag minstens drie "
                    "installateurs om een offerte voor een standaardpakket per woningtype. Let op "
                    "keurmerken, garantie, nazorg en de planning. Laat een onafhankelijke adviseur "
                    "meekijken; de winst zit vaak in duidelijke afspraken, niet alleen in de prijs.",
                ]),
                ("Subsidies en financiering", [
                    "Bewoners kunnen voor warmtepompen en isolatie de ISDE-subsidie aanvragen bij "
                    "RVO; wie meerdere maatregelen combineert, krijgt vaak een hoger bedrag. Het "
                    "Nationaal Warmtefonds biedt gunstige leningen, ook voor mensen met een laag "
                    "inkomen. Informeer bij de gemeente naar aanvullende regelingen.",
                    "Houd als organisatie het contract bij de bewoner en de installateur: u "
                    "bemiddelt en informeert, maar wordt geen aannemer.",
                ]),
            ],
            "faq": [],
        },
        "en": {
            "title": "Collective purchasing of heat pumps and insulation",
            "intro": "Buying together gives better prices, reliable installers and less hassle. "
            "How to organise a collective purchasing scheme in your neighbourhood.",
            "sections": [
                ("Preparation", [
                    "Start with an inventory: which house types are there, how well are they "
                    "insulated and what do residents want? A free energy scan through the "
                    "municipal energy desk helps residents choose the right order: insulate first, "
                    "then a (hybrid) heat pump.",
                ]),
                ("Choosing suppliers", [
                    "Draw up a simple list of requirements and ask at least three installers for a "
                    "quote for a standard package per house type. Look at quality marks, warranty, "
                    "after-care and planning. Have an independent adviser look along; the gain is "
                    "often in clear agreements, not just the price.",
                ]),
                ("Subsidies and financing", [
                    "Residents can apply to RVO for the ISDE subsidy for heat pumps and insulation; "
                    "combining several measures often gives a higher amount. The National Heat Fund "
                    "(Warmtefonds) offers favourable loans, also for people on low incomes. Ask the "
                    "municipality about additional schemes.",
                    "As an organisation, keep the contract between the resident and the installer: "
                    "you mediate and inform, but do not become the contractor.",
                ]),
            ],
            "faq": [],
        },
    },
    {
        "slug": "choosing-a-legal-form",
        "kind": "guide",
        "themes": ["legal_admin"],
        "sdgs": [16, 17],
        "nl": {
            "title": "Een rechtsvorm kiezen: coöperatie, vereniging of stichting",
            "intro": "De rechtsvorm bepaalt wie er zeggenschap heeft, of u winst mag uitkeren en "
            "hoe aansprakelijk bestuurders zijn. Een vergelijking voor burgerinitiatieven.",
            "sections": [
                ("De coöperatie", [
                    "Een coöperatie is een vereniging met leden die samen een onderneming drijven "
                    "ten behoeve van die leden. Ze mag winst uitkeren aan leden en past bij "
                    "initiatieven die economisch actief zijn, zoals energie, zorg of inkoop. Met de "
                    "toevoeging U.A. is de aansprakelijkheid van leden uitgesloten. Oprichting gaat "
                    "via de notaris.",
                ]),
                ("De vereniging", [
                    "Een vereniging heeft leden en een algemene ledenvergadering, maar mag geen "
                    "winst uitkeren aan leden. Een vereniging met volledige rechtsbevoegdheid "
                    "(statuten bij de notaris) kan registergoederen bezitten en beperkt de "
                    "aansprakelijkheid van bestuurders. Een informele vereniging zonder notaris "
                    "kan ook, maar dan zijn bestuurders hoofdelijk aansprakelijk.",
                ]),
                ("De stichting", [
                    "Een stichting heeft geen leden, alleen een bestuur. Ze is geschikt om een doel "
                    "te dienen of vermogen te beheren, zoals een buurtfonds. Uitkeringen mogen "
                    "alleen een ideëel of sociaal karakter hebben. Een stichting of vereniging kan "
                    "de ANBI-status aanvragen, zodat giften fiscaal aftrekbaar zijn.",
                    "Welke vorm u ook kiest: sinds de WBTR gelden voor alle drie regels over "
                    "tegenstrijdig belang, ontstentenis en belet van bestuurders. Neem die op in de "
                    "statuten.",
                ]),
            ],
            "faq": [
                ("Kan ik later van rechtsvorm wisselen?", "Ja, omzetting kan via de notaris, maar "
                 "het kost tijd en geld. Kies liever vanaf het begin bewust."),
            ],
        },
        "en": {
            "title": "Choosing a legal form: cooperative, association or foundation",
            "intro": "The legal form decides who has a say, whether you may distribute profit and "
            "how liable board members are. A comparison for citizen initiatives.",
            "sections": [
                ("The cooperative", [
                    "A cooperative (coöperatie) is an association whose members together run an "
                    "enterprise for their benefit. It may distribute profit to members and suits "
                    "initiatives with economic activity, such as energy, care or purchasing. With "
                    "the suffix U.A. the members' liability is excluded. It is founded through a "
                    "notary.",
                ]),
                ("The association", [
                    "An association (vereniging) has members and a general meeting, but may not "
                    "distribute profit to members. An association with full legal capacity "
                    "(statutes by notarial deed) can own registered property and limits the board's "
                    "liability. An informal association without a notary is possible, but then "
                    "board members are jointly and severally liable.",
                ]),
                ("The foundation", [
                    "A foundation (stichting) has no members, only a board. It suits serving a "
                    "purpose or managing assets, such as a neighbourhood fund. Payments may only "
                    "have an idealistic or social character. A foundation or association can apply "
                    "for ANBI status, making gifts tax-deductible.",
                    "Whichever form you choose: since the WBTR, rules on conflicts of interest and "
                    "the absence of board members apply to all three. Include them in the statutes.",
                ]),
            ],
            "faq": [
                ("Can I change legal form later?", "Yes, conversion is possible through a notary, "
                 "but it takes time and money. Better choose deliberately from the start."),
            ],
        },
    },
    {
        "slug": "finding-funds-and-grants",
        "kind": "toolkit",
        "themes": ["finance", "community"],
        "sdgs": [17, 10],
        "nl": {
            "title": "Fondsen en subsidies vinden",
            "intro": "Van gemeentelijk initiatievenbudget tot landelijk fonds: waar "
            "burgerinitiatieven geld vinden en hoe u een aanvraag schrijft die wordt "
            "toegekend.",
            "sections": [
                ("Waar zoeken", [
                    "Begin lokaal: veel gemeenten hebben een initiatievenbudget of "
                    "leefbaarheidsbudget voor bewonersinitiatieven, en provincies hebben regelingen "
                    "voor leefbaarheid, energie en zorg. Landelijke en regionale fondsen zoals het "
                    "Oranje Fonds, het VSBfonds en het Cultuurfonds steunen sociale en culturele "
                    "projecten. Bedrijven en woningcorporaties hebben vaak een maatschappelijk "
                    "budget.",
                ]),
                ("Een sterke aanvraag", [
                    "Fondsen willen weten welk probleem u oplost, voor wie, wat het resultaat is en "
                    "waarom u de juiste partij bent. Maak een realistische begroting met eigen "
                    "inbreng (ook vrijwilligersuren) en laat zien wie er nog meebetaalt. Veel "
                    "fondsen financieren niet met terugwerkende kracht en niet alleen "
                    "personeelskosten.",
                    "Bel het fonds voordat u schrijft: een kort gesprek voorkomt een afwijzing op "
                    "formele gronden.",
                ]),
                ("Combineren en verantwoorden", [
                    "Combineer bronnen: een fonds voor de start, ledengeld voor de exploitatie, "
                    "crowdfunding voor zichtbaarheid. Houd vanaf het begin bij wat u bereikt, dan "
                    "is de verantwoording achteraf eenvoudig en bouwt u een reputatie op voor de "
                    "volgende aanvraag.",
                ]),
            ],
            "faq": [],
        },
        "en": {
            "title": "Finding funds and grants",
            "intro": "From a municipal initiative budget to a national fund: where citizen "
            "initiatives find money and how to write an application that gets granted.",
            "sections": [
                ("Where to look", [
                    "Start locally: many municipalities have an initiative or liveability budget "
                    "for residents' initiatives, and provinces have schemes for liveability, energy "
                    "and care. National and regional funds such as the Oranje Fonds, the VSBfonds "
                    "and the Cultuurfonds support social and cultural projects. Companies and "
                    "housing associations often have a community budget.",
                ]),
                ("A strong application", [
                    "Funds want to know which problem you solve, for whom, what the result is and "
                    "why you are the right party. Make a realistic budget with your own "
                    "contribution (volunteer hours count) and show who else contributes. Many funds "
                    "do not finance retroactively, nor staff costs alone.",
                    "Call the fund before you write: a short conversation prevents a rejection on "
                    "formal grounds.",
                ]),
                ("Combine and account", [
                    "Combine sources: a fund for the start, member money for running costs, "
                    "crowdfunding for visibility. Track what you achieve from the start; then "
                    "reporting afterwards is easy and you build a reputation for the next "
                    "application.",
                ]),
            ],
            "faq": [],
        },
    },
    {
        "slug": "case-village-solar-roof",
        "kind": "case_study",
        "themes": ["energy", "finance"],
        "sdgs": [7, 13],
        "nl": {
            "title": "Praktijkvoorbeeld: een dorp legt zonnepanelen op de sporthal",
            "intro": "Een samengesteld voorbeeld uit de praktijk: hoe een dorpscoöperatie in "
            "twee jaar van idee naar een dak met 600 panelen kwam.",
            "sections": [
                ("Het idee", [
                    "In een dorp van 2.500 inwoners wilde een groep van zes bewoners het dak van de "
                    "sporthal benutten. De gemeente, eigenaar van het dak, was positief maar vroeg "
                    "een constructieberekening en een opstalovereenkomst voor vijftien jaar. De "
                    "groep richtte een coöperatie U.A. op met modelstatuten van de koepel.",
                ]),
                ("Financiering", [
                    "Het project van ongeveer 200.000 euro werd gefinancierd met participaties van "
                    "250 euro van 180 leden uit de postcoderoos, een lening van het provinciale "
                    "energiefonds en SCE-subsidie. Omdat de uitgifte onder de vrijstellingsgrens "
                    "bleef, volstond een melding bij de AFM met een informatiedocument.",
                ]),
                ("Lessen", [
                    "De grootste vertraging kwam door de netaansluiting: de netbeheerder had pas na "
                    "acht maanden capaciteit. De coöperatie gebruikte die tijd om leden te werven en "
                    "een energiebesparingsactie te organiseren. Inmiddels werkt ze aan een tweede "
                    "dak, bij een boer aan de rand van het dorp.",
                ]),
            ],
            "quote": ("Het mooiste is dat de opbrengst in het dorp blijft: een deel gaat naar "
                      "het verenigingsleven.", "Penningmeester van de coöperatie"),
            "faq": [],
        },
        "en": {
            "title": "Case study: a village puts solar panels on its sports hall",
            "intro": "A composite example from practice: how a village cooperative went from idea "
            "to a roof with 600 panels in two years.",
            "sections": [
                ("The idea", [
                    "In a village of 2,500 people, a group of six residents wanted to use the roof "
                    "of the sports hall. The municipality, owner of the roof, was positive but asked "
                    "for a structural calculation and a fifteen-year superficies agreement. The "
                    "group founded a coöperatie U.A. using the umbrella organisation's model "
                    "statutes.",
                ]),
                ("Financing", [
                    "The project of about 200,000 euros was financed with participations of 250 "
                    "euros from 180 members in the postcode rose, a loan from the provincial energy "
                    "fund and the SCE subsidy. Because the issue stayed below the exemption "
                    "threshold, a notification to the AFM with an information document sufficed.",
                ]),
                ("Lessons", [
                    "The longest delay came from the grid connection: the grid operator had "
                    "capacity only after eight months. The cooperative used that time to recruit "
                    "members and organise an energy-saving campaign. It is now working on a second "
                    "roof, at a farm on the edge of the village.",
                ]),
            ],
            "quote": ("The best part is that the revenue stays in the village: part of it goes "
                      "to local clubs.", "Treasurer of the cooperative"),
            "faq": [],
        },
    },
    {
        "slug": "case-care-and-car-sharing",
        "kind": "case_study",
        "themes": ["care", "mobility", "community"],
        "sdgs": [3, 11],
        "nl": {
            "title": "Praktijkvoorbeeld: zorgcoöperatie met een buurtauto",
            "intro": "Een samengesteld voorbeeld: hoe een zorgcoöperatie een gedeelde "
            "elektrische auto inzet voor vervoer van ouderen en voor de buurt.",
            "sections": [
                ("Het probleem", [
                    "Na het verdwijnen van de buslijn konden ouderen in een kleine kern moeilijk "
                    "naar de huisarts en het ziekenhuis. De zorgcoöperatie, met 400 leden en 40 "
                    "vrijwilligers, regelde vervoer met eigen auto's van vrijwilligers, maar dat "
                    "werd te duur en te wisselvallig.",
                ]),
                ("De oplossing", [
                    "De coöperatie leaset nu een elektrische deelauto. Overdag rijden vrijwilligers "
                    "ouderen naar afspraken; 's avonds en in het weekend kunnen leden de auto "
                    "huren via een app. De huurinkomsten dekken ruim de helft van de kosten, de "
                    "gemeente betaalt de rest uit het Wmo-budget voor algemene voorzieningen.",
                ]),
                ("Wat het oplevert", [
                    "Het vervoer is betrouwbaarder, vrijwilligers hoeven hun eigen auto niet meer "
                    "te gebruiken en drie huishoudens deden hun tweede auto weg. De verzekering op "
                    "naam van de coöperatie dekt alle geregistreerde bestuurders.",
                ]),
            ],
            "quote": ("Mensen bellen niet meer af omdat ze geen vervoer hebben.",
                      "Coördinator van de zorgcoöperatie"),
            "faq": [],
        },
        "en": {
            "title": "Case study: a care cooperative with a neighbourhood car",
            "intro": "A composite example: how a care cooperative uses a shared electric car to "
            "transport older people and serve the neighbourhood.",
            "sections": [
                ("The problem", [
                    "After the bus line disappeared, older people in a small village struggled to "
                    "reach the GP and the hospital. The care cooperative, with 400 members and 40 "
                    "volunteers, arranged transport in volunteers' own cars, but that became too "
                    "expensive and unreliable.",
                ]),
                ("The solution", [
                    "The cooperative now leases a shared electric car. During the day volunteers "
                    "drive older people to appointments; evenings and weekends, members can rent "
                    "the car through an app. Rental income covers over half of the costs; the "
                    "municipality pays the rest from its Social Support Act budget for general "
                    "facilities.",
                ]),
                ("What it delivers", [
                    "Transport is more reliable, volunteers no longer need their own cars and three "
                    "households got rid of their second car. The insurance in the cooperative's "
                    "name covers all registered drivers.",
                ]),
            ],
            "quote": ("People no longer cancel because they have no transport.",
                      "Coordinator of the care cooperative"),
            "faq": [],
        },
    },
]
