"""The demo data set as plain data: organisations, offers and needs in Dutch and English.

`manage.py seed_demo` turns this into database rows through `marketplace.services`. Every
organisation is found again by its KvK number and every listing by the slug of its title, so
the data set can grow without duplicating what earlier runs created.

Text placeholders, filled in by the command:
  offers: {provider} organisation name, {region} provinces served, {city} provider's municipality
  needs:  {initiative} organisation name, {place} village or town, {members} number of members
  both:   any key of the template's or the placement's "vars"

Placements say who publishes a template, in which language, where and in which state:
  offers: (organisation key, language, provinces or NATIONAL[, options])
  needs:  (organisation key, language[, options])
Options: "state" (default "published"; also "draft", "submitted", "rejected", "expired",
"closed"), "reason" (rejection reason or closing note), "close_reason", "valid_days" /
"deadline_days" (days from today), "vars".
"""

DEMO_PASSWORD = "demo-Business2Community"  # noqa: S105 (public demo password, printed by seed_demo)
EMAIL_DOMAIN = "demo.business2community.nl"
NATIONAL = "national"

COMPANY_LOGIN = f"company@{EMAIL_DOMAIN}"
INITIATIVE_LOGIN = f"initiative@{EMAIL_DOMAIN}"
EDITOR_LOGIN = f"editor@{EMAIL_DOMAIN}"
ADMIN_LOGIN = f"admin@{EMAIL_DOMAIN}"

EDITORS_GROUP = "Hub editors"

# The people behind the two logins without an organisation.
STAFF = {
    EDITOR_LOGIN: ("Fatima", "El Amrani"),
    ADMIN_LOGIN: ("Bram", "Visser"),
}

# Town or village: (province slug, latitude, longitude).
PLACES = {
    "Almere": ("flevoland", "52.350800", "5.264700"),
    "Amersfoort": ("utrecht", "52.156100", "5.387800"),
    "Amsterdam": ("noord-holland", "52.367600", "4.904100"),
    "Apeldoorn": ("gelderland", "52.211200", "5.969900"),
    "Arnhem": ("gelderland", "51.985100", "5.898700"),
    "Assen": ("drenthe", "52.992900", "6.564200"),
    "Bergen op Zoom": ("noord-brabant", "51.495000", "4.291000"),
    "Den Haag": ("zuid-holland", "52.070500", "4.300700"),
    "De Wolden": ("drenthe", "52.670000", "6.430000"),
    "Deventer": ("overijssel", "52.255000", "6.163000"),
    "Dronten": ("flevoland", "52.525000", "5.718000"),
    "Eindhoven": ("noord-brabant", "51.441600", "5.469700"),
    "Ezinge": ("groningen", "53.301000", "6.440000"),
    "Feijenoord": ("zuid-holland", "51.900000", "4.500000"),
    "Goes": ("zeeland", "51.504700", "3.888300"),
    "Groningen": ("groningen", "53.219400", "6.566500"),
    "Haarlem": ("noord-holland", "52.387400", "4.646200"),
    "Hardenberg": ("overijssel", "52.575000", "6.619000"),
    "Haren": ("groningen", "53.173000", "6.605000"),
    "Heerlen": ("limburg", "50.888200", "5.979500"),
    "Leeuwarden": ("friesland", "53.201200", "5.799900"),
    "Lelystad": ("flevoland", "52.518500", "5.471400"),
    "Lombok": ("utrecht", "52.091000", "5.098000"),
    "Maastricht": ("limburg", "50.851400", "5.691000"),
    "Middelburg": ("zeeland", "51.498800", "3.613600"),
    "Nijmegen": ("gelderland", "51.812600", "5.837200"),
    "Oudega": ("friesland", "53.125000", "5.990000"),
    "Panningen": ("limburg", "51.330000", "5.980000"),
    "Peel en Maas": ("limburg", "51.330000", "5.980000"),
    "Presikhaaf": ("gelderland", "51.990000", "5.940000"),
    "Reeshof": ("noord-brabant", "51.580000", "5.010000"),
    "Rotterdam": ("zuid-holland", "51.924400", "4.477700"),
    "Schalkwijk": ("noord-holland", "52.360000", "4.660000"),
    "Sint Philipsland": ("zeeland", "51.617000", "4.165000"),
    "Smallingerland": ("friesland", "53.107000", "6.098000"),
    "Tholen": ("zeeland", "51.532000", "4.220000"),
    "Tilburg": ("noord-brabant", "51.555500", "5.091300"),
    "Transvaal": ("zuid-holland", "52.066000", "4.290000"),
    "Tynaarlo": ("drenthe", "53.077000", "6.620000"),
    "Utrecht": ("utrecht", "52.090700", "5.121400"),
    "Vries": ("drenthe", "53.074000", "6.578000"),
    "Westerkwartier": ("groningen", "53.240000", "6.400000"),
    "Zuidwolde": ("drenthe", "52.670000", "6.430000"),
    "Zwolle": ("overijssel", "52.516800", "6.083000"),
    "'s-Hertogenbosch": ("noord-brabant", "51.697800", "5.303700"),
}

# Companies, funds and public bodies. KvK numbers are made up but stable: 9001xxxx companies,
# 9002xxxx funds, 9003xxxx public bodies, 9004xxxx initiatives.
PROVIDERS = [
    {
        "key": "zonnewende-energie",
        "kind": "company",
        "name": "Zonnewende Energie BV",
        "legal_form": "bv",
        "kvk_number": "90010001",
        "municipality": "Deventer",
        "is_verified": True,
        "themes": ["energy", "finance"],
        "sdgs": [7, 13],
        "owner": ("Sanne", "de Vries"),
        "owner_email": COMPANY_LOGIN,
        "description": (
            "Zonnewende ontwikkelt en bouwt sinds 2012 zonnedaken voor energiecoöperaties, "
            "dorpshuizen en verenigingen in Oost-Nederland. We begeleiden postcoderoosprojecten "
            "en SCE-aanvragen van dakscan tot ledenvergadering en hebben inmiddels 64 collectieve "
            "daken met samen 38.000 panelen opgeleverd."
        ),
    },
    {
        "key": "wijkwiel",
        "kind": "company",
        "name": "WijkWiel Deelmobiliteit BV",
        "legal_form": "bv",
        "kvk_number": "90010002",
        "municipality": "Utrecht",
        "is_verified": True,
        "themes": ["mobility"],
        "sdgs": [11, 13],
        "owner": ("Daan", "Hoekstra"),
        "description": (
            "WijkWiel runs shared electric cars and cargo bikes together with residents' groups "
            "in more than 80 neighbourhoods. Communities choose the vehicles and the parking "
            "spots; we take care of the booking app, insurance, cleaning and charging."
        ),
    },
    {
        "key": "buurtbatterij",
        "kind": "company",
        "name": "Buurtbatterij Systemen BV",
        "legal_form": "bv",
        "kvk_number": "90010003",
        "municipality": "Eindhoven",
        "is_verified": False,
        "themes": ["energy", "digital"],
        "sdgs": [7, 9, 11],
        "owner": ("Ruben", "van Dijk"),
        "description": (
            "Wij leveren en beheren buurtbatterijen van 100 tot 500 kWh, met software die "
            "zonnestroom uit de wijk 's avonds beschikbaar maakt en netcongestie helpt voorkomen. "
            "Het bedrijf is ontstaan uit een project van drie Brabantse energiecoöperaties."
        ),
    },
    {
        "key": "warmtewinst",
        "kind": "company",
        "name": "Warmtewinst Installatietechniek BV",
        "legal_form": "bv",
        "kvk_number": "90010004",
        "municipality": "Apeldoorn",
        "is_verified": True,
        "themes": ["energy", "housing"],
        "sdgs": [7, 13],
        "owner": ("Mark", "Jansen"),
        "description": (
            "Installatiebedrijf met 45 monteurs, gespecialiseerd in hybride en volledig "
            "elektrische warmtepompen. We werken graag samen met energiecoöperaties en buurtteams "
            "aan collectieve inkoopacties."
        ),
    },
    {
        "key": "isolatiegilde",
        "kind": "company",
        "name": "Het Isolatiegilde BV",
        "legal_form": "bv",
        "kvk_number": "90010005",
        "municipality": "Groningen",
        "is_verified": False,
        "themes": ["energy", "housing"],
        "sdgs": [7, 11, 13],
        "owner": ("Bas", "Mulder"),
        "description": (
            "The Isolatiegilde insulates cavity walls, floors and roofs for whole streets at "
            "once. Working street by street keeps our prices about 15% below individual orders, "
            "and our energy advisers help residents claim the national ISDE subsidy."
        ),
    },
    {
        "key": "zorgrooster",
        "kind": "company",
        "name": "Zorgrooster BV",
        "legal_form": "bv",
        "kvk_number": "90010006",
        "municipality": "Amersfoort",
        "is_verified": True,
        "themes": ["care", "digital"],
        "sdgs": [3, 10],
        "owner": ("Lotte", "Smit"),
        "description": (
            "Zorgrooster maakt planningssoftware voor zorgcoöperaties, buurtzorginitiatieven en "
            "dorpsondersteuners. Ruim 140 initiatieven gebruiken onze app om hulpvragen te "
            "koppelen aan vrijwilligers."
        ),
    },
    {
        "key": "clubkas",
        "kind": "company",
        "name": "Clubkas Software BV",
        "legal_form": "bv",
        "kvk_number": "90010007",
        "municipality": "Leeuwarden",
        "is_verified": True,
        "themes": ["legal_admin", "digital"],
        "sdgs": [16, 17],
        "owner": ("Jelle", "Postma"),
        "description": (
            "Clubkas is membership administration and bookkeeping software built for "
            "associations, foundations and cooperatives. More than 2,300 volunteer treasurers "
            "use it for direct debits, annual accounts and the general meeting."
        ),
    },
    {
        "key": "meerburg-notarissen",
        "kind": "company",
        "name": "Meerburg Notarissen & Advocaten BV",
        "legal_form": "bv",
        "kvk_number": "90010008",
        "municipality": "Den Haag",
        "is_verified": False,
        "themes": ["legal_admin"],
        "sdgs": [16, 17],
        "owner": ("Eva", "Meerburg"),
        "description": (
            "Notariskantoor en advocatenpraktijk gespecialiseerd in coöperaties, verenigingen en "
            "stichtingen. We stellen statuten op, begeleiden statutenwijzigingen na de Wet bestuur "
            "en toezicht rechtspersonen (WBTR) en adviseren over ledenkapitaal."
        ),
    },
    {
        "key": "buurtpolis",
        "kind": "company",
        "name": "Buurtpolis Verzekeringen NV",
        "legal_form": "nv",
        "kvk_number": "90010009",
        "municipality": "Rotterdam",
        "is_verified": True,
        "themes": ["insurance"],
        "sdgs": [3, 11, 17],
        "owner": ("Youssef", "Benali"),
        "description": (
            "Buurtpolis insures the volunteers, boards and assets of citizen initiatives. Our "
            "policies are written for collectives: one premium per initiative, no paperwork per "
            "volunteer, and claims handled within ten working days."
        ),
    },
    {
        "key": "tweede-leven",
        "kind": "company",
        "name": "Reparatiegroothandel Tweede Leven BV",
        "legal_form": "bv",
        "kvk_number": "90010010",
        "municipality": "Tilburg",
        "is_verified": False,
        "themes": ["circular"],
        "sdgs": [12, 13],
        "owner": ("Koen", "Willems"),
        "description": (
            "Groothandel in gereedschap en reserveonderdelen voor reparateurs. We leveren aan "
            "meer dan 300 repair cafés en geven trainingen in veilig repareren."
        ),
    },
    {
        "key": "polderversbox",
        "kind": "company",
        "name": "Polderversbox BV",
        "legal_form": "bv",
        "kvk_number": "90010011",
        "municipality": "Dronten",
        "is_verified": False,
        "themes": ["food"],
        "sdgs": [2, 12],
        "owner": ("Ilse", "Kok"),
        "description": (
            "Polderversbox connects 28 farms in Flevoland and Gelderland with food cooperatives "
            "and neighbourhood pickup points. We handle ordering, cold storage and delivery, and "
            "the farmers receive 70% of the consumer price."
        ),
    },
    {
        "key": "digibuur",
        "kind": "company",
        "name": "DigiBuur BV",
        "legal_form": "bv",
        "kvk_number": "90010012",
        "municipality": "Heerlen",
        "is_verified": True,
        "themes": ["digital", "community"],
        "sdgs": [4, 10],
        "owner": ("Nadia", "Bouzid"),
        "description": (
            "DigiBuur reviseert afgeschreven bedrijfslaptops en zet ze in voor digitale inclusie. "
            "Samen met bibliotheken, buurthuizen en vrijwilligers helpen we mensen op weg met "
            "DigiD, internetbankieren en videobellen."
        ),
    },
    {
        "key": "groenwoon",
        "kind": "company",
        "name": "Groenwoon Financiering NV",
        "legal_form": "nv",
        "kvk_number": "90010013",
        "municipality": "Amsterdam",
        "is_verified": True,
        "themes": ["housing", "finance"],
        "sdgs": [10, 11],
        "owner": ("Pieter", "van den Berg"),
        "description": (
            "Groenwoon is a lender for housing cooperatives and collective self-build groups. We "
            "finance energy-neutral, affordable homes that stay in collective ownership, and have "
            "financed 31 projects with 780 homes since 2018."
        ),
    },
    {
        "key": "wijkwerk-advies",
        "kind": "company",
        "name": "Wijkwerk Advies",
        "legal_form": "eenmanszaak",
        "kvk_number": "90010014",
        "municipality": "Haarlem",
        "is_verified": False,
        "themes": ["community", "food"],
        "sdgs": [11, 17],
        "owner": ("Marieke", "Dekker"),
        "description": (
            "Adviesbureau van Marieke Dekker, oud-opbouwwerker. Ik help buurtinitiatieven, "
            "buurthuizen en voedselcoöperaties aan een sluitende begroting, een passende "
            "organisatievorm en goede afspraken met de gemeente."
        ),
    },
    {
        "key": "deltazon",
        "kind": "company",
        "name": "Deltazon Installaties BV",
        "legal_form": "bv",
        "kvk_number": "90010015",
        "municipality": "Goes",
        "is_verified": False,
        "themes": ["energy"],
        "sdgs": [7, 13],
        "owner": ("Thijs", "de Witte"),
        "description": (
            "Zeeuws installatiebedrijf voor zonnepanelen, thuisbatterijen en buurtbatterijen. "
            "Sinds 2015 hebben we meer dan 4.000 installaties gebouwd op Walcheren, de "
            "Bevelanden en in Zeeuws-Vlaanderen."
        ),
    },
    {
        "key": "noorderlicht-laden",
        "kind": "company",
        "name": "Noorderlicht Laadpalen BV",
        "legal_form": "bv",
        "kvk_number": "90010016",
        "municipality": "Assen",
        "is_verified": True,
        "themes": ["mobility", "energy"],
        "sdgs": [7, 11],
        "owner": ("Henk", "Bos"),
        "description": (
            "Noorderlicht installs and operates charging points in the north of the Netherlands, "
            "with smart charging that follows local solar production. We work with car-sharing "
            "groups, village halls and sports clubs."
        ),
    },
    {
        "key": "energiefonds-oost",
        "kind": "fund",
        "name": "Stichting Energiefonds Oost",
        "legal_form": "stichting",
        "kvk_number": "90020001",
        "municipality": "Zwolle",
        "is_verified": True,
        "themes": ["energy", "finance"],
        "sdgs": [7, 13, 17],
        "owner": ("Wouter", "Kuipers"),
        "description": (
            "Revolverend fonds dat lokale energieprojecten in Overijssel en Gelderland financiert. "
            "We verstrekken ontwikkelkredieten en langlopende leningen aan energiecoöperaties; "
            "terugbetaalde leningen gaan naar het volgende project."
        ),
    },
    {
        "key": "noordelijk-dorpenfonds",
        "kind": "fund",
        "name": "Stichting Noordelijk Dorpenfonds",
        "legal_form": "stichting",
        "kvk_number": "90020002",
        "municipality": "Groningen",
        "is_verified": True,
        "themes": ["community", "finance"],
        "sdgs": [10, 11],
        "owner": ("Grietje", "Hoekstra"),
        "description": (
            "The Northern Village Fund supports village associations and resident groups in "
            "Groningen, Friesland and Drenthe with small grants and advice. Since 2009 it has "
            "backed more than 1,200 village projects, from playgrounds to village hall kitchens."
        ),
    },
    {
        "key": "fonds-zorgzame-buurt",
        "kind": "fund",
        "name": "Fonds Zorgzame Buurt",
        "legal_form": "stichting",
        "kvk_number": "90020003",
        "municipality": "Utrecht",
        "is_verified": False,
        "themes": ["care"],
        "sdgs": [3, 10],
        "owner": ("Annemiek", "Vos"),
        "description": (
            "Landelijk fonds voor zorg en welzijn dichtbij huis. We helpen zorgcoöperaties, "
            "dorpsondersteuners en buurtzorginitiatieven op weg met startsubsidies en met kennis "
            "van collega-initiatieven."
        ),
    },
    {
        "key": "startfonds-wonen",
        "kind": "fund",
        "name": "Stichting Startfonds Wooncoöperaties",
        "legal_form": "stichting",
        "kvk_number": "90020004",
        "municipality": "Amsterdam",
        "is_verified": True,
        "themes": ["housing", "finance"],
        "sdgs": [10, 11],
        "owner": ("Joost", "Verhoeven"),
        "description": (
            "A revolving fund that helps new housing cooperatives bridge the gap between member "
            "equity and a bank mortgage. We provide subordinated loans and guidance so residents "
            "can build and manage affordable homes together."
        ),
    },
    {
        "key": "groen-doen-fonds",
        "kind": "fund",
        "name": "Groen Doen Fonds",
        "legal_form": "stichting",
        "kvk_number": "90020005",
        "municipality": "'s-Hertogenbosch",
        "is_verified": False,
        "themes": ["food", "circular"],
        "sdgs": [2, 12, 15],
        "owner": ("Femke", "van Leeuwen"),
        "description": (
            "Het Groen Doen Fonds steunt bewoners die hun buurt groener en circulairder maken: "
            "moestuinen, voedselbossen, repair cafés en deelwinkels. Jaarlijks verdelen we zo'n "
            "€ 400.000 in bijdragen tot € 7.500."
        ),
    },
    {
        "key": "buurtkapitaal",
        "kind": "fund",
        "name": "Coöperatie Buurtkapitaal U.A.",
        "legal_form": "cooperatie_ua",
        "kvk_number": "90020006",
        "municipality": "Rotterdam",
        "is_verified": True,
        "themes": ["finance", "community"],
        "sdgs": [11, 17],
        "owner": ("Sem", "Koster"),
        "description": (
            "Buurtkapitaal is a cooperative crowdfunding platform for local projects. Members "
            "invest in solar roofs, community centres and neighbourhood shops, and our match fund "
            "doubles contributions for projects that reach half their target."
        ),
    },
    {
        "key": "gemeente-zwolle",
        "kind": "public_body",
        "name": "Gemeente Zwolle",
        "legal_form": "overheid",
        "kvk_number": "90030001",
        "municipality": "Zwolle",
        "is_verified": True,
        "themes": ["community", "insurance", "finance"],
        "sdgs": [11, 17],
        "owner": ("Erik", "Brouwer"),
        "description": (
            "De gemeente Zwolle ondersteunt bewonersinitiatieven met het wijkbudget, een gratis "
            "vrijwilligersverzekering, duurzaamheidsleningen en advies van wijkcoaches."
        ),
    },
    {
        "key": "provincie-fryslan",
        "kind": "public_body",
        "name": "Provincie Fryslân",
        "legal_form": "overheid",
        "kvk_number": "90030002",
        "municipality": "Leeuwarden",
        "is_verified": True,
        "themes": ["community", "energy"],
        "sdgs": [7, 11],
        "owner": ("Anke", "Dijkstra"),
        "description": (
            "De provincie Fryslân investeert in leefbare dorpen en in de lokale energietransitie. "
            "Initiatieven van inwoners – de mienskip – staan daarbij centraal."
        ),
    },
    {
        "key": "gemeente-nijmegen",
        "kind": "public_body",
        "name": "Gemeente Nijmegen",
        "legal_form": "overheid",
        "kvk_number": "90030003",
        "municipality": "Nijmegen",
        "is_verified": True,
        "themes": ["housing", "energy", "finance"],
        "sdgs": [11, 13],
        "owner": ("Roos", "Hendriks"),
        "description": (
            "The municipality of Nijmegen supports housing cooperatives, energy initiatives and "
            "sports and community clubs that want to make their buildings sustainable, with "
            "building plots, loans and advice."
        ),
    },
    {
        "key": "provincie-zeeland",
        "kind": "public_body",
        "name": "Provincie Zeeland",
        "legal_form": "overheid",
        "kvk_number": "90030004",
        "municipality": "Middelburg",
        "is_verified": False,
        "themes": ["community", "mobility", "care"],
        "sdgs": [10, 11],
        "owner": ("Jan", "Lievense"),
        "description": (
            "De provincie Zeeland werkt aan bereikbare en leefbare kernen. We ondersteunen "
            "dorpsraden, buurtbusverenigingen en dorpshuizen met subsidies en kennis."
        ),
    },
    {
        "key": "gemeente-rotterdam",
        "kind": "public_body",
        "name": "Gemeente Rotterdam",
        "legal_form": "overheid",
        "kvk_number": "90030005",
        "municipality": "Rotterdam",
        "is_verified": False,
        "themes": ["community", "digital"],
        "sdgs": [10, 11],
        "owner": ("Shanti", "Ramdin"),
        "description": (
            "The City of Rotterdam supports residents who take action in their neighbourhood, "
            "through residents' budgets, the Right to Challenge and a network of digital help "
            "desks."
        ),
    },
    {
        "key": "provincie-limburg",
        "kind": "public_body",
        "name": "Provincie Limburg",
        "legal_form": "overheid",
        "kvk_number": "90030006",
        "municipality": "Maastricht",
        "is_verified": False,
        "themes": ["care", "mobility"],
        "sdgs": [3, 11],
        "owner": ("Luc", "Houben"),
        "description": (
            "De provincie Limburg steunt zorgzame dorpen, buurtbussen en initiatieven die ouderen "
            "langer thuis laten wonen."
        ),
    },
    {
        "key": "gemeente-almere",
        "kind": "public_body",
        "name": "Gemeente Almere",
        "legal_form": "overheid",
        "kvk_number": "90030007",
        "municipality": "Almere",
        "is_verified": False,
        "themes": ["community", "insurance"],
        "sdgs": [11, 17],
        "owner": ("Kevin", "Pinas"),
        "description": (
            "The municipality of Almere offers space in municipal buildings, a free volunteer "
            "insurance policy and a neighbourhood fund for residents' initiatives."
        ),
    },
]

# Citizen initiatives: two in every province, every kind of initiative at least once.
INITIATIVES = [
    {
        "key": "vechtstroom",
        "name": "Energiecoöperatie Vechtstroom U.A.",
        "legal_form": "cooperatie_ua",
        "kvk_number": "90040001",
        "initiative_kind": "energy_coop",
        "member_count": 240,
        "municipality": "Zwolle",
        "is_verified": False,
        "themes": ["energy"],
        "sdgs": [7, 13],
        "owner": ("Jeroen", "Bakker"),
        "owner_email": INITIATIVE_LOGIN,
        "description": (
            "Energiecoöperatie van en voor inwoners van Zwolle. Onze 240 leden bezitten samen twee "
            "zonnedaken met 1.100 panelen; nu werken we aan een derde dak en aan energiecoaching "
            "voor huurders."
        ),
    },
    {
        "key": "grutte-sinne",
        "name": "Energiecoöperatie Grutte Sinne U.A.",
        "legal_form": "cooperatie_ua",
        "kvk_number": "90040002",
        "initiative_kind": "energy_coop",
        "member_count": 410,
        "municipality": "Leeuwarden",
        "is_verified": True,
        "themes": ["energy", "finance"],
        "sdgs": [7, 13, 1],
        "owner": ("Sjoerd", "de Jong"),
        "description": (
            "Grutte Sinne ('big sun' in Frisian) is Leeuwarden's energy cooperative. Our 410 "
            "members own a 1.2 MW solar park on a former landfill, and we reinvest part of the "
            "proceeds in energy saving for low-income households."
        ),
    },
    {
        "key": "dorpsenergie-ezinge",
        "name": "Dorpsenergie Ezinge",
        "legal_form": "vereniging",
        "kvk_number": "90040003",
        "initiative_kind": "energy_coop",
        "member_count": 95,
        "municipality": "Westerkwartier",
        "place": "Ezinge",
        "is_verified": False,
        "themes": ["energy", "insurance"],
        "sdgs": [7, 11],
        "owner": ("Hilda", "Wiersma"),
        "description": (
            "Vereniging van dorpsbewoners in Ezinge die het dorp in 2035 energieneutraal wil maken. "
            "We zijn begonnen met een collectieve inkoop van zonnepanelen en onderzoeken nu een "
            "buurtbatterij."
        ),
    },
    {
        "key": "walcheren-zon",
        "name": "Energiecoöperatie Walcheren Zon U.A.",
        "legal_form": "cooperatie_ua",
        "kvk_number": "90040004",
        "initiative_kind": "energy_coop",
        "member_count": 180,
        "municipality": "Middelburg",
        "is_verified": False,
        "themes": ["energy"],
        "sdgs": [7, 13],
        "owner": ("Marloes", "Kodde"),
        "description": (
            "An energy cooperative for Middelburg, Vlissingen and Veere. We run two postcoderoos "
            "solar roofs and are studying a heat network using water from the Kanaal door "
            "Walcheren."
        ),
    },
    {
        "key": "drentse-aa-energie",
        "name": "Energiecoöperatie Drentse Aa U.A.",
        "legal_form": "cooperatie_ua",
        "kvk_number": "90040005",
        "initiative_kind": "energy_coop",
        "member_count": 150,
        "municipality": "Tynaarlo",
        "place": "Vries",
        "is_verified": False,
        "themes": ["energy", "housing"],
        "sdgs": [7, 13],
        "owner": ("Albert", "Hofstee"),
        "description": (
            "Energiecoöperatie voor de dorpen in het stroomdal van de Drentse Aa. We bouwen "
            "zonnedaken op boerenschuren en helpen leden met isolatie en warmtepompen."
        ),
    },
    {
        "key": "brabantse-wal-energie",
        "name": "Energiecoöperatie Brabantse Wal U.A.",
        "legal_form": "cooperatie_ua",
        "kvk_number": "90040006",
        "initiative_kind": "energy_coop",
        "member_count": 320,
        "municipality": "Bergen op Zoom",
        "is_verified": True,
        "themes": ["energy", "digital"],
        "sdgs": [7, 13, 11],
        "owner": ("Wim", "Gommers"),
        "description": (
            "Our 320 members in Bergen op Zoom and Woensdrecht generate local power on school "
            "roofs and a sports park, and we are preparing our first community battery."
        ),
    },
    {
        "key": "samen-thuis-peel-en-maas",
        "name": "Zorgcoöperatie Samen Thuis Peel en Maas",
        "legal_form": "cooperatie_ua",
        "kvk_number": "90040007",
        "initiative_kind": "care_coop",
        "member_count": 640,
        "municipality": "Peel en Maas",
        "place": "Panningen",
        "is_verified": False,
        "themes": ["care", "mobility"],
        "sdgs": [3, 10],
        "owner": ("Mia", "Janssen"),
        "description": (
            "Zorgcoöperatie met 640 leden die ervoor zorgt dat ouderen in de dorpen van Peel en "
            "Maas langer thuis kunnen wonen. 85 vrijwilligers helpen met vervoer, boodschappen, "
            "klusjes en gezelschap."
        ),
    },
    {
        "key": "noaberhuus",
        "name": "Zorgcoöperatie Het Noaberhuus",
        "legal_form": "vereniging",
        "kvk_number": "90040008",
        "initiative_kind": "care_coop",
        "member_count": 410,
        "municipality": "Hardenberg",
        "is_verified": False,
        "themes": ["care", "insurance"],
        "sdgs": [3, 10],
        "owner": ("Gerrit", "Nijzink"),
        "description": (
            "Het Noaberhuus brings the old Saxon tradition of noaberschap (neighbourly duty) into "
            "modern care. Our 410 members and 60 volunteers in Hardenberg run a day centre, a meal "
            "service and a buddy scheme for people with dementia."
        ),
    },
    {
        "key": "gedeelde-dak",
        "name": "Wooncoöperatie Het Gedeelde Dak",
        "legal_form": "cooperatie_ua",
        "kvk_number": "90040009",
        "initiative_kind": "housing_coop",
        "member_count": 38,
        "municipality": "Amsterdam",
        "is_verified": False,
        "themes": ["housing"],
        "sdgs": [11, 10],
        "owner": ("Noor", "Hamidi"),
        "description": (
            "A housing cooperative of 38 members building 24 affordable, energy-neutral rental "
            "homes on a leasehold plot in Amsterdam-Noord. Residents manage the building together "
            "and rents stay below €1,000 a month."
        ),
    },
    {
        "key": "zilveren-hof",
        "name": "Wooncoöperatie De Zilveren Hof",
        "legal_form": "cooperatie_ua",
        "kvk_number": "90040010",
        "initiative_kind": "housing_coop",
        "member_count": 26,
        "municipality": "Amersfoort",
        "is_verified": False,
        "themes": ["housing", "care"],
        "sdgs": [11, 3],
        "owner": ("Ineke", "Schouten"),
        "description": (
            "Woongroep van 26 vijftigplussers die samen een hofje met 18 levensloopbestendige "
            "huurwoningen en een gemeenschappelijke tuinkamer wil bouwen in Amersfoort."
        ),
    },
    {
        "key": "de-werkplaats",
        "name": "Buurtonderneming De Werkplaats",
        "legal_form": "stichting",
        "kvk_number": "90040011",
        "initiative_kind": "neighbourhood_enterprise",
        "member_count": 54,
        "municipality": "Rotterdam",
        "place": "Feijenoord",
        "is_verified": False,
        "themes": ["community", "circular", "care"],
        "sdgs": [8, 10, 12],
        "owner": ("Kofi", "Mensah"),
        "description": (
            "Buurtonderneming in Rotterdam-Feijenoord met een fietsenmakerij, een naaiatelier en "
            "een buurtkantine. We bieden 14 mensen een betaalde werkplek en nog eens 40 bewoners "
            "een plek als vrijwilliger."
        ),
    },
    {
        "key": "klokhuis",
        "name": "Wijkbedrijf Het Klokhuis",
        "legal_form": "stichting",
        "kvk_number": "90040012",
        "initiative_kind": "neighbourhood_enterprise",
        "member_count": 90,
        "municipality": "Arnhem",
        "place": "Presikhaaf",
        "is_verified": False,
        "themes": ["community", "food", "care"],
        "sdgs": [8, 11],
        "owner": ("Esther", "Gerritsen"),
        "description": (
            "Het Klokhuis is a neighbourhood enterprise in Arnhem's Presikhaaf district. We run "
            "the community centre, a lunchroom with local cooks and a handyman service, and put "
            "the profits back into the neighbourhood."
        ),
    },
    {
        "key": "buurtcentrum-de-linde",
        "name": "Stichting Buurtcentrum De Linde",
        "legal_form": "stichting",
        "kvk_number": "90040013",
        "initiative_kind": "neighbourhood_enterprise",
        "member_count": 60,
        "municipality": "Haarlem",
        "place": "Schalkwijk",
        "is_verified": False,
        "themes": ["community", "food"],
        "sdgs": [10, 11],
        "owner": ("Saskia", "Boon"),
        "description": (
            "Sinds de gemeente het buurthuis in 2021 wilde sluiten, runnen bewoners van Schalkwijk "
            "het zelf. Met 60 vrijwilligers houden we het zes dagen per week open voor taallessen, "
            "een kledingruil, de buurtmaaltijd en de klusclub."
        ),
    },
    {
        "key": "plaatselijk-belang-oudega",
        "name": "Vereniging Plaatselijk Belang Oudega",
        "legal_form": "vereniging",
        "kvk_number": "90040014",
        "initiative_kind": "village_association",
        "member_count": 310,
        "municipality": "Smallingerland",
        "place": "Oudega",
        "is_verified": False,
        "themes": ["community", "housing", "energy"],
        "sdgs": [11, 7],
        "owner": ("Tjitske", "van der Meer"),
        "description": (
            "Plaatselijk Belang behartigt de belangen van de ongeveer 800 inwoners van Oudega. We "
            "beheren het dorpshuis, organiseren het dorpsfeest en praten mee over woningbouw en "
            "verkeer."
        ),
    },
    {
        "key": "dorpsraad-sint-philipsland",
        "name": "Dorpsraad Sint Philipsland",
        "legal_form": "vereniging",
        "kvk_number": "90040015",
        "initiative_kind": "village_association",
        "member_count": 220,
        "municipality": "Tholen",
        "place": "Sint Philipsland",
        "is_verified": False,
        "themes": ["community", "mobility", "care"],
        "sdgs": [11, 10],
        "owner": ("Kees", "Geluk"),
        "description": (
            "The village council speaks up for the 2,700 residents of Sint Philipsland. We keep "
            "the village lively with a shop in the village hall, a volunteer transport service "
            "and activities for young people."
        ),
    },
    {
        "key": "dorpsbelangen-zuidwolde",
        "name": "Vereniging Dorpsbelangen Zuidwolde",
        "legal_form": "vereniging",
        "kvk_number": "90040016",
        "initiative_kind": "village_association",
        "member_count": 540,
        "municipality": "De Wolden",
        "place": "Zuidwolde",
        "is_verified": False,
        "themes": ["community", "mobility", "housing"],
        "sdgs": [11, 7],
        "owner": ("Jannie", "Lubbers"),
        "description": (
            "Dorpsbelangen Zuidwolde verbindt verenigingen, ondernemers en inwoners. Actuele "
            "projecten: een elektrische dorpsauto, woningen voor starters en een duurzamer "
            "dorpshuis."
        ),
    },
    {
        "key": "groen-lombok",
        "name": "Bewonersinitiatief Groen Lombok",
        "legal_form": "none",
        "kvk_number": "90040017",
        "initiative_kind": "resident_initiative",
        "member_count": 45,
        "municipality": "Utrecht",
        "place": "Lombok",
        "is_verified": False,
        "themes": ["community", "food", "mobility"],
        "sdgs": [11, 15],
        "owner": ("Mehmet", "Yilmaz"),
        "description": (
            "A group of 45 residents in Utrecht's Lombok district greening our streets: façade "
            "gardens, a pocket park and shared cars instead of parking spaces."
        ),
    },
    {
        "key": "samen-transvaal",
        "name": "Buurtinitiatief Samen Transvaal",
        "legal_form": "stichting",
        "kvk_number": "90040018",
        "initiative_kind": "resident_initiative",
        "member_count": 35,
        "municipality": "Den Haag",
        "place": "Transvaal",
        "is_verified": False,
        "themes": ["community", "digital", "food"],
        "sdgs": [10, 11],
        "owner": ("Latifa", "Amrani"),
        "description": (
            "Bewoners van de Haagse Transvaalbuurt die elkaar helpen: een buurtkamer, "
            "huiswerkbegeleiding, een moestuin op een braakliggend terrein en hulp bij formulieren."
        ),
    },
    {
        "key": "volle-kar",
        "name": "Voedselcoöperatie De Volle Kar",
        "legal_form": "cooperatie_ua",
        "kvk_number": "90040019",
        "initiative_kind": "food_coop",
        "member_count": 160,
        "municipality": "Nijmegen",
        "is_verified": False,
        "themes": ["food"],
        "sdgs": [2, 12],
        "owner": ("Floor", "Peters"),
        "description": (
            "Voedselcoöperatie met 160 huishoudens die rechtstreeks bij boeren in de regio "
            "Nijmegen inkopen. Leden bestellen online en halen elke donderdag hun boodschappen op "
            "bij ons uitgiftepunt in Nijmegen-Oost."
        ),
    },
    {
        "key": "food-coop-almere",
        "name": "Food Coop Almere",
        "legal_form": "vereniging",
        "kvk_number": "90040020",
        "initiative_kind": "food_coop",
        "member_count": 85,
        "municipality": "Almere",
        "is_verified": False,
        "themes": ["food", "legal_admin"],
        "sdgs": [2, 12],
        "owner": ("Priya", "Sharma"),
        "description": (
            "A volunteer-run food cooperative for 85 households in Almere. We buy organic "
            "vegetables, dairy and bread directly from Flevoland farmers and share the work of "
            "ordering, sorting and distributing."
        ),
    },
    {
        "key": "repair-cafe-maastricht",
        "name": "Repair Café Maastricht-Noord",
        "legal_form": "stichting",
        "kvk_number": "90040021",
        "initiative_kind": "repair_cafe",
        "member_count": 25,
        "municipality": "Maastricht",
        "is_verified": False,
        "themes": ["circular"],
        "sdgs": [12, 13],
        "owner": ("Jo", "Lemmens"),
        "description": (
            "Elke tweede zaterdag repareren 25 vrijwilligers in het wijkcentrum van "
            "Maastricht-Noord gratis kapotte spullen: lampen, kleding, fietsen en "
            "koffiezetapparaten. Vorig jaar hielden we zo 1.900 voorwerpen uit de afvalcontainer."
        ),
    },
    {
        "key": "repair-cafe-reeshof",
        "name": "Repair Café Tilburg-Reeshof",
        "legal_form": "vereniging",
        "kvk_number": "90040022",
        "initiative_kind": "repair_cafe",
        "member_count": 30,
        "municipality": "Tilburg",
        "place": "Reeshof",
        "is_verified": False,
        "themes": ["circular", "legal_admin"],
        "sdgs": [12],
        "owner": ("Anouk", "van Gils"),
        "description": (
            "Volunteers repairing electronics, bikes and clothes twice a month in Tilburg's "
            "Reeshof district, with a tool library that 200 neighbours now use."
        ),
    },
    {
        "key": "digitaal-dichtbij",
        "name": "Stichting Digitaal Dichtbij",
        "legal_form": "stichting",
        "kvk_number": "90040023",
        "initiative_kind": "other",
        "member_count": 40,
        "municipality": "Lelystad",
        "is_verified": False,
        "themes": ["digital", "community"],
        "sdgs": [4, 10],
        "owner": ("Ronald", "Verbeek"),
        "description": (
            "Vrijwilligers in Lelystad die inwoners helpen met computers, smartphones en digitale "
            "overheidszaken. Wekelijks spreekuur in de bibliotheek en twee buurthuizen, plus hulp "
            "aan huis."
        ),
    },
    {
        "key": "autodelen-haren",
        "name": "Autodelen Haren",
        "legal_form": "vereniging",
        "kvk_number": "90040024",
        "initiative_kind": "other",
        "member_count": 70,
        "municipality": "Groningen",
        "place": "Haren",
        "is_verified": False,
        "themes": ["mobility", "digital"],
        "sdgs": [11, 13],
        "owner": ("Maarten", "Kremer"),
        "description": (
            "A car-sharing association of 70 households in Haren (Groningen). Our members share "
            "six cars, two of them electric, and we want to replace the rest with electric cars "
            "charged on local solar power."
        ),
    },
]

ORGANISATIONS = PROVIDERS + [{"kind": "initiative", **item} for item in INITIATIVES]

COOPERATIVE_FORMS = ["cooperatie_ua", "cooperatie_ba", "vereniging", "stichting"]

OFFERS = [
    # Energy ---------------------------------------------------------------------------------
    {
        "theme": "energy",
        "sdgs": [7, 11, 13],
        "offer_type": "service",
        "eligible_legal_forms": ["cooperatie_ua", "cooperatie_ba", "vve"],
        "eligible_initiative_kinds": ["energy_coop", "village_association"],
        "min_members": 20,
        "valid_days": 240,
        "nl": {
            "title": "Postcoderoosproject met SCE-subsidie in {region}",
            "description": (
                "{provider} ontwikkelt uw collectieve zonnedak van begin tot eind onder de "
                "Subsidieregeling Coöperatieve Energieopwekking (SCE). We zoeken samen een geschikt "
                "dak, rekenen het project door, verzorgen de SCE-aanvraag bij RVO en presenteren het "
                "plan op uw ledenavond. Een typisch project van 250 panelen levert zo'n 100.000 kWh "
                "per jaar op, genoeg voor ongeveer 35 huishoudens. Na oplevering nemen we desgewenst "
                "het technisch beheer voor 15 jaar over."
            ),
            "price_terms": (
                "Ontwikkelfee € 7.500, terug te betalen uit de projectfinanciering; installatie "
                "vanaf € 0,95 per Wp"
            ),
        },
        "en": {
            "title": "Collective rooftop solar with SCE subsidy in {region}",
            "description": (
                "{provider} develops your collective solar roof from start to finish under the "
                "Dutch SCE subsidy scheme for cooperative energy generation. We find a suitable roof "
                "with you, model the business case, prepare the SCE application to RVO and present "
                "the plan at your members' meeting. A typical project of 250 panels generates about "
                "100,000 kWh a year, enough for roughly 35 households. After completion we can take "
                "on technical management for the full 15-year subsidy period."
            ),
            "price_terms": (
                "Development fee €7,500, repaid from project financing; installation from €0.95 "
                "per Wp"
            ),
        },
        "placements": [
            ("zonnewende-energie", "nl", ["overijssel", "gelderland"]),
            ("zonnewende-energie", "en", ["utrecht"]),
            ("deltazon", "nl", ["zeeland"]),
        ],
    },
    {
        "theme": "energy",
        "sdgs": [7, 11, 13],
        "offer_type": "product",
        "valid_days": 180,
        "nl": {
            "title": "Zonnepanelen voor dorpshuizen en buurthuizen in {region}",
            "description": (
                "Een dorpshuis of buurthuis heeft vaak een groot dak en een flinke energierekening. "
                "{provider} legt 24 tot 60 panelen van 430 Wp, inclusief omvormer, monitoring en een "
                "veilige kabelroute. Met 40 panelen wekt u ongeveer 15.000 kWh per jaar op en "
                "bespaart u circa € 3.500 op de energierekening. We helpen ook met de aanvraag bij "
                "uw gemeente of provincie als daar een subsidieregeling voor maatschappelijk "
                "vastgoed is."
            ),
            "price_terms": "Vanaf € 9.800 voor 24 panelen, inclusief montage en omvormer",
        },
        "en": {
            "title": "Solar panels for village halls and community centres in {region}",
            "description": (
                "Village halls and community centres often combine a large roof with a hefty "
                "energy bill. {provider} installs 24 to 60 panels of 430 Wp, including inverter, "
                "monitoring and a safe cable route. With 40 panels you generate about 15,000 kWh a "
                "year and save around €3,500 on the energy bill. We also help with applications to "
                "your municipality or province where a grant scheme for community buildings exists."
            ),
            "price_terms": "From €9,800 for 24 panels, including installation and inverter",
        },
        "placements": [
            ("zonnewende-energie", "en", ["overijssel"]),
            ("zonnewende-energie", "nl", ["drenthe", "groningen"], {"state": "draft"}),
            ("deltazon", "nl", ["zeeland", "noord-brabant"]),
        ],
    },
    {
        "theme": "energy",
        "sdgs": [7, 9, 11],
        "offer_type": "product",
        "valid_days": 365,
        "nl": {
            "title": "Buurtbatterij van 200 kWh voor wijken in {region}",
            "description": (
                "Met een buurtbatterij van 200 kWh bewaart uw buurt de zonnestroom van de middag "
                "voor de avond. Een batterij van dit formaat ondersteunt ongeveer 60 huishoudens met "
                "zonnepanelen en ontlast de transformator in de wijk. {provider} regelt de "
                "aansluiting bij de netbeheerder, de vergunning en het energiemanagement, en levert "
                "maandelijks een rapportage voor uw leden. De batterij past in een container van 3 "
                "bij 2,5 meter."
            ),
            "price_terms": "Koop vanaf € 95.000, of lease vanaf € 1.150 per maand (10 jaar)",
        },
        "en": {
            "title": "A 200 kWh community battery for neighbourhoods in {region}",
            "description": (
                "A 200 kWh community battery lets your neighbourhood keep midday solar power for "
                "the evening. A battery of this size supports about 60 households with solar panels "
                "and relieves the local transformer. {provider} arranges the grid connection with "
                "the network operator, the permit and the energy management, and sends a monthly "
                "report for your members. The battery fits in a 3 by 2.5 metre container."
            ),
            "price_terms": "Purchase from €95,000, or lease from €1,150 a month (10 years)",
        },
        "placements": [
            ("buurtbatterij", "nl", ["noord-brabant", "limburg"]),
            ("buurtbatterij", "en", NATIONAL, {"state": "submitted"}),
            ("deltazon", "en", ["zeeland"]),
        ],
    },
    {
        "theme": "energy",
        "sdgs": [7, 9],
        "offer_type": "advice",
        "eligible_initiative_kinds": ["energy_coop"],
        "valid_days": 300,
        "nl": {
            "title": "Netcongestie-scan voor energiecoöperaties in {region}",
            "description": (
                "Krijgt uw nieuwe zonnedak geen aansluiting omdat het net vol zit? In een "
                "netcongestie-scan analyseren we de kwartierdata van uw bestaande en geplande "
                "installaties en onderzoeken we opties als een buurtbatterij, cable pooling of een "
                "flexibel contract met de netbeheerder. U krijgt binnen zes weken een rapport met "
                "drie uitgewerkte scenario's en een indicatieve begroting."
            ),
            "price_terms": "Vaste prijs € 2.950",
        },
        "en": {
            "title": "Grid congestion scan for energy cooperatives in {region}",
            "description": (
                "Is your new solar roof refused a connection because the grid is full? Our grid "
                "congestion scan analyses the quarter-hourly data of your existing and planned "
                "installations and looks at options such as a community battery, cable pooling or "
                "a flexible contract with the grid operator. Within six weeks you receive a report "
                "with three worked-out scenarios and an indicative budget."
            ),
            "price_terms": "Fixed price €2,950",
        },
        "placements": [
            ("buurtbatterij", "nl", NATIONAL),
            ("buurtbatterij", "en", ["gelderland", "overijssel"]),
        ],
    },
    {
        "theme": "energy",
        "sdgs": [7, 13],
        "offer_type": "product",
        "min_members": 25,
        "valid_days": 200,
        "nl": {
            "title": "Collectieve inkoop van warmtepompen in {region}",
            "description": (
                "Organiseer met uw buurt of energiecoöperatie een collectieve inkoop van "
                "warmtepompen bij {provider}. Vanaf 25 deelnemende huishoudens krijgt iedereen 12% "
                "korting op een hybride of volledig elektrische warmtepomp. We beginnen met een "
                "informatieavond, daarna bezoekt een adviseur elk huis voor een "
                "warmteverliesberekening. Met de ISDE-subsidie betaalt een huishouden voor een "
                "hybride warmtepomp gemiddeld € 2.900 en bespaart het zo'n 700 m³ gas per jaar."
            ),
            "price_terms": (
                "Hybride warmtepomp vanaf € 4.900 vóór ISDE-subsidie; 12% collectiviteitskorting "
                "vanaf 25 huishoudens"
            ),
        },
        "en": {
            "title": "Collective purchase of heat pumps in {region}",
            "description": (
                "Organise a collective heat pump purchase for your neighbourhood or energy "
                "cooperative with {provider}. From 25 participating households, everyone gets 12% "
                "off a hybrid or all-electric heat pump. We start with an information evening, after "
                "which an adviser visits every home for a heat loss calculation. With the national "
                "ISDE subsidy, a household pays on average €2,900 for a hybrid heat pump and saves "
                "about 700 m³ of gas a year."
            ),
            "price_terms": (
                "Hybrid heat pump from €4,900 before ISDE subsidy; 12% group discount from 25 "
                "households"
            ),
        },
        "placements": [
            ("warmtewinst", "nl", ["gelderland"]),
            ("warmtewinst", "en", ["utrecht", "overijssel"]),
            ("warmtewinst", "en", ["flevoland"]),
        ],
    },
    {
        "theme": "housing",
        "sdgs": [7, 11, 13],
        "offer_type": "service",
        "valid_days": 270,
        "nl": {
            "title": "Isolatie-aanpak per straat in {region}",
            "description": (
                "{provider} isoleert spouwmuren, vloeren en daken voor een hele straat tegelijk. "
                "Doordat we per straat werken, liggen onze prijzen zo'n 15% onder die van losse "
                "opdrachten. Een gemiddelde rijtjeswoning uit de jaren zeventig bespaart met "
                "spouwmuur- en vloerisolatie 500 tot 600 m³ gas per jaar. Onze energieadviseurs "
                "helpen bewoners met de ISDE-subsidie en met de gemeentelijke regeling voor "
                "huishoudens met een laag inkomen."
            ),
            "price_terms": (
                "Spouwmuurisolatie vanaf € 22 per m², vloerisolatie vanaf € 28 per m²; gratis "
                "straatschouw"
            ),
        },
        "en": {
            "title": "Street-by-street home insulation in {region}",
            "description": (
                "{provider} insulates cavity walls, floors and roofs for a whole street at once. "
                "Because we work street by street, our prices are about 15% below those for single "
                "orders. An average 1970s terraced house saves 500 to 600 m³ of gas a year with "
                "cavity wall and floor insulation. Our energy advisers help residents claim the ISDE "
                "subsidy and the municipal scheme for low-income households."
            ),
            "price_terms": (
                "Cavity wall insulation from €22 per m², floor insulation from €28 per m²; free "
                "street survey"
            ),
        },
        "placements": [
            ("isolatiegilde", "nl", ["groningen", "drenthe"]),
            ("isolatiegilde", "en", ["friesland"], {"state": "submitted"}),
            ("isolatiegilde", "nl", ["noord-holland"], {"state": "draft"}),
        ],
    },
    {
        "theme": "energy",
        "sdgs": [4, 7, 13],
        "offer_type": "service",
        "valid_days": 150,
        "nl": {
            "title": "Opleiding tot energiecoach voor vrijwilligers in {region}",
            "description": (
                "Vrijwillige energiecoaches helpen buren met kleine besparingen: tochtstrips, "
                "radiatorfolie, een lagere aanvoertemperatuur. In drie avonden leidt {provider} 12 "
                "vrijwilligers van uw initiatief op, inclusief een praktijkbezoek aan een woning en "
                "een certificaat. Na afloop krijgt elke coach een koffer met een warmtecamera, een "
                "energiemeter en materiaal voor 20 huisbezoeken."
            ),
            "price_terms": "€ 1.450 per groep van maximaal 12 deelnemers, inclusief materialen",
        },
        "en": {
            "title": "Energy coach training for volunteers in {region}",
            "description": (
                "Volunteer energy coaches help neighbours with small savings: draught strips, "
                "radiator foil, a lower flow temperature. Over three evenings {provider} trains 12 "
                "volunteers from your initiative, including a practice visit to a home and a "
                "certificate. Afterwards every coach receives a kit with a thermal camera, an energy "
                "meter and supplies for 20 home visits."
            ),
            "price_terms": "€1,450 per group of up to 12 participants, materials included",
        },
        "placements": [
            ("isolatiegilde", "en", ["groningen"]),
            ("warmtewinst", "nl", ["gelderland", "overijssel"]),
        ],
    },
    {
        "theme": "finance",
        "sdgs": [7, 13, 17],
        "offer_type": "loan",
        "eligible_legal_forms": ["cooperatie_ua", "vereniging", "stichting"],
        "eligible_initiative_kinds": ["energy_coop"],
        "min_members": 50,
        "valid_days": None,
        "nl": {
            "title": "Ontwikkelkrediet voor lokale energieprojecten in {region}",
            "description": (
                "De voorbereiding van een zonnedak, windproject of warmtenet kost geld voordat er "
                "iets wordt opgewekt: haalbaarheidsstudies, vergunningen, een netaansluiting. "
                "{provider} verstrekt hiervoor een ontwikkelkrediet tot € 150.000 tegen 4% rente. U "
                "lost af zodra de projectfinanciering rond is; strandt het project ondanks een goede "
                "voorbereiding, dan kan het krediet geheel of gedeeltelijk worden kwijtgescholden."
            ),
            "price_terms": "Tot € 150.000, 4% rente, aflossing zodra de projectfinanciering rond is",
        },
        "en": {
            "title": "Development loans for local energy projects in {region}",
            "description": (
                "Preparing a solar roof, wind project or heat network costs money before a single "
                "kWh is generated: feasibility studies, permits, a grid connection. {provider} "
                "provides a development loan of up to €150,000 at 4% interest. You repay once "
                "project financing is in place; if the project fails despite good preparation, the "
                "loan can be partly or fully waived."
            ),
            "price_terms": "Up to €150,000, 4% interest, repaid at financial close",
        },
        "placements": [
            ("energiefonds-oost", "nl", ["overijssel"]),
            ("energiefonds-oost", "en", ["gelderland"]),
        ],
    },
    {
        "theme": "finance",
        "sdgs": [7, 13],
        "offer_type": "loan",
        "eligible_legal_forms": ["cooperatie_ua", "cooperatie_ba", "vereniging"],
        "eligible_initiative_kinds": ["energy_coop"],
        "valid_days": None,
        "nl": {
            "title": "Langlopende lening voor coöperatieve zonnedaken in {region}",
            "description": (
                "Voor de bouw van een coöperatief zonnedak of zonneveld leent {provider} tot "
                "€ 500.000 met een looptijd van maximaal 15 jaar, gelijk aan de SCE-subsidieperiode. "
                "De rente is 3,5% vast. We vragen minimaal 10% eigen inbreng van leden, bijvoorbeeld "
                "via participaties of obligaties. Grotere projecten financieren we samen met een "
                "bank."
            ),
            "price_terms": "Tot € 500.000, 3,5% vaste rente, looptijd tot 15 jaar, 10% eigen inbreng",
        },
        "en": {
            "title": "Long-term loans for cooperative solar roofs in {region}",
            "description": (
                "To build a cooperative solar roof or solar park, {provider} lends up to €500,000 "
                "for up to 15 years, matching the SCE subsidy period, at a fixed 3.5% interest. We "
                "ask for at least 10% member equity, for example through shares or bonds. Larger "
                "projects we finance together with a bank."
            ),
            "price_terms": "Up to €500,000, fixed 3.5% interest, up to 15 years, 10% member equity",
        },
        "placements": [
            ("energiefonds-oost", "nl", ["gelderland"]),
            ("energiefonds-oost", "en", ["overijssel"]),
        ],
    },
    {
        "theme": "energy",
        "sdgs": [7, 13],
        "offer_type": "subscription",
        "eligible_initiative_kinds": ["energy_coop"],
        "valid_days": 365,
        "nl": {
            "title": "Beheer en monitoring van coöperatieve zonnedaken in {region}",
            "description": (
                "Een zonnedak moet 15 jaar of langer goed blijven presteren. {provider} bewaakt de "
                "opbrengst van elk paneel op afstand, voert jaarlijks een inspectie uit en verhelpt "
                "storingen binnen vijf werkdagen. Elk kwartaal krijgt uw bestuur een rapport dat u zo "
                "kunt doorsturen naar de leden, met opgewekte kWh, vermeden CO₂-uitstoot en de stand "
                "van het onderhoudsfonds."
            ),
            "price_terms": "€ 4 per paneel per jaar; inspectie en storingsdienst inbegrepen",
        },
        "en": {
            "title": "Management and monitoring of cooperative solar roofs in {region}",
            "description": (
                "A solar roof has to keep performing for 15 years or more. {provider} monitors the "
                "output of every panel remotely, carries out an annual inspection and fixes faults "
                "within five working days. Every quarter your board receives a report ready to "
                "forward to members, with the kWh generated, CO₂ emissions avoided and the state of "
                "the maintenance fund."
            ),
            "price_terms": "€4 per panel per year; inspection and fault service included",
        },
        "placements": [
            ("zonnewende-energie", "nl", NATIONAL),
            ("zonnewende-energie", "en", ["gelderland"], {"state": "expired"}),
        ],
    },
    {
        "theme": "energy",
        "sdgs": [7, 11],
        "offer_type": "advice",
        "valid_days": 10,
        "nl": {
            "title": "Gratis dakscan voor sportclubs en dorpshuizen in {region}",
            "description": (
                "Tot het einde van deze actie bekijkt {provider} kosteloos of het dak van uw "
                "sportclub, dorpshuis of school geschikt is voor zonnepanelen. We controleren de "
                "draagkracht, de ligging en de netaansluiting, en rekenen voor hoeveel panelen er "
                "passen en wat ze opleveren. U krijgt binnen tien dagen een rapport met een "
                "indicatieve offerte."
            ),
            "price_terms": "Gratis en zonder verplichtingen",
        },
        "en": {
            "title": "Free roof scan for sports clubs and village halls in {region}",
            "description": (
                "Until the end of this campaign {provider} checks free of charge whether the roof "
                "of your sports club, village hall or school is suitable for solar panels. We check "
                "load-bearing capacity, orientation and grid connection, and calculate how many "
                "panels fit and what they will yield. Within ten days you receive a report with an "
                "indicative quote."
            ),
            "price_terms": "Free, no obligation",
        },
        "placements": [
            ("zonnewende-energie", "nl", ["overijssel", "gelderland"]),
            ("zonnewende-energie", "en", ["drenthe"], {"valid_days": 60}),
        ],
    },
    {
        "theme": "energy",
        "sdgs": [7, 12],
        "offer_type": "product",
        "valid_days": 60,
        "nl": {
            "title": "Restpartij van 180 zonnepanelen met korting in {region}",
            "description": (
                "Door een gewijzigd project heeft {provider} 180 nieuwe zonnepanelen van 425 Wp "
                "over, nog in de originele verpakking en met 25 jaar productgarantie. Dat is genoeg "
                "voor een dak dat ongeveer 68.000 kWh per jaar opwekt. We verkopen ze met 30% korting "
                "aan energiecoöperaties en dorpshuizen, inclusief montage door onze eigen ploeg."
            ),
            "price_terms": "€ 95 per paneel inclusief montage (normaal € 135)",
        },
        "en": {
            "title": "Surplus stock of 180 solar panels at a discount in {region}",
            "description": (
                "Because a project changed, {provider} has 180 new 425 Wp solar panels left over, "
                "still in their original packaging and with a 25-year product warranty. That is "
                "enough for a roof generating about 68,000 kWh a year. We sell them at 30% off to "
                "energy cooperatives and village halls, including installation by our own crew."
            ),
            "price_terms": "€95 per panel including installation (normally €135)",
        },
        "placements": [
            (
                "zonnewende-energie",
                "nl",
                ["overijssel"],
                {
                    "state": "closed",
                    "close_reason": "fulfilled",
                    "reason": "Alle panelen verkocht aan twee energiecoöperaties in Salland.",
                },
            ),
        ],
    },
    # Mobility -------------------------------------------------------------------------------
    {
        "theme": "mobility",
        "sdgs": [7, 11],
        "offer_type": "product",
        "valid_days": 300,
        "nl": {
            "title": "Laadpalen voor deelauto's en buurtparkeerplaatsen in {region}",
            "description": (
                "{provider} plaatst dubbele laadpalen van 22 kW op uw eigen terrein of, in overleg "
                "met de gemeente, op een openbare buurtparkeerplaats. Met slim laden volgen de palen "
                "de opbrengst van lokale zonnepanelen, zodat uw deelauto's zoveel mogelijk op eigen "
                "stroom rijden. Beheer, storingsdienst en afrekening met gebruikers zitten in het "
                "servicecontract."
            ),
            "price_terms": (
                "€ 3.200 per dubbele laadpaal inclusief installatie; servicecontract € 15 per maand"
            ),
        },
        "en": {
            "title": "EV chargers for shared cars and neighbourhood car parks in {region}",
            "description": (
                "{provider} installs 22 kW double chargers on your own site or, in agreement with "
                "the municipality, in a public neighbourhood car park. Smart charging follows the "
                "output of local solar panels so your shared cars run on home-grown power as much "
                "as possible. Management, fault service and billing of users are part of the "
                "service contract."
            ),
            "price_terms": (
                "€3,200 per double charger including installation; service contract €15 a month"
            ),
        },
        "placements": [
            ("noorderlicht-laden", "nl", ["drenthe", "groningen"]),
            ("noorderlicht-laden", "en", ["friesland"]),
            ("noorderlicht-laden", "en", ["overijssel"]),
        ],
    },
    {
        "theme": "mobility",
        "sdgs": [11, 13],
        "offer_type": "subscription",
        "min_members": 15,
        "valid_days": 365,
        "nl": {
            "title": "Elektrische deelauto's voor buurten en dorpen in {region}",
            "description": (
                "{provider} plaatst één tot drie elektrische deelauto's in uw buurt of dorp, met "
                "een actieradius van ruim 400 kilometer. Leden reserveren via de app of telefonisch; "
                "laden, verzekering, schoonmaak en onderhoud zijn inbegrepen. Uw initiatief zorgt "
                "voor een vaste parkeerplek en minimaal 15 vaste gebruikers, wij doen de rest. "
                "Gemiddeld vervangt één deelauto vijf tot tien eigen auto's."
            ),
            "price_terms": (
                "Leden betalen € 3 per uur plus € 0,29 per km; geen vaste kosten voor het initiatief"
            ),
        },
        "en": {
            "title": "Shared electric cars for neighbourhoods and villages in {region}",
            "description": (
                "{provider} places one to three electric shared cars in your neighbourhood or "
                "village, each with a range of over 400 kilometres. Members book through the app or "
                "by phone; charging, insurance, cleaning and maintenance are included. Your "
                "initiative provides a fixed parking spot and at least 15 regular users, we do the "
                "rest. On average one shared car replaces five to ten private cars."
            ),
            "price_terms": (
                "Members pay €3 per hour plus €0.29 per km; no fixed costs for the initiative"
            ),
        },
        "placements": [
            ("wijkwiel", "nl", ["utrecht"]),
            ("wijkwiel", "en", ["noord-holland", "zuid-holland"]),
            ("wijkwiel", "nl", ["gelderland"]),
            ("wijkwiel", "en", ["flevoland"]),
        ],
    },
    {
        "theme": "mobility",
        "sdgs": [3, 11, 13],
        "offer_type": "subscription",
        "valid_days": 240,
        "nl": {
            "title": "Elektrische deelbakfietsen voor de buurt in {region}",
            "description": (
                "Een elektrische bakfiets is ideaal voor boodschappen, kinderen naar school of "
                "spullen naar het repair café, maar voor veel huishoudens te duur om zelf te kopen. "
                "{provider} plaatst een of meer deelbakfietsen bij een buurthuis, school of winkel. "
                "Bewoners reserveren per uur via de app; wij zorgen voor onderhoud, verzekering en "
                "een reserveaccu."
            ),
            "price_terms": "€ 89 per bakfiets per maand, inclusief onderhoud en verzekering",
        },
        "en": {
            "title": "Shared electric cargo bikes for the neighbourhood in {region}",
            "description": (
                "An electric cargo bike is ideal for groceries, the school run or taking things to "
                "the repair café, but too expensive for many households to buy. {provider} places "
                "one or more shared cargo bikes at a community centre, school or shop. Residents "
                "book by the hour in the app; we take care of maintenance, insurance and a spare "
                "battery."
            ),
            "price_terms": "€89 per cargo bike per month, including maintenance and insurance",
        },
        "placements": [
            ("wijkwiel", "en", ["utrecht"]),
            ("wijkwiel", "nl", ["zuid-holland"]),
            ("wijkwiel", "nl", ["noord-brabant"]),
        ],
    },
    {
        "theme": "mobility",
        "sdgs": [11, 17],
        "offer_type": "advice",
        "valid_days": 365,
        "nl": {
            "title": "Advies: zelf een deelautovereniging opzetten in {region}",
            "description": (
                "Wilt u als buurt zelf auto's delen, zonder commerciële aanbieder? In twee workshops "
                "helpt {provider} u met de keuze tussen een vereniging of coöperatie, de verzekering, "
                "de tarieven en een reserveringssysteem. U krijgt voorbeeldstatuten, een "
                "huishoudelijk reglement en een rekenmodel waarmee u de kosten per kilometer "
                "bepaalt."
            ),
            "price_terms": "€ 650 voor twee workshops en alle modellen",
        },
        "en": {
            "title": "Advice: setting up your own car-sharing association in {region}",
            "description": (
                "Want to share cars as a neighbourhood, without a commercial provider? In two "
                "workshops {provider} helps you choose between an association and a cooperative, "
                "arrange insurance, set rates and pick a booking system. You receive model statutes, "
                "house rules and a spreadsheet to calculate the cost per kilometre."
            ),
            "price_terms": "€650 for two workshops and all templates",
        },
        "placements": [
            ("wijkwiel", "nl", NATIONAL),
            ("wijkwiel", "en", ["groningen", "drenthe"]),
        ],
    },
    {
        "theme": "mobility",
        "sdgs": [10, 11],
        "offer_type": "grant",
        "eligible_legal_forms": ["vereniging", "stichting"],
        "valid_days": None,
        "nl": {
            "title": "Bijdrage voor buurtbussen en vrijwillige chauffeurs in {region}",
            "description": (
                "In kernen zonder regulier openbaar vervoer rijden vrijwilligers met een buurtbus of "
                "een elektrische dorpsauto. {provider} draagt jaarlijks tot € 5.000 bij aan de "
                "exploitatie per buurtbusvereniging, bijvoorbeeld voor brandstof, de medische "
                "keuring van chauffeurs en de werving van nieuwe vrijwilligers. Aanvragen kan het "
                "hele jaar door; u hoort binnen acht weken of u de bijdrage krijgt."
            ),
            "price_terms": "Tot € 5.000 per vereniging per jaar",
        },
        "en": {
            "title": "Contribution for community buses and volunteer drivers in {region}",
            "description": (
                "In villages without regular public transport, volunteers drive a community bus or "
                "an electric village car. {provider} contributes up to €5,000 a year per community "
                "bus association towards running costs, such as fuel, medical checks for drivers "
                "and recruiting new volunteers. You can apply all year round and will hear within "
                "eight weeks whether you receive the contribution."
            ),
            "price_terms": "Up to €5,000 per association per year",
        },
        "placements": [
            ("provincie-limburg", "nl", ["limburg"]),
            ("provincie-zeeland", "en", ["zeeland"]),
        ],
    },
    # Care -----------------------------------------------------------------------------------
    {
        "theme": "care",
        "sdgs": [3, 10, 11],
        "offer_type": "subscription",
        "eligible_initiative_kinds": [
            "care_coop",
            "village_association",
            "neighbourhood_enterprise",
        ],
        "valid_days": 365,
        "nl": {
            "title": "Planningssoftware voor zorgcoöperaties en dorpsondersteuners in {region}",
            "description": (
                "Met de software van {provider} koppelt uw coördinator hulpvragen – vervoer naar het "
                "ziekenhuis, boodschappen, een klusje – in een paar klikken aan de juiste "
                "vrijwilliger. Vrijwilligers zien hun ritten en afspraken in een eenvoudige app; "
                "ouderen zonder smartphone bellen gewoon het vaste nummer. De software houdt ook "
                "kilometervergoedingen en de VOG's van vrijwilligers bij."
            ),
            "price_terms": "€ 49 per maand tot 150 vrijwilligers; eerste drie maanden gratis",
        },
        "en": {
            "title": "Scheduling software for care cooperatives and village support in {region}",
            "description": (
                "With {provider}, your coordinator matches requests for help – a lift to the "
                "hospital, groceries, a small repair – to the right volunteer in a few clicks. "
                "Volunteers see their rides and appointments in a simple app; older people without "
                "a smartphone simply call the usual phone number. The software also tracks mileage "
                "allowances and volunteers' certificates of conduct (VOG)."
            ),
            "price_terms": "€49 a month for up to 150 volunteers; first three months free",
        },
        "placements": [
            ("zorgrooster", "nl", NATIONAL),
            ("zorgrooster", "en", ["utrecht", "gelderland"]),
            ("zorgrooster", "nl", ["limburg", "noord-brabant"]),
        ],
    },
    {
        "theme": "care",
        "sdgs": [3, 17],
        "offer_type": "service",
        "valid_days": 300,
        "nl": {
            "title": "Implementatie en training voor coördinatoren van vrijwilligers in {region}",
            "description": (
                "Overstappen van een Excel-lijst en een volle agenda naar een digitaal "
                "planningssysteem vraagt wat begeleiding. Een consultant van {provider} zet samen "
                "met uw coördinatoren het systeem op, importeert de gegevens van vrijwilligers en "
                "hulpvragers en geeft twee trainingen op locatie. Na zes weken evalueren we samen of "
                "alles werkt zoals u wilt."
            ),
            "price_terms": "Eenmalig € 750, inclusief twee trainingen op locatie",
        },
        "en": {
            "title": "Onboarding and training for volunteer coordinators in {region}",
            "description": (
                "Moving from a spreadsheet and a full diary to a digital scheduling system takes "
                "some guidance. A consultant from {provider} sets up the system with your "
                "coordinators, imports existing data on volunteers and clients and gives two "
                "on-site training sessions. After six weeks we review together whether everything "
                "works the way you want."
            ),
            "price_terms": "One-off €750, including two on-site training sessions",
        },
        "placements": [
            ("zorgrooster", "en", NATIONAL),
            ("zorgrooster", "nl", ["overijssel"]),
        ],
    },
    {
        "theme": "care",
        "sdgs": [3, 10, 11],
        "offer_type": "grant",
        "eligible_legal_forms": ["stichting", "vereniging", "cooperatie_ua"],
        "eligible_initiative_kinds": ["care_coop", "village_association"],
        "min_members": 50,
        "valid_days": 120,
        "nl": {
            "title": "Startsubsidie voor zorgcoöperaties in {region}",
            "description": (
                "{provider} geeft startende zorgcoöperaties en zorgzame-dorpeninitiatieven een "
                "bijdrage van maximaal € 15.000. Daarmee kunt u bijvoorbeeld een bedrijfsplan laten "
                "maken, de eerste uren van een betaalde coördinator bekostigen of een "
                "ontmoetingsruimte inrichten. Voorwaarde is dat minimaal 50 inwoners lid zijn of zich "
                "als vrijwilliger hebben aangemeld."
            ),
            "price_terms": "Tot € 15.000; geen eigen bijdrage vereist",
        },
        "en": {
            "title": "Start-up grants for care cooperatives in {region}",
            "description": (
                "{provider} gives new care cooperatives and caring-village initiatives a grant of up "
                "to €15,000. You can use it, for instance, for a business plan, the first hours of a "
                "paid coordinator or furnishing a meeting room. The condition is that at least 50 "
                "residents have joined as members or signed up as volunteers."
            ),
            "price_terms": "Up to €15,000; no co-funding required",
        },
        "placements": [
            ("fonds-zorgzame-buurt", "nl", NATIONAL),
            ("fonds-zorgzame-buurt", "en", ["limburg", "noord-brabant", "gelderland"]),
        ],
    },
    {
        "theme": "care",
        "sdgs": [3, 11],
        "offer_type": "grant",
        "eligible_legal_forms": ["stichting", "vereniging", "cooperatie_ua"],
        "valid_days": 90,
        "nl": {
            "title": "Subsidie voor dorpsondersteuners en zorgzame dorpen in {region}",
            "description": (
                "Een dorpsondersteuner is het vaste aanspreekpunt voor ouderen en mantelzorgers in "
                "een dorp. {provider} financiert gedurende twee jaar de helft van de kosten van een "
                "dorpsondersteuner, tot € 25.000 per dorp. De andere helft komt van de gemeente, een "
                "zorgverzekeraar of het initiatief zelf. Aanvragen voor de lopende ronde kunt u tot "
                "de sluitingsdatum indienen."
            ),
            "price_terms": "50% van de kosten, maximaal € 25.000 per dorp over twee jaar",
        },
        "en": {
            "title": "Grants for village care coordinators and caring villages in {region}",
            "description": (
                "A village care coordinator is the fixed point of contact for older residents and "
                "informal carers in a village. {provider} funds half the cost of a village care "
                "coordinator for two years, up to €25,000 per village. The other half comes from "
                "the municipality, a health insurer or the initiative itself. Applications for the "
                "current round can be submitted until the closing date."
            ),
            "price_terms": "50% of the costs, up to €25,000 per village over two years",
        },
        "placements": [
            ("provincie-limburg", "nl", ["limburg"]),
            ("provincie-zeeland", "en", ["zeeland"]),
        ],
    },
    {
        "theme": "care",
        "sdgs": [3, 10],
        "offer_type": "subscription",
        "valid_days": 365,
        "nl": {
            "title": "Personenalarmering met burenhulp in {region}",
            "description": (
                "Met een alarmknop om de pols of een valdetector in huis kunnen ouderen met één druk "
                "hulp inschakelen. Bij {provider} gaat de melding eerst naar drie zelfgekozen buren "
                "of vrijwilligers van uw zorgcoöperatie, en pas als niemand reageert naar een "
                "professionele meldkamer. Zo blijft hulp dichtbij en betaalbaar. Installatie en "
                "uitleg aan huis zijn inbegrepen."
            ),
            "price_terms": (
                "€ 14,95 per huishouden per maand; leden van een zorgcoöperatie € 11,95"
            ),
        },
        "en": {
            "title": "Personal alarms with neighbour response in {region}",
            "description": (
                "With an alarm button on the wrist or a fall detector at home, older people can "
                "call for help with one press. With {provider}, the alert first goes to three "
                "neighbours or care cooperative volunteers of their choice, and only then to a "
                "professional control room if nobody responds. That keeps help close and "
                "affordable. Installation and an explanation at home are included."
            ),
            "price_terms": "€14.95 per household per month; €11.95 for care cooperative members",
        },
        "placements": [
            ("zorgrooster", "nl", ["friesland", "groningen", "drenthe"]),
            ("zorgrooster", "en", ["zeeland"]),
        ],
    },
    # Housing --------------------------------------------------------------------------------
    {
        "theme": "housing",
        "sdgs": [10, 11],
        "offer_type": "loan",
        "eligible_legal_forms": ["cooperatie_ua", "cooperatie_ba"],
        "eligible_initiative_kinds": ["housing_coop"],
        "min_members": 12,
        "valid_days": None,
        "nl": {
            "title": "Hypothecaire financiering voor wooncoöperaties in {region}",
            "description": (
                "{provider} financiert wooncoöperaties vanaf € 1 miljoen, tot 70% van de getaxeerde "
                "waarde, met een looptijd van 30 jaar en een rentevaste periode van 10 jaar. De "
                "resterende 30% brengt u in met ledeninleg, een achtergestelde lening of een "
                "gemeentelijke lening. Voorwaarde is een coöperatie U.A. of B.A. met minimaal 12 "
                "leden en een goedgekeurde begroting voor beheer en onderhoud."
            ),
            "price_terms": (
                "Vanaf € 1 miljoen, tot 70% van de waarde; rente op aanvraag (indicatie 4,2% bij "
                "10 jaar vast)"
            ),
        },
        "en": {
            "title": "Mortgage financing for housing cooperatives in {region}",
            "description": (
                "{provider} finances housing cooperatives from €1 million, up to 70% of the valued "
                "price, over 30 years with a 10-year fixed interest period. You bring in the "
                "remaining 30% through member deposits, a subordinated loan or a municipal loan. The "
                "cooperative must be a U.A. or B.A. cooperative with at least 12 members and an "
                "approved budget for management and maintenance."
            ),
            "price_terms": (
                "From €1 million, up to 70% of the value; rate on request (about 4.2% fixed for "
                "10 years)"
            ),
        },
        "placements": [
            ("groenwoon", "nl", NATIONAL),
            ("groenwoon", "en", ["noord-holland", "utrecht", "zuid-holland"]),
        ],
    },
    {
        "theme": "housing",
        "sdgs": [10, 11],
        "offer_type": "loan",
        "eligible_legal_forms": ["cooperatie_ua", "cooperatie_ba"],
        "eligible_initiative_kinds": ["housing_coop"],
        "min_members": 8,
        "valid_days": None,
        "nl": {
            "title": "Achtergestelde lening voor startende wooncoöperaties in {region}",
            "description": (
                "Banken financieren een wooncoöperatie zelden volledig. {provider} overbrugt het gat "
                "met een achtergestelde lening tot € 50.000 per woning en maximaal € 1,5 miljoen per "
                "project, tegen 2% rente. De lening wordt pas afgelost nadat de hypotheek voldoende "
                "is afgelost, en het terugbetaalde geld gaat naar de volgende wooncoöperatie."
            ),
            "price_terms": "Tot € 50.000 per woning (max. € 1,5 miljoen), 2% rente, looptijd 30 jaar",
        },
        "en": {
            "title": "Subordinated loans for new housing cooperatives in {region}",
            "description": (
                "Banks rarely finance a housing cooperative in full. {provider} bridges the gap "
                "with a subordinated loan of up to €50,000 per home and at most €1.5 million per "
                "project, at 2% interest. The loan is repaid only once enough of the mortgage has "
                "been paid off, and repaid money goes to the next housing cooperative."
            ),
            "price_terms": "Up to €50,000 per home (max. €1.5 million), 2% interest, 30-year term",
        },
        "placements": [
            ("startfonds-wonen", "nl", NATIONAL),
            ("startfonds-wonen", "en", ["utrecht", "noord-holland"]),
        ],
    },
    {
        "theme": "housing",
        "sdgs": [11, 17],
        "offer_type": "advice",
        "eligible_initiative_kinds": ["housing_coop", "resident_initiative"],
        "valid_days": 365,
        "nl": {
            "title": "Procesbegeleiding van woongroep tot wooncoöperatie in {region}",
            "description": (
                "Van een groep enthousiaste mensen naar een coöperatie die kan bouwen is een lange "
                "weg. In zes sessies helpt {provider} u met de statuten, het ledenbeleid, de "
                "financieringsstructuur en de gesprekken met gemeente en bank. Gaat uw project door, "
                "dan krijgt u de helft van de kosten terug zodra de financiering rond is."
            ),
            "price_terms": "€ 3.500 voor zes sessies; 50% terug als het project doorgaat",
        },
        "en": {
            "title": "Guidance from housing group to housing cooperative in {region}",
            "description": (
                "Turning a group of enthusiastic people into a cooperative that can build is a long "
                "road. In six sessions {provider} helps you with the statutes, membership policy, "
                "financing structure and talks with the municipality and the bank. If your project "
                "goes ahead, you get half the fee back once financing is arranged."
            ),
            "price_terms": "€3,500 for six sessions; 50% refunded if the project goes ahead",
        },
        "placements": [
            ("startfonds-wonen", "nl", ["gelderland"]),
            ("startfonds-wonen", "en", NATIONAL),
        ],
    },
    {
        "theme": "housing",
        "sdgs": [10, 11],
        "offer_type": "product",
        "eligible_legal_forms": ["cooperatie_ua"],
        "eligible_initiative_kinds": ["housing_coop"],
        "valid_days": 75,
        "nl": {
            "title": "Kavel in erfpacht voor een wooncoöperatie in Nijmegen-Lent",
            "description": (
                "De gemeente Nijmegen geeft een kavel van 2.400 m² in Lent in erfpacht uit aan een "
                "wooncoöperatie. Op de kavel passen circa 24 woningen, waarvan minimaal 70% sociale "
                "of middeldure huur. Coöperaties kunnen tot de sluitingsdatum een plan indienen; een "
                "onafhankelijke commissie beoordeelt betaalbaarheid, duurzaamheid en de rol van de "
                "bewoners."
            ),
            "price_terms": (
                "Erfpacht met een canon van 2,5% van de grondwaarde per jaar; selectie op plan, "
                "niet op prijs"
            ),
        },
        "en": {
            "title": "Leasehold building plot for a housing cooperative in Nijmegen-Lent",
            "description": (
                "The municipality of Nijmegen is leasing a 2,400 m² plot in Lent to a housing "
                "cooperative. The plot fits about 24 homes, at least 70% of them social or "
                "mid-priced rental. Cooperatives can submit a plan until the closing date; an "
                "independent committee assesses affordability, sustainability and the role of "
                "residents."
            ),
            "price_terms": (
                "Leasehold at 2.5% of the land value a year; selection on the plan, not the price"
            ),
        },
        "placements": [
            ("gemeente-nijmegen", "nl", ["gelderland"]),
        ],
    },
    {
        "theme": "finance",
        "sdgs": [7, 11, 13],
        "offer_type": "loan",
        "eligible_legal_forms": ["vereniging", "stichting", "cooperatie_ua"],
        "valid_days": None,
        "nl": {
            "title": "Duurzaamheidslening voor verenigingen en buurthuizen in {region}",
            "description": (
                "Sportclubs, dorpshuizen en buurthuizen kunnen bij {provider} een lening aanvragen "
                "voor isolatie, zonnepanelen, een warmtepomp of ledverlichting. U leent tussen "
                "€ 2.500 en € 100.000 tegen 1,5% rente, met een looptijd tot 15 jaar. De besparing "
                "op de energierekening is in de meeste gevallen hoger dan de maandlast."
            ),
            "price_terms": "€ 2.500 tot € 100.000, 1,5% rente, looptijd tot 15 jaar",
        },
        "en": {
            "title": "Sustainability loans for clubs and community centres in {region}",
            "description": (
                "Sports clubs, village halls and community centres can borrow from {provider} for "
                "insulation, solar panels, a heat pump or LED lighting. You borrow between €2,500 "
                "and €100,000 at 1.5% interest, for up to 15 years. In most cases the saving on the "
                "energy bill is higher than the monthly repayment."
            ),
            "price_terms": "€2,500 to €100,000, 1.5% interest, term up to 15 years",
        },
        "placements": [
            ("gemeente-nijmegen", "nl", ["gelderland"]),
            ("gemeente-zwolle", "en", ["overijssel"]),
            ("provincie-zeeland", "nl", ["zeeland"]),
        ],
    },
    # Food -----------------------------------------------------------------------------------
    {
        "theme": "food",
        "sdgs": [2, 12],
        "offer_type": "subscription",
        "valid_days": 180,
        "nl": {
            "title": "Wekelijkse boerenkratten voor voedselcoöperaties in {region}",
            "description": (
                "{provider} levert elke week kratten met seizoensgroente, fruit, zuivel en brood van "
                "boeren uit de polder bij uw uitgiftepunt. U bestelt per lid of als coöperatie in "
                "één keer, tot dinsdagavond voor levering op donderdag. Vanaf 40 kratten per week is "
                "de bezorging gratis. De boeren ontvangen 70% van wat u betaalt."
            ),
            "price_terms": "€ 12,50 per standaardkrat; bezorging gratis vanaf 40 kratten per week",
        },
        "en": {
            "title": "Weekly farm crates for food cooperatives in {region}",
            "description": (
                "Every week {provider} delivers crates of seasonal vegetables, fruit, dairy and "
                "bread from polder farms to your pickup point. You order per member or as a "
                "cooperative in one go, until Tuesday evening for delivery on Thursday. Delivery is "
                "free from 40 crates a week. The farmers receive 70% of what you pay."
            ),
            "price_terms": "€12.50 per standard crate; free delivery from 40 crates a week",
        },
        "placements": [
            ("polderversbox", "nl", ["flevoland"]),
            ("polderversbox", "en", ["noord-holland", "utrecht"]),
            ("polderversbox", "en", ["gelderland"]),
        ],
    },
    {
        "theme": "food",
        "sdgs": [2, 12, 13],
        "offer_type": "service",
        "eligible_initiative_kinds": ["food_coop"],
        "valid_days": 200,
        "nl": {
            "title": "Koelruimte en transport voor voedselcoöperaties in {region}",
            "description": (
                "Veel voedselcoöperaties lopen vast op opslag: waar laat je 300 kilo groente tot de "
                "uitgifte? {provider} verhuurt plaatsen in een gedeelde koelcel van 20 m³ bij ons "
                "distributiepunt en rijdt twee keer per week met een elektrische koelbus langs "
                "boeren en uitgiftepunten. U betaalt alleen voor wat u vervoert."
            ),
            "price_terms": "€ 0,45 per vervoerde kilo; koelcelplaats € 60 per maand",
        },
        "en": {
            "title": "Cold storage and transport for food cooperatives in {region}",
            "description": (
                "Many food cooperatives get stuck on storage: where do you keep 300 kilos of "
                "vegetables until distribution day? {provider} rents out space in a shared 20 m³ "
                "cold room at our distribution hub and runs an electric refrigerated van past farms "
                "and pickup points twice a week. You only pay for what you move."
            ),
            "price_terms": "€0.45 per kilo transported; cold room space €60 a month",
        },
        "placements": [
            ("polderversbox", "en", ["flevoland", "gelderland"]),
            ("polderversbox", "nl", ["overijssel"]),
        ],
    },
    {
        "theme": "food",
        "sdgs": [2, 11, 15],
        "offer_type": "grant",
        "valid_days": 120,
        "nl": {
            "title": "Bijdrage voor buurtmoestuinen en voedselbossen in {region}",
            "description": (
                "{provider} steunt bewoners die samen voedsel verbouwen. U kunt een bijdrage tot "
                "€ 7.500 krijgen voor bijvoorbeeld plantgoed, gereedschap, een waterpomp of een "
                "tuinkas. We vragen dat de tuin minimaal vijf jaar beschikbaar is en dat "
                "buurtbewoners kunnen meedoen. Er zijn vier aanvraagrondes per jaar."
            ),
            "price_terms": "Tot € 7.500 per project; vier aanvraagrondes per jaar",
        },
        "en": {
            "title": "Grants for community vegetable gardens and food forests in {region}",
            "description": (
                "{provider} supports residents who grow food together. You can receive up to "
                "€7,500 for plants, tools, a water pump or a greenhouse, for example. We ask that "
                "the garden is available for at least five years and open to people from the "
                "neighbourhood. There are four application rounds a year."
            ),
            "price_terms": "Up to €7,500 per project; four application rounds a year",
        },
        "placements": [
            ("groen-doen-fonds", "nl", NATIONAL),
            ("groen-doen-fonds", "en", ["zuid-holland", "noord-holland"]),
            ("groen-doen-fonds", "en", ["noord-brabant", "limburg"]),
        ],
    },
    {
        "theme": "food",
        "sdgs": [2, 12, 17],
        "offer_type": "advice",
        "valid_days": 300,
        "nl": {
            "title": "Begeleiding bij het opzetten van een voedselcoöperatie in {region}",
            "description": (
                "Hoe vind je boeren die willen leveren, welk bestelsysteem past bij vrijwilligers en "
                "hoe houd je de prijzen betaalbaar? {provider} begeleidt startende "
                "voedselcoöperaties in vier sessies, van ledenwerving tot de eerste uitgifte. U "
                "krijgt een draaiboek, een voorbeeldbegroting en contacten met coöperaties die u "
                "voorgingen."
            ),
            "price_terms": "€ 1.200 voor vier sessies; vaak te vergoeden uit het wijkbudget",
        },
        "en": {
            "title": "Support for setting up a food cooperative in {region}",
            "description": (
                "How do you find farmers willing to supply, which ordering system suits volunteers, "
                "and how do you keep prices affordable? {provider} guides new food cooperatives in "
                "four sessions, from recruiting members to the first distribution day. You receive "
                "a step-by-step plan, a sample budget and contacts with cooperatives that went "
                "before you."
            ),
            "price_terms": "€1,200 for four sessions; often covered by a neighbourhood budget",
        },
        "placements": [
            ("wijkwerk-advies", "nl", ["noord-holland"]),
            ("wijkwerk-advies", "en", NATIONAL),
        ],
    },
    # Circular economy -----------------------------------------------------------------------
    {
        "theme": "circular",
        "sdgs": [12, 13],
        "offer_type": "product",
        "valid_days": 365,
        "nl": {
            "title": "Complete gereedschapskist voor repair cafés in {region}",
            "description": (
                "De repair-café-kist van {provider} bevat 120 onderdelen: een temperatuurgeregeld "
                "soldeerstation, twee multimeters, een isolatietester, precisieschroevendraaiers, "
                "een naaimachine en een fietsreparatieset. Alles zit in stevige rolkoffers, zodat u "
                "na afloop snel opruimt. Repair cafés die bij een landelijk netwerk zijn aangesloten "
                "krijgen 20% korting."
            ),
            "price_terms": "€ 1.450 per kist; 20% korting voor aangesloten repair cafés",
        },
        "en": {
            "title": "Complete tool kit for repair cafés in {region}",
            "description": (
                "The {provider} repair café kit contains 120 items: a temperature-controlled "
                "soldering station, two multimeters, an insulation tester, precision screwdrivers, "
                "a sewing machine and a bicycle repair set. Everything comes in sturdy trolley "
                "cases, so you can pack up quickly afterwards. Repair cafés affiliated with a "
                "national network get 20% off."
            ),
            "price_terms": "€1,450 per kit; 20% off for affiliated repair cafés",
        },
        "placements": [
            ("tweede-leven", "nl", NATIONAL),
            ("tweede-leven", "en", ["noord-brabant", "limburg"]),
            ("tweede-leven", "en", ["zuid-holland"]),
        ],
    },
    {
        "theme": "circular",
        "sdgs": [12],
        "offer_type": "subscription",
        "eligible_initiative_kinds": ["repair_cafe"],
        "valid_days": 365,
        "nl": {
            "title": "Onderdelenabonnement voor repair cafés in {region}",
            "description": (
                "Vaak strandt een reparatie op één ontbrekend onderdeel: een koolborstel, een "
                "thermostaat, een aandrijfriem. Met het onderdelenabonnement van {provider} bestelt "
                "u uit 40.000 onderdelen voor huishoudelijke apparaten met 15% korting; bestelt u "
                "vóór 16.00 uur, dan ligt het de volgende dag bij uw coördinator. Onze technici "
                "beantwoorden ook vragen over lastige reparaties."
            ),
            "price_terms": "€ 25 per maand; 15% korting op alle onderdelen",
        },
        "en": {
            "title": "Spare parts subscription for repair cafés in {region}",
            "description": (
                "Repairs often fail for want of one part: a carbon brush, a thermostat, a drive "
                "belt. With the {provider} parts subscription you order from 40,000 parts for "
                "household appliances at 15% off; order before 4 pm and it reaches your "
                "coordinator the next day. Our technicians also answer questions about tricky "
                "repairs."
            ),
            "price_terms": "€25 a month; 15% off all parts",
        },
        "placements": [
            ("tweede-leven", "en", NATIONAL),
            ("tweede-leven", "nl", ["friesland", "groningen"]),
        ],
    },
    {
        "theme": "circular",
        "sdgs": [3, 4, 12],
        "offer_type": "service",
        "valid_days": 240,
        "nl": {
            "title": "Training veilig repareren aan elektrische apparaten in {region}",
            "description": (
                "Vrijwilligers in repair cafés werken met netspanning, vaak zonder technische "
                "opleiding. In deze eendaagse training van {provider} leren maximaal tien "
                "vrijwilligers veilig werken volgens de basisprincipes van NEN 3140, meten met een "
                "multimeter en een apparaat na reparatie testen. Deelnemers krijgen een certificaat "
                "dat door veel verzekeraars wordt erkend."
            ),
            "price_terms": "€ 95 per deelnemer, minimaal 6 en maximaal 10 per groep",
        },
        "en": {
            "title": "Training in the safe repair of electrical appliances in {region}",
            "description": (
                "Repair café volunteers work with mains voltage, often without technical training. "
                "In this one-day course by {provider}, up to ten volunteers learn to work safely "
                "following the basics of the NEN 3140 standard, to measure with a multimeter and to "
                "test an appliance after repair. Participants receive a certificate recognised by "
                "many insurers."
            ),
            "price_terms": "€95 per participant, 6 to 10 per group",
        },
        "placements": [
            ("tweede-leven", "nl", ["noord-brabant"]),
            ("tweede-leven", "en", ["utrecht", "gelderland"]),
            (
                "tweede-leven",
                "nl",
                ["overijssel", "drenthe"],
                {
                    "state": "rejected",
                    "reason": (
                        "Dank voor uw aanbod. Vermeld welke instantie het certificaat afgeeft en "
                        "waar de training in Overijssel en Drenthe plaatsvindt; dan kunnen we het "
                        "publiceren."
                    ),
                },
            ),
        ],
    },
    {
        "theme": "circular",
        "sdgs": [11, 12],
        "offer_type": "grant",
        "valid_days": 180,
        "nl": {
            "title": "Startbijdrage voor repair cafés en deelwinkels in {region}",
            "description": (
                "Wilt u in uw wijk of dorp een repair café, gereedschapsbibliotheek of weggeefwinkel "
                "beginnen? {provider} geeft een eenmalige bijdrage tot € 2.500 voor gereedschap, een "
                "eerste voorraad onderdelen en promotie. U vult een kort formulier in en presenteert "
                "uw plan in een gesprek van 20 minuten."
            ),
            "price_terms": "Eenmalig tot € 2.500",
        },
        "en": {
            "title": "Start-up contributions for repair cafés and sharing shops in {region}",
            "description": (
                "Planning to start a repair café, tool library or give-away shop in your "
                "neighbourhood or village? {provider} gives a one-off contribution of up to €2,500 "
                "for tools, an initial stock of parts and publicity. You fill in a short form and "
                "present your plan in a 20-minute conversation."
            ),
            "price_terms": "One-off, up to €2,500",
        },
        "placements": [
            ("groen-doen-fonds", "nl", NATIONAL),
            ("groen-doen-fonds", "en", ["noord-brabant"]),
        ],
    },
    # Community ------------------------------------------------------------------------------
    {
        "theme": "community",
        "sdgs": [10, 11, 17],
        "offer_type": "grant",
        "valid_days": 365,
        "nl": {
            "title": "Wijkbudget Zwolle: tot € 5.000 voor bewonersinitiatieven",
            "description": (
                "Heeft u een idee voor uw straat of wijk, zoals een buurtfeest, een speelplek of een "
                "ontmoetingsbankje? Met het wijkbudget draagt de gemeente Zwolle tot € 5.000 bij. "
                "Een wijkcoach denkt mee over uw plan en helpt met de aanvraag. Voor aanvragen tot "
                "€ 1.000 hoort u binnen twee weken of u het geld krijgt."
            ),
            "price_terms": (
                "Tot € 5.000 per initiatief; aanvragen tot € 1.000 binnen twee weken beoordeeld"
            ),
        },
        "en": {
            "title": "Zwolle neighbourhood budget: up to €5,000 for residents' initiatives",
            "description": (
                "Do you have an idea for your street or neighbourhood, such as a street party, a "
                "play area or a meeting bench? Through the neighbourhood budget the municipality of "
                "Zwolle contributes up to €5,000. A neighbourhood coach helps you shape your plan "
                "and your application. For requests up to €1,000 you hear within two weeks."
            ),
            "price_terms": "Up to €5,000 per initiative; requests up to €1,000 decided in two weeks",
        },
        "placements": [
            ("gemeente-zwolle", "nl", ["overijssel"]),
        ],
    },
    {
        "theme": "community",
        "sdgs": [10, 11],
        "offer_type": "grant",
        "valid_days": 300,
        "nl": {
            "title": "Bewonersbudget voor activiteiten in Rotterdamse wijken",
            "description": (
                "Rotterdammers die iets willen organiseren voor hun buurt kunnen een bewonersbudget "
                "aanvragen van maximaal € 10.000. Een panel van bewoners uit de wijk beoordeelt de "
                "aanvragen elke zes weken. Denk aan een zomerprogramma voor kinderen, een "
                "buurtmaaltijd of het opknappen van een binnentuin."
            ),
            "price_terms": "Tot € 10.000 per aanvraag; beoordeling door een bewonerspanel",
        },
        "en": {
            "title": "Residents' budget for activities in Rotterdam neighbourhoods",
            "description": (
                "Rotterdam residents who want to organise something for their neighbourhood can "
                "apply for a residents' budget of up to €10,000. A panel of residents from the "
                "district assesses the applications every six weeks. Think of a summer programme "
                "for children, a neighbourhood dinner or refurbishing a shared courtyard garden."
            ),
            "price_terms": "Up to €10,000 per application; decided by a residents' panel",
        },
        "placements": [
            ("gemeente-rotterdam", "nl", ["zuid-holland"]),
        ],
    },
    {
        "theme": "community",
        "sdgs": [11, 16, 17],
        "offer_type": "grant",
        "eligible_legal_forms": ["stichting", "vereniging", "cooperatie_ua"],
        "valid_days": None,
        "nl": {
            "title": "Right to Challenge: neem een gemeentelijke taak over in Rotterdam",
            "description": (
                "Denkt u als buurt dat u een taak van de gemeente beter of goedkoper kunt uitvoeren, "
                "zoals het groenonderhoud, het beheer van een buurthuis of het schoonhouden van een "
                "park? Met de Right to Challenge daagt u de gemeente uit. Wordt uw plan goedgekeurd, "
                "dan krijgt u het budget dat de gemeente er zelf aan zou besteden, voor twee tot "
                "vier jaar."
            ),
            "price_terms": "Budget gelijk aan de huidige gemeentelijke kosten; 2 tot 4 jaar",
        },
        "en": {
            "title": "Right to Challenge: take over a municipal task in Rotterdam",
            "description": (
                "Does your neighbourhood believe it can do a municipal job better or more cheaply, "
                "such as maintaining green spaces, running a community centre or keeping a park "
                "clean? With the Right to Challenge you challenge the city. If your plan is "
                "approved, you receive the budget the city would spend on it itself, for two to "
                "four years."
            ),
            "price_terms": "A budget equal to the city's current costs, for 2 to 4 years",
        },
        "placements": [
            ("gemeente-rotterdam", "en", ["zuid-holland"], {"state": "submitted"}),
        ],
    },
    {
        "theme": "community",
        "sdgs": [10, 11],
        "offer_type": "grant",
        "eligible_legal_forms": ["vereniging", "stichting", "cooperatie_ua"],
        "eligible_initiative_kinds": [
            "village_association",
            "neighbourhood_enterprise",
            "resident_initiative",
        ],
        "valid_days": 150,
        "nl": {
            "title": "Leefbaarheidssubsidie voor dorpen en kernen in {region}",
            "description": (
                "{provider} draagt bij aan projecten die een dorp of kern leefbaar houden: de "
                "verbouwing van een dorpshuis, een multifunctioneel sportveld, een dorpswinkel die "
                "door vrijwilligers wordt gerund. De subsidie bedraagt 50% van de kosten, tot "
                "€ 50.000. Initiatieven met veel eigen inzet van inwoners, bijvoorbeeld in "
                "vrijwilligersuren, krijgen voorrang."
            ),
            "price_terms": "50% van de projectkosten, maximaal € 50.000",
        },
        "en": {
            "title": "Liveability grants for villages in {region}",
            "description": (
                "{provider} contributes to projects that keep a village liveable: renovating a "
                "village hall, a multi-purpose sports field, a village shop run by volunteers. The "
                "grant covers 50% of the costs, up to €50,000. Initiatives with a lot of resident "
                "effort, for example in volunteer hours, get priority."
            ),
            "price_terms": "50% of project costs, up to €50,000",
        },
        "placements": [
            ("provincie-fryslan", "nl", ["friesland"]),
            ("provincie-zeeland", "en", ["zeeland"]),
        ],
    },
    {
        "theme": "community",
        "sdgs": [3, 11],
        "offer_type": "grant",
        "eligible_initiative_kinds": ["village_association", "resident_initiative"],
        "valid_days": 365,
        "nl": {
            "title": "Kleine bijdragen voor dorpsactiviteiten in {region}",
            "description": (
                "Voor een nieuwe keuken in het dorpshuis, speeltoestellen of een AED met buitenkast "
                "hoeft u geen ingewikkelde aanvraag te schrijven. {provider} geeft bijdragen tot "
                "€ 2.500 op basis van een formulier van één A4 en een begroting. U hoort binnen vier "
                "weken of u de bijdrage krijgt; na afloop vragen we een paar foto's en een kort "
                "verslag."
            ),
            "price_terms": "Tot € 2.500; besluit binnen vier weken",
        },
        "en": {
            "title": "Small grants for village activities in {region}",
            "description": (
                "For a new kitchen in the village hall, play equipment or a defibrillator with an "
                "outdoor cabinet, you don't need a complicated application. {provider} gives grants "
                "of up to €2,500 based on a one-page form and a budget. You hear within four weeks; "
                "afterwards we ask for a few photos and a short report."
            ),
            "price_terms": "Up to €2,500; decision within four weeks",
        },
        "placements": [
            ("noordelijk-dorpenfonds", "nl", ["groningen"]),
            ("noordelijk-dorpenfonds", "en", ["drenthe"]),
            ("noordelijk-dorpenfonds", "nl", ["friesland"]),
        ],
    },
    {
        "theme": "community",
        "sdgs": [11, 17],
        "offer_type": "advice",
        "eligible_initiative_kinds": [
            "neighbourhood_enterprise",
            "village_association",
            "resident_initiative",
        ],
        "valid_days": 365,
        "nl": {
            "title": "Begeleiding bij het overnemen van een buurthuis in {region}",
            "description": (
                "Steeds vaker nemen bewoners het beheer van een buurthuis of dorpshuis over van de "
                "gemeente. {provider} helpt u met een sluitende exploitatie, afspraken over huur en "
                "onderhoud, een rooster voor vrijwilligers en het gesprek met de gemeente. Een "
                "traject duurt drie tot zes maanden en wordt vaak door de gemeente zelf betaald."
            ),
            "price_terms": "€ 4.800 per traject; vaak vergoed door de gemeente",
        },
        "en": {
            "title": "Support for taking over a community centre in {region}",
            "description": (
                "More and more often, residents take over the running of a community centre or "
                "village hall from the municipality. {provider} helps you with a balanced operating "
                "budget, agreements on rent and maintenance, a volunteer rota and the talks with "
                "the municipality. A trajectory takes three to six months and is often paid for by "
                "the municipality itself."
            ),
            "price_terms": "€4,800 per trajectory; often paid by the municipality",
        },
        "placements": [
            ("wijkwerk-advies", "nl", ["noord-holland", "utrecht"]),
            ("wijkwerk-advies", "en", ["zuid-holland"]),
            ("wijkwerk-advies", "en", ["gelderland"]),
        ],
    },
    {
        "theme": "community",
        "sdgs": [11, 17],
        "offer_type": "product",
        "valid_days": 240,
        "nl": {
            "title": "Ruimte in leegstaande gemeentelijke panden voor initiatieven in Almere",
            "description": (
                "De gemeente Almere heeft lokalen en hele verdiepingen beschikbaar in voormalige "
                "scholen en kantoren. Bewonersinitiatieven kunnen die gebruiken voor een symbolische "
                "huur van € 1 per m² per jaar, voor één tot vijf jaar. De servicekosten voor energie "
                "en schoonmaak betaalt u zelf; in ruil daarvoor houdt u het gebouw levendig en "
                "veilig."
            ),
            "price_terms": "€ 1 per m² per jaar plus servicekosten",
        },
        "en": {
            "title": "Space in vacant municipal buildings for initiatives in Almere",
            "description": (
                "The municipality of Almere has rooms and whole floors available in former schools "
                "and offices. Residents' initiatives can use them for a symbolic rent of €1 per m² "
                "per year, for one to five years. You pay the service costs for energy and cleaning "
                "yourself; in return you keep the building lively and safe."
            ),
            "price_terms": "€1 per m² per year plus service costs",
        },
        "placements": [
            ("gemeente-almere", "en", ["flevoland"]),
        ],
    },
    # Digital --------------------------------------------------------------------------------
    {
        "theme": "digital",
        "sdgs": [4, 10, 12],
        "offer_type": "product",
        "valid_days": 200,
        "nl": {
            "title": "Gereviseerde laptops voor digitale inclusie in {region}",
            "description": (
                "{provider} reviseert afgeschreven bedrijfslaptops: waar nodig een nieuwe accu, de "
                "schijf veilig gewist, Windows of Linux opnieuw geïnstalleerd en twee jaar garantie. "
                "Buurthuizen, bibliotheken en vrijwilligersorganisaties bestellen vanaf tien stuks, "
                "om uit te lenen of te schenken aan inwoners die er zelf geen kunnen betalen. Elke "
                "hergebruikte laptop bespaart zo'n 300 kilo CO₂ ten opzichte van een nieuwe."
            ),
            "price_terms": "€ 149 per laptop inclusief twee jaar garantie; vanaf 10 stuks",
        },
        "en": {
            "title": "Refurbished laptops for digital inclusion in {region}",
            "description": (
                "{provider} refurbishes retired business laptops: a new battery where needed, the "
                "disk securely wiped, Windows or Linux freshly installed and a two-year warranty. "
                "Community centres, libraries and volunteer organisations order from ten units, to "
                "lend or give to residents who cannot afford one. Every reused laptop saves about "
                "300 kilos of CO₂ compared with a new one."
            ),
            "price_terms": "€149 per laptop including a two-year warranty; minimum order 10",
        },
        "placements": [
            ("digibuur", "nl", ["limburg"]),
            ("digibuur", "en", NATIONAL),
            ("digibuur", "en", ["zuid-holland", "noord-brabant"]),
        ],
    },
    {
        "theme": "digital",
        "sdgs": [4, 10],
        "offer_type": "service",
        "valid_days": 180,
        "nl": {
            "title": "Cursus Digitaal Meedoen voor vrijwillige begeleiders in {region}",
            "description": (
                "In vier dagdelen leidt {provider} vrijwilligers op die inwoners helpen met DigiD, "
                "internetbankieren, de app van de huisarts en het herkennen van oplichting. De "
                "cursus sluit aan bij het lesmateriaal van de bibliotheek, en deelnemers oefenen met "
                "echte vragen uit een digitaal spreekuur. Na afloop kunt u zelf een wekelijks "
                "spreekuur draaien."
            ),
            "price_terms": "€ 600 per groep van maximaal 12 vrijwilligers",
        },
        "en": {
            "title": "Digital inclusion course for volunteer helpers in {region}",
            "description": (
                "In four half-day sessions {provider} trains volunteers to help residents with "
                "DigiD, online banking, the GP's app and recognising scams. The course builds on "
                "library teaching materials, and participants practise with real questions from a "
                "digital help desk. Afterwards you can run a weekly help desk yourself."
            ),
            "price_terms": "€600 per group of up to 12 volunteers",
        },
        "placements": [
            ("digibuur", "en", ["limburg"]),
            ("digibuur", "nl", ["flevoland", "gelderland"]),
        ],
    },
    {
        "theme": "digital",
        "sdgs": [4, 10],
        "offer_type": "grant",
        "valid_days": 200,
        "nl": {
            "title": "Subsidie voor digitale spreekuren in Rotterdamse buurthuizen",
            "description": (
                "Eén op de vijf Rotterdammers heeft moeite met digitale zaken. Buurthuizen en "
                "bewonersorganisaties die een wekelijks digitaal spreekuur organiseren, kunnen "
                "€ 3.000 per jaar krijgen voor koffie, printkosten, een vrijwilligersvergoeding en "
                "twee leenlaptops. Het spreekuur wordt opgenomen in de gemeentelijke wegwijzer voor "
                "digitale hulp."
            ),
            "price_terms": "€ 3.000 per spreekuur per jaar",
        },
        "en": {
            "title": "Grants for digital help desks in Rotterdam community centres",
            "description": (
                "One in five Rotterdam residents struggles with digital matters. Community centres "
                "and residents' organisations that run a weekly digital help desk can receive "
                "€3,000 a year for coffee, printing, volunteer expenses and two laptops to lend "
                "out. The help desk is listed in the city's guide to digital help."
            ),
            "price_terms": "€3,000 per help desk per year",
        },
        "placements": [
            ("gemeente-rotterdam", "en", ["zuid-holland"]),
        ],
    },
    {
        "theme": "digital",
        "sdgs": [16, 17],
        "offer_type": "subscription",
        "valid_days": 365,
        "nl": {
            "title": "Website en ledenportaal voor verenigingen en coöperaties in {region}",
            "description": (
                "Met {provider} bouwt u zonder technische kennis een website met nieuws, een agenda "
                "en een afgeschermd ledenportaal. Leden wijzigen zelf hun gegevens, bekijken de "
                "stukken voor de ledenvergadering en stemmen online. De website is gekoppeld aan uw "
                "ledenadministratie, dus adressen en contributies staan op één plek."
            ),
            "price_terms": "€ 12 per maand, inclusief domeinnaam en hosting",
        },
        "en": {
            "title": "Website and member portal for associations and cooperatives in {region}",
            "description": (
                "With {provider} you build a website with news, a calendar and a members-only "
                "portal, no technical knowledge needed. Members update their own details, read the "
                "documents for the general meeting and vote online. The website is linked to your "
                "membership administration, so addresses and fees stay in one place."
            ),
            "price_terms": "€12 a month, including domain name and hosting",
        },
        "placements": [
            ("clubkas", "nl", NATIONAL),
            ("clubkas", "en", ["friesland"]),
        ],
    },
    # Finance --------------------------------------------------------------------------------
    {
        "theme": "finance",
        "sdgs": [11, 17],
        "offer_type": "service",
        "valid_days": 365,
        "nl": {
            "title": "Crowdfunding met verdubbeling voor buurtprojecten in {region}",
            "description": (
                "Zet uw buurtproject op het platform van {provider} en laat buren, lokale "
                "ondernemers en sympathisanten meedoen met een donatie, lening of participatie. "
                "Haalt u de helft van uw doel, dan verdubbelt ons matchfonds elke volgende euro tot "
                "maximaal € 10.000. Gemiddeld halen projecten op ons platform € 18.000 op bij 140 "
                "deelnemers."
            ),
            "price_terms": "5% platformkosten over het opgehaalde bedrag; verdubbeling tot € 10.000",
        },
        "en": {
            "title": "Match-funded crowdfunding for neighbourhood projects in {region}",
            "description": (
                "Put your neighbourhood project on the {provider} platform and let neighbours, "
                "local businesses and supporters join in with a donation, loan or share. Once you "
                "reach half your target, our match fund doubles every further euro up to €10,000. "
                "Projects on our platform raise an average of €18,000 from 140 backers."
            ),
            "price_terms": "5% platform fee on the amount raised; matching up to €10,000",
        },
        "placements": [
            ("buurtkapitaal", "nl", NATIONAL),
            ("buurtkapitaal", "en", ["zuid-holland"]),
            ("buurtkapitaal", "nl", ["noord-brabant", "zeeland"]),
        ],
    },
    {
        "theme": "finance",
        "sdgs": [7, 17],
        "offer_type": "service",
        "eligible_legal_forms": COOPERATIVE_FORMS,
        "valid_days": 365,
        "nl": {
            "title": "Ledenobligaties uitgeven: platform en begeleiding in {region}",
            "description": (
                "Wilt u uw zonnedak, buurthuis of dorpswinkel financieren met geld van leden en "
                "buren? {provider} verzorgt het informatiememorandum, de inschrijving, de betaling "
                "en de jaarlijkse rente-uitkering. Uitgiftes tot € 5 miljoen zijn vrijgesteld van "
                "de prospectusplicht; wij zorgen dat u aan de meldplicht bij de AFM voldoet. "
                "Gemiddeld is een uitgifte binnen zes weken vol."
            ),
            "price_terms": "2,5% van het opgehaalde bedrag, minimaal € 1.500",
        },
        "en": {
            "title": "Member bond issues: platform and support in {region}",
            "description": (
                "Want to finance your solar roof, community centre or village shop with money from "
                "members and neighbours? {provider} prepares the information memorandum and "
                "handles subscriptions, payments and the annual interest payments. Issues up to €5 "
                "million are exempt from the prospectus requirement; we make sure you meet the AFM "
                "notification rules. On average an issue is fully subscribed within six weeks."
            ),
            "price_terms": "2.5% of the amount raised, minimum €1,500",
        },
        "placements": [
            ("buurtkapitaal", "nl", ["utrecht", "noord-holland"]),
            ("buurtkapitaal", "en", NATIONAL),
        ],
    },
    {
        "theme": "finance",
        "sdgs": [8, 10, 11],
        "offer_type": "loan",
        "eligible_initiative_kinds": ["neighbourhood_enterprise", "village_association"],
        "valid_days": None,
        "nl": {
            "title": "Microkrediet voor buurt- en dorpsondernemingen in {region}",
            "description": (
                "Een buurtonderneming die een lunchroom, fietsenmakerij of klusdienst wil starten "
                "of uitbreiden, krijgt bij een bank vaak geen lening. {provider} leent tussen "
                "€ 5.000 en € 50.000 tegen 5% rente, met zes maanden aflossingsvrij. Een ervaren "
                "ondernemer uit ons netwerk coacht uw team het eerste jaar."
            ),
            "price_terms": "€ 5.000 tot € 50.000, 5% rente, looptijd tot 5 jaar",
        },
        "en": {
            "title": "Microcredit for neighbourhood and village enterprises in {region}",
            "description": (
                "A neighbourhood enterprise that wants to start or expand a lunchroom, bike repair "
                "shop or handyman service often cannot get a bank loan. {provider} lends between "
                "€5,000 and €50,000 at 5% interest, with six months' grace before repayments start. "
                "An experienced entrepreneur from our network coaches your team during the first "
                "year."
            ),
            "price_terms": "€5,000 to €50,000, 5% interest, term up to 5 years",
        },
        "placements": [
            ("buurtkapitaal", "en", ["zuid-holland", "noord-holland"]),
            ("buurtkapitaal", "nl", ["gelderland", "utrecht"]),
        ],
    },
    # Legal and administration ---------------------------------------------------------------
    {
        "theme": "legal_admin",
        "sdgs": [16, 17],
        "offer_type": "subscription",
        "eligible_legal_forms": COOPERATIVE_FORMS,
        "valid_days": 365,
        "nl": {
            "title": "Ledenadministratie en boekhouding voor verenigingen in {region}",
            "description": (
                "{provider} is gemaakt voor vrijwillige penningmeesters. U beheert leden en "
                "contributies, int via SEPA-incasso, boekt bankmutaties automatisch in en maakt met "
                "één klik de jaarrekening voor de algemene ledenvergadering. Er is een aparte module "
                "voor energiecoöperaties met participaties en jaarlijkse opbrengstuitkeringen."
            ),
            "price_terms": "€ 19 per maand tot 250 leden; € 29 per maand tot 1.000 leden",
        },
        "en": {
            "title": "Membership and bookkeeping software for associations in {region}",
            "description": (
                "{provider} is built for volunteer treasurers. Manage members and fees, collect by "
                "SEPA direct debit, book bank transactions automatically and produce the annual "
                "accounts for the general meeting in one click. A separate module for energy "
                "cooperatives handles member shares and annual payouts."
            ),
            "price_terms": "€19 a month up to 250 members; €29 a month up to 1,000 members",
        },
        "placements": [
            ("clubkas", "nl", ["friesland", "groningen"]),
            ("clubkas", "en", ["noord-holland", "utrecht"]),
            ("clubkas", "en", ["limburg", "noord-brabant", "zeeland"]),
        ],
    },
    {
        "theme": "legal_admin",
        "sdgs": [16, 17],
        "offer_type": "advice",
        "eligible_legal_forms": COOPERATIVE_FORMS,
        "valid_days": 365,
        "nl": {
            "title": "Statutencheck en statutenwijziging voor coöperaties in {region}",
            "description": (
                "Sinds de Wet bestuur en toezicht rechtspersonen (WBTR) moeten veel statuten worden "
                "aangepast, bijvoorbeeld over tegenstrijdig belang en over ontstentenis en belet van "
                "bestuurders. {provider} controleert uw statuten binnen twee weken en stelt zo nodig "
                "een wijziging op die u aan de ledenvergadering voorlegt. Ook voor vragen over "
                "ledenkapitaal, uittreding en winstuitkering kunt u bij ons terecht."
            ),
            "price_terms": (
                "Statutencheck € 350; volledige wijziging inclusief notariële akte € 1.250"
            ),
        },
        "en": {
            "title": "Statutes review and amendment for cooperatives in {region}",
            "description": (
                "Since the Dutch Management and Supervision of Legal Entities Act (WBTR) came into "
                "force, many statutes need updating, for instance on conflicts of interest and on "
                "what happens when board members are absent. {provider} reviews your statutes "
                "within two weeks and, where needed, drafts an amendment for your general meeting. "
                "We also advise on member capital, withdrawal of members and profit distribution."
            ),
            "price_terms": "Statutes review €350; full amendment including notarial deed €1,250",
        },
        "placements": [
            ("meerburg-notarissen", "nl", ["zuid-holland"]),
            ("meerburg-notarissen", "en", NATIONAL),
            ("meerburg-notarissen", "nl", ["utrecht", "noord-holland"]),
        ],
    },
    {
        "theme": "legal_admin",
        "sdgs": [16, 17],
        "offer_type": "service",
        "valid_days": 365,
        "nl": {
            "title": "Oprichting van een coöperatie U.A. voor een vaste prijs in {region}",
            "description": (
                "Voor een vaste prijs richt {provider} uw coöperatie op: een intakegesprek, statuten "
                "op maat met de gangbare bepalingen voor energie-, zorg- of wooncoöperaties, de "
                "notariële akte en de inschrijving bij de KvK. We leggen in gewone taal uit wat het "
                "verschil is tussen U.A. en B.A. en wat dat betekent voor de aansprakelijkheid van "
                "leden."
            ),
            "price_terms": "€ 1.650 all-in, inclusief notariële akte en KvK-inschrijving",
        },
        "en": {
            "title": "Setting up a cooperative U.A. at a fixed price in {region}",
            "description": (
                "For a fixed price {provider} sets up your cooperative: an intake meeting, tailored "
                "statutes with the usual clauses for energy, care or housing cooperatives, the "
                "notarial deed and registration with the Chamber of Commerce (KvK). We explain in "
                "plain language the difference between U.A. and B.A. and what it means for "
                "members' liability."
            ),
            "price_terms": "€1,650 all-in, including notarial deed and KvK registration",
        },
        "placements": [
            ("meerburg-notarissen", "nl", NATIONAL),
            ("meerburg-notarissen", "en", ["zuid-holland"], {"state": "submitted"}),
        ],
    },
    {
        "theme": "legal_admin",
        "sdgs": [16, 17],
        "offer_type": "service",
        "eligible_legal_forms": ["stichting"],
        "valid_days": 365,
        "nl": {
            "title": "Jaarrekening en belastingaangifte voor stichtingen in {region}",
            "description": (
                "Een stichting met een ANBI-status moet jaarlijks een financieel verslag publiceren, "
                "en soms ook aangifte doen voor de vennootschaps- of omzetbelasting. De boekhouders "
                "van {provider} stellen uw jaarrekening op, verzorgen de aangiftes en leveren de "
                "tekst voor de ANBI-publicatie op uw website aan. U levert alleen de bankafschriften "
                "en uw ledenadministratie."
            ),
            "price_terms": "€ 850 per jaar voor stichtingen met een omzet tot € 250.000",
        },
        "en": {
            "title": "Annual accounts and tax returns for foundations in {region}",
            "description": (
                "A foundation with ANBI (public benefit) status must publish a financial report "
                "every year, and sometimes file corporate income tax or VAT returns too. The "
                "bookkeepers at {provider} prepare your annual accounts, take care of the tax "
                "returns and supply the text for the ANBI publication on your website. All you "
                "provide are bank statements and your membership records."
            ),
            "price_terms": "€850 a year for foundations with a turnover of up to €250,000",
        },
        "placements": [
            ("clubkas", "en", NATIONAL),
            ("clubkas", "nl", ["drenthe", "overijssel"]),
        ],
    },
    # Insurance ------------------------------------------------------------------------------
    {
        "theme": "insurance",
        "sdgs": [3, 11, 17],
        "offer_type": "product",
        "valid_days": 365,
        "nl": {
            "title": "Vrijwilligersverzekering voor burgerinitiatieven in {region}",
            "description": (
                "Met de vrijwilligersverzekering van {provider} zijn al uw vrijwilligers verzekerd "
                "voor ongevallen en wettelijke aansprakelijkheid, tot € 1.250.000 per gebeurtenis. "
                "Schade aan spullen van derden en rechtsbijstand zijn meeverzekerd. U hoeft geen "
                "namenlijst bij te houden: de polis geldt voor iedereen die namens uw initiatief "
                "actief is. Kijk eerst of uw gemeente al een gratis collectieve "
                "vrijwilligersverzekering heeft; onze polis vult die aan."
            ),
            "price_terms": "€ 95 per jaar tot 50 vrijwilligers; € 165 per jaar tot 150 vrijwilligers",
        },
        "en": {
            "title": "Volunteer insurance for citizen initiatives in {region}",
            "description": (
                "With {provider} volunteer insurance, all your volunteers are covered for accidents "
                "and legal liability up to €1,250,000 per event. Damage to third-party property and "
                "legal assistance are included. You don't need to keep a list of names: the policy "
                "covers everyone active on behalf of your initiative. Check first whether your "
                "municipality already offers free collective volunteer insurance; our policy "
                "complements it."
            ),
            "price_terms": "€95 a year for up to 50 volunteers; €165 a year for up to 150",
        },
        "placements": [
            ("buurtpolis", "nl", NATIONAL),
            ("buurtpolis", "en", ["noord-holland", "zuid-holland"]),
            ("buurtpolis", "en", ["gelderland"]),
        ],
    },
    {
        "theme": "insurance",
        "sdgs": [16, 17],
        "offer_type": "product",
        "eligible_legal_forms": COOPERATIVE_FORMS,
        "valid_days": 365,
        "nl": {
            "title": "Bestuurdersaansprakelijkheidsverzekering voor coöperaties in {region}",
            "description": (
                "Bestuurders van een coöperatie of stichting kunnen persoonlijk aansprakelijk worden "
                "gesteld, bijvoorbeeld bij een fout in een contract of bij een faillissement. Deze "
                "verzekering van {provider} dekt schade en juridische kosten tot € 500.000 per jaar, "
                "voor alle huidige en vroegere bestuurders en toezichthouders. Zo vindt u "
                "makkelijker vrijwilligers voor uw bestuur."
            ),
            "price_terms": "€ 245 per jaar voor een dekking van € 500.000",
        },
        "en": {
            "title": "Directors' liability insurance for cooperatives in {region}",
            "description": (
                "Board members of a cooperative or foundation can be held personally liable, for "
                "instance for a mistake in a contract or in a bankruptcy. This {provider} policy "
                "covers damages and legal costs up to €500,000 a year for all current and former "
                "board and supervisory board members. That makes it easier to find volunteers for "
                "your board."
            ),
            "price_terms": "€245 a year for €500,000 cover",
        },
        "placements": [
            ("buurtpolis", "en", NATIONAL),
            ("buurtpolis", "nl", ["overijssel", "gelderland"]),
        ],
    },
    {
        "theme": "insurance",
        "sdgs": [7, 13],
        "offer_type": "product",
        "eligible_initiative_kinds": ["energy_coop", "village_association"],
        "valid_days": 365,
        "nl": {
            "title": "Verzekering voor coöperatieve zonnedaken in {region}",
            "description": (
                "Een collectief zonnedak is een flinke investering van uw leden. {provider} "
                "verzekert panelen, omvormers en bekabeling tegen storm, brand, diefstal en "
                "machinebreuk, inclusief de gederfde opbrengst als de installatie stilstaat. De polis "
                "loopt mee met de looptijd van uw SCE-subsidie en gaat mee als het gebouw van "
                "eigenaar wisselt."
            ),
            "price_terms": "€ 3,50 per paneel per jaar, inclusief opbrengstderving",
        },
        "en": {
            "title": "Insurance for cooperative solar roofs in {region}",
            "description": (
                "A collective solar roof is a major investment by your members. {provider} insures "
                "panels, inverters and cabling against storm, fire, theft and breakdown, including "
                "lost revenue while the installation is down. The policy runs alongside your SCE "
                "subsidy period and stays in place if the building changes hands."
            ),
            "price_terms": "€3.50 per panel per year, including loss of revenue",
        },
        "placements": [
            ("buurtpolis", "nl", NATIONAL),
            ("buurtpolis", "en", ["noord-brabant", "limburg"]),
        ],
    },
    {
        "theme": "insurance",
        "sdgs": [3, 11],
        "offer_type": "service",
        "valid_days": None,
        "nl": {
            "title": "Gratis vrijwilligersverzekering voor initiatieven in {city}",
            "description": (
                "Vrijwilligers van initiatieven in {city} zijn automatisch en gratis verzekerd via "
                "de collectieve vrijwilligersverzekering van de gemeente. De polis dekt ongevallen "
                "en aansprakelijkheid tijdens het vrijwilligerswerk, ook voor informele groepen "
                "zonder rechtsvorm. U hoeft zich niet aan te melden; bij schade neemt u contact op "
                "met het gemeentelijk meldpunt. Let op: het bestuur van een stichting of vereniging "
                "is niet meeverzekerd."
            ),
            "price_terms": "Gratis; u bent automatisch verzekerd",
        },
        "en": {
            "title": "Free volunteer insurance for initiatives in {city}",
            "description": (
                "Volunteers of initiatives in {city} are automatically insured free of charge "
                "through the municipality's collective volunteer insurance. The policy covers "
                "accidents and liability during volunteer work, including for informal groups "
                "without a legal form. You don't need to register; in case of damage, contact the "
                "municipal helpdesk. Note that board members of a foundation or association are not "
                "covered."
            ),
            "price_terms": "Free; cover is automatic",
        },
        "placements": [
            ("gemeente-zwolle", "nl", ["overijssel"]),
            ("gemeente-almere", "en", ["flevoland"]),
            ("gemeente-nijmegen", "nl", ["gelderland"]),
        ],
    },
]

NEEDS = [
    # Energy ---------------------------------------------------------------------------------
    {
        "theme": "energy",
        "sdgs": [7, 13],
        "need_type": "money",
        "budget": (150_000, 300_000),
        "deadline_days": 120,
        "nl": {
            "title": "Financiering voor een collectief zonnedak in {place}",
            "description": (
                "{initiative} heeft een schuurdak van 2.000 m² gevonden waarop 620 zonnepanelen "
                "passen. Het dak levert straks zo'n 230.000 kWh per jaar op, genoeg voor ongeveer 80 "
                "huishoudens. De SCE-subsidie is toegekend; voor de bouw zoeken we nog een lening of "
                "investeerder voor het deel dat onze leden niet zelf inbrengen."
            ),
        },
        "en": {
            "title": "Financing for a collective solar roof in {place}",
            "description": (
                "{initiative} has found a 2,000 m² barn roof with room for 620 solar panels. It will "
                "generate about 230,000 kWh a year, enough for roughly 80 households. The SCE "
                "subsidy has been granted; for construction we are looking for a loan or investor "
                "to cover the part our members cannot bring in themselves."
            ),
        },
        "placements": [("vechtstroom", "nl"), ("grutte-sinne", "en")],
    },
    {
        "theme": "energy",
        "sdgs": [7, 13, 17],
        "need_type": "product",
        "budget": None,
        "deadline_days": 180,
        "nl": {
            "title": "Groot dak gezocht voor ons volgende zonneproject in {place}",
            "description": (
                "De leden van {initiative} willen meer lokale zonnestroom, maar we hebben een "
                "geschikt dak nodig: minimaal 1.000 m², sterk genoeg voor panelen en met een "
                "eigenaar die 15 jaar wil meedoen. Denk aan een bedrijfshal, een schuur of een "
                "sporthal. De dakeigenaar krijgt een vaste jaarlijkse vergoeding en wij regelen de "
                "bouw, de verzekering en het onderhoud."
            ),
        },
        "en": {
            "title": "Looking for a large roof for our next solar project in {place}",
            "description": (
                "The members of {initiative} want more local solar power, but we need a suitable "
                "roof: at least 1,000 m², strong enough to carry panels, with an owner willing to "
                "commit for 15 years. Think of a warehouse, barn or sports hall. The roof owner "
                "receives a fixed annual fee and we take care of construction, insurance and "
                "maintenance."
            ),
        },
        "placements": [("brabantse-wal-energie", "nl"), ("walcheren-zon", "en")],
    },
    {
        "theme": "energy",
        "sdgs": [7, 9, 11],
        "need_type": "product",
        "budget": (80_000, 120_000),
        "deadline_days": 150,
        "nl": {
            "title": "Buurtbatterij tegen netcongestie in {place}",
            "description": (
                "In {place} hebben inmiddels 140 huizen zonnepanelen en de transformator raakt op "
                "zonnige dagen vol, waardoor omvormers uitvallen. We willen een buurtbatterij van "
                "ongeveer 200 kWh plaatsen die de middagpiek opvangt en 's avonds teruglevert aan de "
                "buurt. We zoeken een leverancier die meedenkt over de aansluiting bij de "
                "netbeheerder, en cofinanciering."
            ),
        },
        "en": {
            "title": "A community battery to tackle grid congestion in {place}",
            "description": (
                "In {place}, 140 homes now have solar panels and the transformer overloads on sunny "
                "days, switching inverters off. We want to install a community battery of around "
                "200 kWh that absorbs the midday peak and supplies the neighbourhood in the evening. "
                "We are looking for a supplier who can help with the grid operator connection, and "
                "for co-funding."
            ),
        },
        "placements": [("dorpsenergie-ezinge", "en"), ("drentse-aa-energie", "nl")],
    },
    {
        "theme": "energy",
        "sdgs": [1, 7, 13],
        "need_type": "volunteers",
        "budget": None,
        "deadline_days": 60,
        "nl": {
            "title": "Vrijwillige energiecoaches gezocht in {place}",
            "description": (
                "Deze winter wil {initiative} 300 huurwoningen bezoeken om bewoners te helpen met "
                "energie besparen: radiatorfolie, tochtstrips, een lagere cv-temperatuur. Daarvoor "
                "zoeken we 15 vrijwilligers die twee avonden per maand op pad willen. Je krijgt een "
                "training van drie avonden en een koffer met materialen. Technische kennis is niet "
                "nodig, wel geduld en interesse in mensen."
            ),
        },
        "en": {
            "title": "Volunteer energy coaches wanted in {place}",
            "description": (
                "This winter {initiative} wants to visit 300 rented homes to help tenants save "
                "energy: radiator foil, draught strips, a lower boiler temperature. For this we are "
                "looking for 15 volunteers who can go out two evenings a month. You get three "
                "evenings of training and a kit with materials. No technical knowledge needed, just "
                "patience and an interest in people."
            ),
        },
        "placements": [("grutte-sinne", "nl"), ("vechtstroom", "en", {"state": "submitted"})],
    },
    {
        "theme": "energy",
        "sdgs": [7, 13],
        "need_type": "knowledge",
        "budget": (0, 2_500),
        "deadline_days": 75,
        "nl": {
            "title": "Advies over een collectieve inkoop van warmtepompen in {place}",
            "description": (
                "Tijdens onze ledenavond meldden 45 huishoudens zich aan voor een warmtepomp. We "
                "willen een collectieve inkoop organiseren, maar weten niet goed hoe we installateurs "
                "vergelijken, welke warmtepompen passen bij oudere woningen en hoe we bewoners helpen "
                "met de ISDE-subsidie. We zoeken een onafhankelijk adviseur die ons in een paar "
                "dagdelen op weg helpt."
            ),
        },
        "en": {
            "title": "Advice on a collective heat pump purchase in {place}",
            "description": (
                "At our members' evening 45 households signed up for a heat pump. We want to "
                "organise a collective purchase, but are unsure how to compare installers, which "
                "heat pumps suit older homes and how to help residents with the ISDE subsidy. We are "
                "looking for an independent adviser to get us started in a few half-day sessions."
            ),
        },
        "placements": [
            ("drentse-aa-energie", "en"),
            ("dorpsbelangen-zuidwolde", "nl"),
            (
                "vechtstroom",
                "nl",
                {
                    "state": "closed",
                    "close_reason": "fulfilled",
                    "reason": (
                        "Via Business2Community een adviseur gevonden; de inkoopactie start na de "
                        "zomer met 52 huishoudens."
                    ),
                },
            ),
        ],
    },
    {
        "theme": "energy",
        "sdgs": [7, 11, 13],
        "need_type": "money",
        "budget": (40_000, 45_000),
        "deadline_days": 200,
        "nl": {
            "title": "Isolatie en verduurzaming van het dorpshuis in {place}",
            "description": (
                "Ons dorpshuis uit 1968 is de huiskamer van {place}, maar het verbruikt 14.000 m³ gas "
                "per jaar. Met spouwmuur-, dak- en vloerisolatie, nieuwe kozijnen en een warmtepomp "
                "kan dat bijna naar nul. De totale kosten zijn begroot op € 65.000; de gemeente "
                "draagt € 20.000 bij en de rest zoeken we bij fondsen en leningen."
            ),
        },
        "en": {
            "title": "Insulating and upgrading the village hall in {place}",
            "description": (
                "Our 1968 village hall is the living room of {place}, but it burns 14,000 m³ of gas "
                "a year. With cavity wall, roof and floor insulation, new window frames and a heat "
                "pump, that can drop to almost zero. The total cost is estimated at €65,000; the "
                "municipality contributes €20,000 and we are seeking the rest from funds and loans."
            ),
        },
        "placements": [("plaatselijk-belang-oudega", "nl"), ("dorpsraad-sint-philipsland", "en")],
    },
    {
        "theme": "energy",
        "sdgs": [7, 11, 13],
        "need_type": "service",
        "budget": (20_000, 35_000),
        "deadline_days": 90,
        "nl": {
            "title": "Haalbaarheidsstudie voor een buurtwarmtenet in {place}",
            "description": (
                "{initiative} onderzoekt of 450 woningen in {place} aardgasvrij kunnen worden met "
                "warmte uit oppervlaktewater (aquathermie). We zoeken een adviesbureau dat de "
                "warmtevraag, de techniek, de kosten per woning en een mogelijke coöperatieve "
                "eigendomsstructuur doorrekent. De provincie draagt de helft van de kosten bij."
            ),
        },
        "en": {
            "title": "Feasibility study for a neighbourhood heat network in {place}",
            "description": (
                "{initiative} is investigating whether 450 homes in {place} can go gas-free using "
                "heat from surface water (aquathermal energy). We are looking for a consultancy to "
                "work out heat demand, technology, cost per home and a possible cooperative "
                "ownership structure. The province covers half of the cost."
            ),
        },
        "placements": [("walcheren-zon", "nl"), ("brabantse-wal-energie", "en")],
    },
    # Mobility -------------------------------------------------------------------------------
    {
        "theme": "mobility",
        "sdgs": [10, 11, 13],
        "need_type": "service",
        "budget": (0, 6_000),
        "deadline_days": 120,
        "nl": {
            "title": "Elektrische dorpsauto voor {place}",
            "description": (
                "In {place} rijdt de bus nog maar twee keer per dag. Daarom willen we een "
                "elektrische dorpsauto die inwoners kunnen delen en die vrijwilligers ook gebruiken "
                "om ouderen naar de huisarts te brengen. 35 huishoudens hebben al toegezegd mee te "
                "doen. We zoeken een aanbieder van deelauto's of een leasemaatschappij die met ons "
                "wil starten."
            ),
        },
        "en": {
            "title": "An electric village car for {place}",
            "description": (
                "Buses in {place} now run only twice a day. That's why we want an electric village "
                "car that residents can share and that volunteers can also use to take older people "
                "to the doctor. 35 households have already signed up. We are looking for a "
                "car-sharing provider or leasing company willing to start with us."
            ),
        },
        "placements": [("dorpsbelangen-zuidwolde", "en"), ("dorpsraad-sint-philipsland", "nl")],
    },
    {
        "theme": "mobility",
        "sdgs": [3, 10, 11],
        "need_type": "volunteers",
        "budget": None,
        "deadline_days": 45,
        "nl": {
            "title": "Vrijwillige chauffeurs voor ritten naar ziekenhuis en huisarts in {place}",
            "description": (
                "Onze vrijwilligers rijden ouderen en mensen zonder auto naar het ziekenhuis, de "
                "fysiotherapeut of de huisarts. Het aantal ritaanvragen is in een jaar gestegen naar "
                "220 per maand, en we komen chauffeurs tekort. We zoeken 10 nieuwe vrijwilligers met "
                "een rijbewijs die een of twee dagdelen per week beschikbaar zijn. Kilometers worden "
                "vergoed."
            ),
        },
        "en": {
            "title": "Volunteer drivers for hospital and GP trips in {place}",
            "description": (
                "Our volunteers drive older people and those without a car to the hospital, "
                "physiotherapist or GP. Ride requests have risen to 220 a month within a year, and "
                "we are short of drivers. We are looking for 10 new volunteers with a driving "
                "licence who can spare one or two half-days a week. Mileage is reimbursed."
            ),
        },
        "placements": [("samen-thuis-peel-en-maas", "nl"), ("noaberhuus", "en")],
    },
    {
        "theme": "mobility",
        "sdgs": [7, 11],
        "need_type": "product",
        "budget": (8_000, 15_000),
        "deadline_days": 100,
        "nl": {
            "title": "Laadpalen voor onze deelauto's in {place}",
            "description": (
                "De leden van {initiative} delen nu nog vooral benzineauto's. We willen overstappen "
                "op elektrisch, en daarvoor hebben we twee laadpalen nodig op onze vaste "
                "parkeerplaats. Het liefst laden we slim op zonnestroom van het dak van de "
                "buurtschool, waarmee we al in gesprek zijn. We zoeken een leverancier en een "
                "bijdrage in de kosten."
            ),
        },
        "en": {
            "title": "Chargers for our shared cars in {place}",
            "description": (
                "The members of {initiative} still mostly share petrol cars. We want to switch to "
                "electric, and for that we need two chargers at our fixed parking spot. Ideally we "
                "charge smartly on solar power from the roof of the local school, with whom we are "
                "already talking. We are looking for a supplier and a contribution to the costs."
            ),
        },
        "placements": [("autodelen-haren", "en"), ("groen-lombok", "nl")],
    },
    {
        "theme": "mobility",
        "sdgs": [11, 13],
        "need_type": "product",
        "budget": (3_000, 5_000),
        "deadline_days": 90,
        "nl": {
            "title": "Een deelbakfiets voor de buurt in {place}",
            "description": (
                "Veel gezinnen in {place} hebben geen auto en geen ruimte voor een eigen bakfiets. "
                "Wij willen een elektrische deelbakfiets stallen bij het buurthuis, te reserveren via "
                "een eenvoudig schema en te gebruiken voor boodschappen, kinderen of spullen voor de "
                "kringloop. We zoeken een bakfiets, een slot en een verzekering, of een aanbieder "
                "die dit als abonnement levert."
            ),
        },
        "en": {
            "title": "A shared cargo bike for the neighbourhood in {place}",
            "description": (
                "Many families in {place} have no car and no room for a cargo bike of their own. We "
                "want to keep an electric shared cargo bike at the community centre, bookable "
                "through a simple schedule and used for shopping, children or taking things to the "
                "charity shop. We are looking for a bike, a lock and insurance, or a provider "
                "offering this as a subscription."
            ),
        },
        "placements": [("samen-transvaal", "en"), ("buurtcentrum-de-linde", "nl")],
    },
    # Care -----------------------------------------------------------------------------------
    {
        "theme": "care",
        "sdgs": [3, 10],
        "need_type": "product",
        "budget": (500, 1_500),
        "deadline_days": 60,
        "nl": {
            "title": "Planningssoftware voor onze vrijwilligers in {place}",
            "description": (
                "Onze coördinatoren plannen elke week zo'n 200 hulpvragen in met een Excel-bestand "
                "en veel telefoontjes. Dat is foutgevoelig en kost te veel tijd. We zoeken software "
                "waarmee we hulpvragen eenvoudig aan vrijwilligers koppelen, met een app voor de "
                "vrijwilligers en een telefoonnummer voor ouderen zonder smartphone. Ons budget is "
                "maximaal € 1.500 per jaar."
            ),
        },
        "en": {
            "title": "Scheduling software for our volunteers in {place}",
            "description": (
                "Our coordinators schedule about 200 requests for help a week using a spreadsheet "
                "and lots of phone calls. It is error-prone and takes too much time. We are looking "
                "for software to match requests to volunteers easily, with an app for volunteers "
                "and a phone line for older people without a smartphone. Our budget is at most "
                "€1,500 a year."
            ),
        },
        "placements": [("samen-thuis-peel-en-maas", "en"), ("noaberhuus", "nl")],
    },
    {
        "theme": "care",
        "sdgs": [3, 10, 11],
        "need_type": "money",
        "budget": (25_000, 40_000),
        "deadline_days": 150,
        "nl": {
            "title": "Financiering voor een dorpsondersteuner in {place}",
            "description": (
                "Een dorpsondersteuner is het vaste aanspreekpunt voor ouderen en mantelzorgers, en "
                "kent de weg naar de huisarts, de gemeente en de thuiszorg. {initiative} wil iemand "
                "aanstellen voor 16 uur per week, voor een proefperiode van twee jaar. We zoeken "
                "fondsen of een zorgverzekeraar die de kosten van ongeveer € 36.000 per jaar met ons "
                "willen delen."
            ),
        },
        "en": {
            "title": "Funding for a village care coordinator in {place}",
            "description": (
                "A village care coordinator is the fixed point of contact for older residents and "
                "informal carers, and knows the way to the GP, the municipality and home care. "
                "{initiative} wants to appoint someone for 16 hours a week for a two-year trial. We "
                "are looking for funds or a health insurer willing to share the cost of about "
                "€36,000 a year with us."
            ),
        },
        "placements": [("noaberhuus", "en"), ("samen-thuis-peel-en-maas", "nl")],
    },
    {
        "theme": "care",
        "sdgs": [2, 3, 10],
        "need_type": "volunteers",
        "budget": None,
        "deadline_days": 45,
        "nl": {
            "title": "Vrijwilligers voor onze maaltijdservice in {place}",
            "description": (
                "Twee keer per week koken we voor 45 ouderen die niet meer zelf koken; een deel eet "
                "samen in het buurthuis, de rest krijgt de maaltijd thuisbezorgd. We zoeken drie "
                "koks en zes bezorgers die één dag per week willen helpen. Je krijgt een "
                "hygiënecursus en eet natuurlijk mee."
            ),
        },
        "en": {
            "title": "Volunteers for our meal service in {place}",
            "description": (
                "Twice a week we cook for 45 older residents who no longer cook for themselves; some "
                "eat together at the community centre, the rest get their meal delivered at home. "
                "We are looking for three cooks and six delivery volunteers who can help one day a "
                "week. You get a food hygiene course and, of course, you eat with us."
            ),
        },
        "placements": [("klokhuis", "en"), ("dorpsraad-sint-philipsland", "nl")],
    },
    {
        "theme": "care",
        "sdgs": [3, 10, 11],
        "need_type": "money",
        "budget": (10_000, 18_000),
        "deadline_days": 120,
        "nl": {
            "title": "Inrichting van een huiskamer voor ouderen in {place}",
            "description": (
                "We kunnen een leeg lokaal naast de supermarkt gebruiken en willen er een huiskamer "
                "van maken waar ouderen dagelijks terechtkunnen voor koffie, een krant en "
                "gezelschap. Voor meubels, een keukenblok, een toegankelijk toilet en een jaar huur "
                "hebben we € 10.000 tot € 18.000 nodig. Vrijwilligers staan al klaar om de huiskamer "
                "open te houden."
            ),
        },
        "en": {
            "title": "Furnishing a living room for older residents in {place}",
            "description": (
                "We have been offered an empty room next to the supermarket and want to turn it "
                "into a living room where older residents can drop in daily for coffee, a newspaper "
                "and company. For furniture, a kitchenette, an accessible toilet and a year's rent "
                "we need €10,000 to €18,000. Volunteers are ready to keep it open."
            ),
        },
        "placements": [("de-werkplaats", "nl"), ("zilveren-hof", "en")],
    },
    # Housing --------------------------------------------------------------------------------
    {
        "theme": "housing",
        "sdgs": [10, 11],
        "need_type": "money",
        "budget": (400_000, 750_000),
        "deadline_days": 240,
        "nl": {
            "title": "Eigen vermogen voor {homes} betaalbare huurwoningen in {place}",
            "description": (
                "{initiative} heeft een kavel in optie en een ontwerp voor {homes} energieneutrale "
                "huurwoningen met gemeenschappelijke ruimtes. De bank financiert 70% van de "
                "stichtingskosten en onze {members} leden brengen samen een flink deel van de rest "
                "in. Voor het resterende gat zoeken we achtergestelde leningen of maatschappelijke "
                "beleggers die genoegen nemen met een bescheiden rendement van 2 tot 3%."
            ),
        },
        "en": {
            "title": "Equity for {homes} affordable rental homes in {place}",
            "description": (
                "{initiative} has an option on a plot and a design for {homes} energy-neutral rental "
                "homes with shared spaces. The bank finances 70% of the development cost and our "
                "{members} members bring in a good part of the rest. To close the remaining gap we "
                "are looking for subordinated loans or social investors content with a modest 2 to "
                "3% return."
            ),
        },
        "placements": [
            ("gedeelde-dak", "en", {"vars": {"homes": 24}}),
            ("zilveren-hof", "nl", {"vars": {"homes": 18}}),
        ],
    },
    {
        "theme": "housing",
        "sdgs": [11, 12],
        "need_type": "service",
        "budget": (40_000, 80_000),
        "deadline_days": 90,
        "nl": {
            "title": "Architect met ervaring in collectief wonen gezocht in {place}",
            "description": (
                "Voor ons project van {homes} woningen zoeken we een architect die ervaring heeft met "
                "wooncoöperaties of collectief particulier opdrachtgeverschap. Belangrijk voor ons: "
                "gedeelde ruimtes die echt gebruikt worden, circulaire materialen en een "
                "ontwerpproces waarin alle leden kunnen meepraten. We willen binnen drie maanden een "
                "voorlopig ontwerp hebben."
            ),
        },
        "en": {
            "title": "Architect with cooperative housing experience wanted in {place}",
            "description": (
                "For our project of {homes} homes we are looking for an architect with experience "
                "of housing cooperatives or collective self-build. What matters to us: shared spaces "
                "that actually get used, circular materials and a design process in which all "
                "members can have their say. We want a preliminary design within three months."
            ),
        },
        "placements": [
            ("gedeelde-dak", "nl", {"vars": {"homes": 24}}),
            ("zilveren-hof", "en", {"vars": {"homes": 18}}),
        ],
    },
    {
        "theme": "housing",
        "sdgs": [10, 11],
        "need_type": "knowledge",
        "budget": (5_000, 9_000),
        "deadline_days": 120,
        "nl": {
            "title": "Haalbaarheidsonderzoek naar starterswoningen in {place}",
            "description": (
                "Jongeren trekken weg uit {place} omdat er geen betaalbare woningen zijn. "
                "{initiative} wil onderzoeken of op een braakliggend kavel aan de rand van het dorp "
                "acht tot twaalf kleine starterswoningen kunnen komen, eventueel als wooncoöperatie. "
                "We zoeken iemand die de mogelijkheden, de kosten en de regels in kaart brengt."
            ),
        },
        "en": {
            "title": "Feasibility study for starter homes in {place}",
            "description": (
                "Young people are leaving {place} because there are no affordable homes. "
                "{initiative} wants to find out whether eight to twelve small starter homes could be "
                "built on a vacant plot at the edge of the village, possibly as a housing "
                "cooperative. We are looking for someone to map out the options, the costs and the "
                "rules."
            ),
        },
        "placements": [("plaatselijk-belang-oudega", "en"), ("dorpsbelangen-zuidwolde", "nl")],
    },
    # Food -----------------------------------------------------------------------------------
    {
        "theme": "food",
        "sdgs": [2, 12],
        "need_type": "product",
        "budget": (6_000, 12_000),
        "deadline_days": 90,
        "nl": {
            "title": "Koelcel voor onze voedselcoöperatie in {place}",
            "description": (
                "Elke week verdelen we zo'n 600 kilo groente, zuivel en vlees onder {members} "
                "huishoudens. Nu staat alles in twee huishoudkoelkasten en een geleende "
                "koelaanhanger. We zoeken een tweedehands of nieuwe koelcel van ongeveer 10 m³, of "
                "een bedrijf dat koelruimte wil delen. De installatie kunnen onze vrijwilligers "
                "deels zelf doen."
            ),
        },
        "en": {
            "title": "A cold room for our food cooperative in {place}",
            "description": (
                "Every week we distribute about 600 kilos of vegetables, dairy and meat among "
                "{members} households. At the moment everything is kept in two household fridges "
                "and a borrowed refrigerated trailer. We are looking for a second-hand or new cold "
                "room of about 10 m³, or a business willing to share cold storage. Our volunteers "
                "can partly do the installation themselves."
            ),
        },
        "placements": [("volle-kar", "nl"), ("food-coop-almere", "en")],
    },
    {
        "theme": "food",
        "sdgs": [2, 12],
        "need_type": "volunteers",
        "budget": None,
        "deadline_days": 30,
        "nl": {
            "title": "Vrijwilligers voor de wekelijkse uitgifte in {place}",
            "description": (
                "Op donderdagmiddag sorteren we de bestellingen en geven we ze uit aan onze leden. "
                "Nu we zijn gegroeid naar {members} huishoudens zoeken we zes extra vrijwilligers "
                "voor het uitpakken, wegen en uitgeven, van 15.00 tot 19.00 uur. Vrijwilligers "
                "krijgen korting op hun eigen boodschappen."
            ),
        },
        "en": {
            "title": "Volunteers for our weekly distribution in {place}",
            "description": (
                "On Thursday afternoons we sort orders and hand them out to our members. Having "
                "grown to {members} households, we need six more volunteers for unpacking, weighing "
                "and distributing, from 3 pm to 7 pm. Volunteers get a discount on their own "
                "groceries."
            ),
        },
        "placements": [("volle-kar", "en"), ("food-coop-almere", "nl")],
    },
    {
        "theme": "food",
        "sdgs": [2, 11, 15],
        "need_type": "product",
        "budget": (2_000, 4_000),
        "deadline_days": 60,
        "nl": {
            "title": "Buurtmoestuin in {place}: gereedschap, een schuurtje en water",
            "description": (
                "Op een braakliggend terrein van 800 m² in {place} mogen we van de gemeente drie "
                "jaar een buurtmoestuin beginnen. We zoeken gereedschap, een tuinhuisje om het op te "
                "bergen, een waterpunt en plantgoed voor het eerste seizoen. Er hebben zich al 25 "
                "buurtbewoners aangemeld om mee te tuinieren."
            ),
        },
        "en": {
            "title": "A community vegetable garden in {place}: tools, a shed and water",
            "description": (
                "The municipality lets us start a community vegetable garden on an 800 m² vacant "
                "plot in {place} for three years. We are looking for tools, a shed to store them, a "
                "water point and plants for the first season. 25 neighbours have already signed up "
                "to garden with us."
            ),
        },
        "placements": [("groen-lombok", "nl"), ("samen-transvaal", "en")],
    },
    {
        "theme": "food",
        "sdgs": [2, 10, 12],
        "need_type": "service",
        "budget": None,
        "deadline_days": 75,
        "nl": {
            "title": "Lokale boeren gezocht voor ons buurtvoedselpakket in {place}",
            "description": (
                "{initiative} wil elke twee weken een betaalbaar voedselpakket aanbieden aan "
                "buurtbewoners, met groente, aardappelen, eieren en zuivel uit de regio. We zoeken "
                "boeren of een distributeur die 40 tot 80 pakketten kan leveren tegen een eerlijke "
                "prijs, en die het leuk vindt om af en toe in de buurt te vertellen over het bedrijf."
            ),
        },
        "en": {
            "title": "Local farmers wanted for our neighbourhood food box in {place}",
            "description": (
                "{initiative} wants to offer neighbours an affordable food box every fortnight, with "
                "vegetables, potatoes, eggs and dairy from the region. We are looking for farmers or "
                "a distributor who can supply 40 to 80 boxes at a fair price, and who would enjoy "
                "coming to the neighbourhood now and then to talk about their farm."
            ),
        },
        "placements": [("buurtcentrum-de-linde", "nl"), ("klokhuis", "en")],
    },
    # Circular economy -----------------------------------------------------------------------
    {
        "theme": "circular",
        "sdgs": [12, 13],
        "need_type": "product",
        "budget": (1_000, 2_500),
        "deadline_days": 60,
        "nl": {
            "title": "Gereedschap en een soldeerstation voor ons repair café in {place}",
            "description": (
                "Onze vrijwilligers werken nu grotendeels met hun eigen gereedschap. Om veiliger en "
                "sneller te werken willen we een temperatuurgeregeld soldeerstation, twee goede "
                "multimeters, een isolatietester en een set precisieschroevendraaiers. Met betere "
                "spullen kunnen we meer elektrische apparaten repareren; nu sturen we er een op de "
                "drie onverrichter zake terug."
            ),
        },
        "en": {
            "title": "Tools and a soldering station for our repair café in {place}",
            "description": (
                "Our volunteers currently work largely with their own tools. To work more safely and "
                "quickly we want a temperature-controlled soldering station, two good multimeters, "
                "an insulation tester and a set of precision screwdrivers. With better equipment we "
                "can fix more electrical appliances; right now we send one in three home unrepaired."
            ),
        },
        "placements": [("repair-cafe-maastricht", "nl"), ("repair-cafe-reeshof", "en")],
    },
    {
        "theme": "circular",
        "sdgs": [4, 12],
        "need_type": "volunteers",
        "budget": None,
        "deadline_days": 45,
        "nl": {
            "title": "Vrijwillige reparateurs gezocht in {place}",
            "description": (
                "Kun je solderen, een naaimachine bedienen of een fietsband plakken? {initiative} "
                "zoekt vrijwilligers die twee zaterdagochtenden per maand willen helpen. We hebben "
                "vooral mensen nodig met verstand van elektronica en van kleding. Nieuwe "
                "vrijwilligers draaien eerst een paar keer mee met een ervaren reparateur."
            ),
        },
        "en": {
            "title": "Volunteer repairers wanted in {place}",
            "description": (
                "Can you solder, work a sewing machine or patch a bicycle tyre? {initiative} is "
                "looking for volunteers to help two Saturday mornings a month. We especially need "
                "people who know about electronics and clothing. New volunteers first work alongside "
                "an experienced repairer a few times."
            ),
        },
        "placements": [("repair-cafe-reeshof", "nl"), ("repair-cafe-maastricht", "en")],
    },
    {
        "theme": "circular",
        "sdgs": [11, 12],
        "need_type": "product",
        "budget": (0, 6_000),
        "deadline_days": 120,
        "nl": {
            "title": "Ruimte voor een deelwinkel en gereedschapsbibliotheek in {place}",
            "description": (
                "{initiative} wil een deelwinkel openen waar buurtbewoners gereedschap, een ladder, "
                "een partytent of een naaimachine kunnen lenen voor een klein bedrag. We zoeken een "
                "ruimte van 60 tot 100 m² op de begane grond, goed bereikbaar en tegen een lage huur. "
                "We hebben al 300 spullen gedoneerd gekregen en 12 vrijwilligers om de winkel te "
                "draaien."
            ),
        },
        "en": {
            "title": "Space for a sharing shop and tool library in {place}",
            "description": (
                "{initiative} wants to open a sharing shop where neighbours can borrow tools, a "
                "ladder, a party tent or a sewing machine for a small fee. We are looking for a "
                "ground-floor space of 60 to 100 m², easy to reach, at a low rent. We have already "
                "received 300 donated items and have 12 volunteers to run the shop."
            ),
        },
        "placements": [
            ("de-werkplaats", "nl", {"state": "submitted"}),
            ("buurtcentrum-de-linde", "en"),
        ],
    },
    {
        "theme": "circular",
        "sdgs": [10, 12],
        "need_type": "knowledge",
        "budget": None,
        "deadline_days": 90,
        "nl": {
            "title": "Inzamelpunt en opknapplaats voor oude elektronica in {place}",
            "description": (
                "In veel huizen liggen oude telefoons, laptops en kabels in een la. {initiative} wil "
                "een inzamelpunt inrichten waar we bruikbare apparaten opknappen voor buurtbewoners "
                "en de rest veilig laten recyclen. We zoeken een partner die afgedankte apparaten "
                "ophaalt en verwerkt, en iemand die ons leert hoe we gegevens veilig wissen."
            ),
        },
        "en": {
            "title": "Collection and refurbishment point for old electronics in {place}",
            "description": (
                "Many homes have old phones, laptops and cables gathering dust in a drawer. "
                "{initiative} wants to set up a collection point where we refurbish usable devices "
                "for neighbours and have the rest recycled safely. We are looking for a partner to "
                "collect and process discarded devices, and someone to teach us how to wipe data "
                "securely."
            ),
        },
        "placements": [("de-werkplaats", "en"), ("samen-transvaal", "nl")],
    },
    # Community ------------------------------------------------------------------------------
    {
        "theme": "community",
        "sdgs": [7, 11],
        "need_type": "money",
        "budget": (50_000, 60_000),
        "deadline_days": 180,
        "nl": {
            "title": "Nieuw dak voor het buurtcentrum in {place}",
            "description": (
                "Het platte dak van ons buurtcentrum lekt al twee winters, en de gemeente heeft als "
                "eigenaar laten weten het onderhoud niet meer te betalen. Een nieuw, geïsoleerd dak "
                "met ruimte voor zonnepanelen kost ongeveer € 85.000. We hebben € 25.000 gespaard en "
                "zoeken cofinanciering bij fondsen, bedrijven en buurtbewoners."
            ),
        },
        "en": {
            "title": "A new roof for the community centre in {place}",
            "description": (
                "The flat roof of our community centre has been leaking for two winters, and the "
                "municipality, as owner, has said it will no longer pay for maintenance. A new "
                "insulated roof with room for solar panels costs about €85,000. We have saved "
                "€25,000 and are looking for co-funding from foundations, businesses and neighbours."
            ),
        },
        "placements": [("buurtcentrum-de-linde", "nl"), ("klokhuis", "en")],
    },
    {
        "theme": "community",
        "sdgs": [10, 11],
        "need_type": "volunteers",
        "budget": None,
        "deadline_days": 40,
        "nl": {
            "title": "Gastvrouwen en gastheren voor de buurtkamer in {place}",
            "description": (
                "De buurtkamer van {initiative} is vijf middagen per week open voor koffie, een "
                "praatje en hulp bij formulieren. We zoeken gastvrouwen en gastheren die één middag "
                "per week de deur openen, bezoekers ontvangen en koffie zetten. Je hoeft niets te "
                "kunnen behalve mensen welkom heten; we werken altijd met z'n tweeën."
            ),
        },
        "en": {
            "title": "Hosts for the neighbourhood living room in {place}",
            "description": (
                "The neighbourhood living room of {initiative} is open five afternoons a week for "
                "coffee, a chat and help with forms. We are looking for hosts who can open the door "
                "one afternoon a week, welcome visitors and make the coffee. You don't need any "
                "skills other than making people feel welcome; we always work in pairs."
            ),
        },
        "placements": [("samen-transvaal", "nl"), ("de-werkplaats", "en")],
    },
    {
        "theme": "community",
        "sdgs": [3, 11],
        "need_type": "money",
        "budget": (3_000, 6_000),
        "deadline_days": 75,
        "nl": {
            "title": "Bijdrage voor het dorpsfeest in {place}",
            "description": (
                "Het jaarlijkse dorpsfeest van {place} trekt in drie dagen zo'n 1.500 bezoekers en "
                "wordt volledig door vrijwilligers georganiseerd. Door hogere kosten voor de tent, "
                "de beveiliging en de verzekering komen we dit jaar € 4.500 tekort. We zoeken "
                "sponsors en een fonds die het feest voor iedereen gratis toegankelijk willen "
                "houden."
            ),
        },
        "en": {
            "title": "A contribution to the village festival in {place}",
            "description": (
                "The annual village festival of {place} draws about 1,500 visitors over three days "
                "and is organised entirely by volunteers. Because of higher costs for the marquee, "
                "security and insurance, we are €4,500 short this year. We are looking for sponsors "
                "and a fund who want to keep the festival free for everyone."
            ),
        },
        "placements": [("dorpsraad-sint-philipsland", "nl"), ("plaatselijk-belang-oudega", "en")],
    },
    {
        "theme": "community",
        "sdgs": [8, 11, 17],
        "need_type": "knowledge",
        "budget": (0, 3_000),
        "deadline_days": 90,
        "nl": {
            "title": "Ondernemingsplan voor ons wijkbedrijf in {place}",
            "description": (
                "{initiative} draait nu op subsidies die over twee jaar aflopen. We willen meer eigen "
                "inkomsten uit de lunchroom, de klusdienst en de verhuur van ruimtes. We zoeken een "
                "ervaren ondernemer of adviseur die in een paar sessies met ons een realistisch "
                "ondernemingsplan en een meerjarenbegroting maakt."
            ),
        },
        "en": {
            "title": "A business plan for our neighbourhood enterprise in {place}",
            "description": (
                "{initiative} currently runs on grants that end in two years. We want to earn more "
                "of our own income from the lunchroom, the handyman service and room hire. We are "
                "looking for an experienced entrepreneur or adviser to draw up a realistic business "
                "plan and a multi-year budget with us in a few sessions."
            ),
        },
        "placements": [("klokhuis", "nl"), ("buurtcentrum-de-linde", "en")],
    },
    {
        "theme": "community",
        "sdgs": [3, 11, 15],
        "need_type": "money",
        "budget": (15_000, 21_000),
        "deadline_days": 150,
        "nl": {
            "title": "Cofinanciering voor een natuurspeeltuin in {place}",
            "description": (
                "De oude speeltuin in {place} is afgekeurd. Samen met kinderen en ouders hebben we "
                "een ontwerp gemaakt voor een natuurspeeltuin met een waterpomp, boomstammen en een "
                "wilgenhut. De totale kosten zijn € 42.000; de gemeente betaalt de helft als wij de "
                "andere helft bij elkaar brengen."
            ),
        },
        "en": {
            "title": "Co-funding for a natural playground in {place}",
            "description": (
                "The old playground in {place} has been condemned. Together with children and "
                "parents we have designed a natural playground with a water pump, tree trunks and a "
                "willow hut. The total cost is €42,000; the municipality pays half if we raise the "
                "other half."
            ),
        },
        "placements": [
            ("groen-lombok", "en", {"state": "draft"}),
            ("plaatselijk-belang-oudega", "nl"),
        ],
    },
    # Digital --------------------------------------------------------------------------------
    {
        "theme": "digital",
        "sdgs": [4, 10],
        "need_type": "product",
        "budget": (1_500, 3_000),
        "deadline_days": 60,
        "nl": {
            "title": "Laptops voor ons digitale spreekuur in {place}",
            "description": (
                "Bij ons wekelijkse digitale spreekuur komen steeds vaker mensen die thuis geen "
                "computer hebben. We willen tien laptops die we kunnen uitlenen, zodat bezoekers "
                "thuis kunnen oefenen met DigiD, e-mail en videobellen met familie. Gereviseerde "
                "laptops zijn prima, als ze maar veilig en bijgewerkt zijn."
            ),
        },
        "en": {
            "title": "Laptops for our digital help desk in {place}",
            "description": (
                "More and more people coming to our weekly digital help desk have no computer at "
                "home. We want ten laptops to lend out so visitors can practise DigiD, email and "
                "video calls with family at home. Refurbished laptops are fine, as long as they are "
                "secure and up to date."
            ),
        },
        "placements": [
            ("digitaal-dichtbij", "nl", {"state": "submitted"}),
            ("samen-transvaal", "en"),
        ],
    },
    {
        "theme": "digital",
        "sdgs": [4, 10],
        "need_type": "volunteers",
        "budget": None,
        "deadline_days": 45,
        "nl": {
            "title": "Vrijwilligers voor het digitale spreekuur in {place}",
            "description": (
                "Mensen helpen met hun telefoon, een formulier van de Belastingdienst of een afspraak "
                "bij de huisarts: dat doen onze vrijwilligers elke week op drie plekken in {place}. "
                "We zoeken vier nieuwe vrijwilligers die geduldig zijn en handig met computers. Je "
                "krijgt een korte cursus en werkt in een vast team."
            ),
        },
        "en": {
            "title": "Volunteers for our digital help desk in {place}",
            "description": (
                "Helping people with their phone, a tax form or booking a GP appointment: our "
                "volunteers do it every week at three locations in {place}. We are looking for four "
                "new volunteers who are patient and handy with computers. You get a short course "
                "and join a regular team."
            ),
        },
        "placements": [("digitaal-dichtbij", "en"), ("samen-thuis-peel-en-maas", "nl")],
    },
    {
        "theme": "digital",
        "sdgs": [16, 17],
        "need_type": "service",
        "budget": (1_000, 3_000),
        "deadline_days": 90,
        "nl": {
            "title": "Website met ledenportaal voor {initiative}",
            "description": (
                "Onze huidige website is twaalf jaar oud en niet meer te onderhouden. We zoeken een "
                "eenvoudige website met nieuws, een agenda en een afgeschermd deel waar leden de "
                "stukken voor de ledenvergadering vinden en hun gegevens aanpassen. Het liefst "
                "gekoppeld aan onze ledenadministratie, en te beheren door vrijwilligers zonder "
                "technische kennis."
            ),
        },
        "en": {
            "title": "A website with a member portal for {initiative}",
            "description": (
                "Our current website is twelve years old and can no longer be maintained. We are "
                "looking for a simple website with news, a calendar and a members-only section "
                "where members find the documents for the general meeting and update their details. "
                "Ideally linked to our membership administration, and manageable by volunteers "
                "without technical knowledge."
            ),
        },
        "placements": [("brabantse-wal-energie", "nl"), ("autodelen-haren", "en")],
    },
    {
        "theme": "digital",
        "sdgs": [4, 11],
        "need_type": "product",
        "budget": (2_500, 5_000),
        "deadline_days": 100,
        "nl": {
            "title": "Wifi, beamer en geluid voor het dorpshuis in {place}",
            "description": (
                "In ons dorpshuis vergaderen verenigingen, geeft de bibliotheek cursussen en houden "
                "we informatieavonden over de energietransitie. Het wifi-bereik is slecht en er is "
                "geen vaste beamer of geluidsinstallatie. We zoeken een bedrijf of vrijwilliger die "
                "een goede, onderhoudsarme oplossing kan leveren en installeren."
            ),
        },
        "en": {
            "title": "Wi-Fi, a projector and sound for the village hall in {place}",
            "description": (
                "Our village hall hosts club meetings, library courses and information evenings "
                "about the energy transition. The Wi-Fi coverage is poor and there is no fixed "
                "projector or sound system. We are looking for a business or volunteer who can "
                "supply and install a good, low-maintenance solution."
            ),
        },
        "placements": [("dorpsbelangen-zuidwolde", "nl"), ("dorpsraad-sint-philipsland", "en")],
    },
    # Finance --------------------------------------------------------------------------------
    {
        "theme": "finance",
        "sdgs": [7, 17],
        "need_type": "money",
        "budget": (50_000, 120_000),
        "deadline_days": 60,
        "nl": {
            "title": "Overbruggingskrediet tot de SCE-subsidie uitbetaalt in {place}",
            "description": (
                "Ons tweede zonnedak met 480 panelen is bijna klaar. De SCE-subsidie wordt pas per "
                "jaar achteraf uitbetaald, terwijl de installateur nu betaald moet worden. We zoeken "
                "een overbruggingskrediet van € 50.000 tot € 120.000 voor maximaal drie jaar, dat we "
                "aflossen uit de subsidie en de stroomopbrengst."
            ),
        },
        "en": {
            "title": "Bridge loan until the SCE subsidy pays out in {place}",
            "description": (
                "Our second solar roof with 480 panels is almost finished. The SCE subsidy is paid "
                "annually in arrears, while the installer has to be paid now. We are looking for a "
                "bridge loan of €50,000 to €120,000 for up to three years, repaid from the subsidy "
                "and the electricity revenue."
            ),
        },
        "placements": [("grutte-sinne", "nl"), ("walcheren-zon", "en")],
    },
    {
        "theme": "finance",
        "sdgs": [7, 17],
        "need_type": "service",
        "budget": (2_000, 8_000),
        "deadline_days": 90,
        "nl": {
            "title": "Partner gezocht voor een obligatie-uitgifte aan leden in {place}",
            "description": (
                "{initiative} wil € 250.000 ophalen met obligaties van € 250 voor een nieuw "
                "zonnedak, zodat ook buurtbewoners met een kleine beurs kunnen meedoen. We zoeken "
                "een platform of adviseur die helpt met het informatiememorandum, de inschrijving en "
                "de regels van de AFM, tegen een redelijk tarief."
            ),
        },
        "en": {
            "title": "Partner wanted for a member bond issue in {place}",
            "description": (
                "{initiative} wants to raise €250,000 through €250 bonds for a new solar roof, so "
                "that neighbours on a small budget can take part too. We are looking for a platform "
                "or adviser to help with the information memorandum, subscriptions and the AFM "
                "rules, at a reasonable fee."
            ),
        },
        "placements": [
            (
                "vechtstroom",
                "nl",
                {
                    "state": "rejected",
                    "reason": (
                        "Vermeld de looptijd en de verwachte rente van de obligaties, zodat "
                        "aanbieders kunnen inschatten wat u zoekt."
                    ),
                },
            ),
            ("drentse-aa-energie", "en"),
        ],
    },
    # Legal and administration ---------------------------------------------------------------
    {
        "theme": "legal_admin",
        "sdgs": [16, 17],
        "need_type": "knowledge",
        "budget": (500, 1_500),
        "deadline_days": 120,
        "nl": {
            "title": "Hulp bij het aanpassen van onze statuten aan de WBTR in {place}",
            "description": (
                "Onze statuten dateren van 1996 en voldoen niet aan de Wet bestuur en toezicht "
                "rechtspersonen. Bij de volgende statutenwijziging moeten we ze aanpassen, en we "
                "willen meteen de regels voor online stemmen en het lidmaatschap moderniseren. We "
                "zoeken een notaris of jurist die dit voor een vaste prijs met ons doorloopt."
            ),
        },
        "en": {
            "title": "Help updating our statutes to the WBTR in {place}",
            "description": (
                "Our statutes date from 1996 and do not comply with the Dutch Management and "
                "Supervision of Legal Entities Act (WBTR). We must amend them at the next change of "
                "statutes, and want to modernise the rules on online voting and membership at the "
                "same time. We are looking for a notary or lawyer to take us through it for a fixed "
                "price."
            ),
        },
        "placements": [("dorpsbelangen-zuidwolde", "en"), ("food-coop-almere", "nl")],
    },
    {
        "theme": "legal_admin",
        "sdgs": [16, 17],
        "need_type": "product",
        "budget": (0, 500),
        "deadline_days": 90,
        "nl": {
            "title": "Boekhoudsoftware voor onze coöperatie in {place}",
            "description": (
                "Onze penningmeester houdt de administratie van {members} leden, hun contributies en "
                "betalingen nu bij in een spreadsheet. We zoeken software die ledenadministratie, "
                "incasso en boekhouding combineert en geschikt is voor een coöperatie of vereniging. "
                "Het liefst met ondersteuning in het Nederlands en een proefperiode."
            ),
        },
        "en": {
            "title": "Bookkeeping software for our association in {place}",
            "description": (
                "Our treasurer keeps the records of {members} members, their fees and payments in a "
                "spreadsheet. We are looking for software that combines membership administration, "
                "direct debits and bookkeeping and suits a cooperative or association. Ideally with "
                "support and a free trial period."
            ),
        },
        "placements": [("vechtstroom", "nl", {"state": "draft"}), ("autodelen-haren", "en")],
    },
    {
        "theme": "legal_admin",
        "sdgs": [16, 17],
        "need_type": "volunteers",
        "budget": None,
        "deadline_days": 60,
        "nl": {
            "title": "Vrijwillige penningmeester gezocht in {place}",
            "description": (
                "Na acht jaar stopt onze penningmeester. We zoeken iemand die het leuk vindt om de "
                "financiën van {initiative} bij te houden: betalingen, de jaarrekening en een "
                "begroting voor de ledenvergadering. Het kost gemiddeld vier uur per week. Onze "
                "huidige penningmeester werkt je graag in."
            ),
        },
        "en": {
            "title": "Volunteer treasurer wanted in {place}",
            "description": (
                "After eight years our treasurer is stepping down. We are looking for someone who "
                "enjoys keeping the finances of {initiative}: payments, the annual accounts and a "
                "budget for the general meeting. It takes about four hours a week on average. Our "
                "current treasurer will gladly show you the ropes."
            ),
        },
        "placements": [("repair-cafe-maastricht", "en"), ("digitaal-dichtbij", "nl")],
    },
    {
        "theme": "legal_admin",
        "sdgs": [16, 17],
        "need_type": "knowledge",
        "budget": (0, 750),
        "deadline_days": 90,
        "nl": {
            "title": "Hulp bij het aanvragen van de ANBI-status in {place}",
            "description": (
                "Als ANBI kunnen donateurs hun giften aan ons aftrekken van de belasting, en veel "
                "fondsen vragen er ook om. We weten niet precies welke wijzigingen in onze statuten "
                "en administratie nodig zijn en hoe we het beleidsplan opstellen. We zoeken iemand "
                "met ervaring die ons hier een paar uur bij helpt."
            ),
        },
        "en": {
            "title": "Help applying for ANBI status in {place}",
            "description": (
                "With ANBI (public benefit) status, donors can deduct their gifts to us from their "
                "taxes, and many foundations require it too. We are not sure which changes to our "
                "statutes and records are needed or how to write the required policy plan. We are "
                "looking for someone experienced to help us for a few hours."
            ),
        },
        "placements": [("buurtcentrum-de-linde", "en"), ("repair-cafe-reeshof", "nl")],
    },
    # Insurance ------------------------------------------------------------------------------
    {
        "theme": "insurance",
        "sdgs": [3, 16],
        "need_type": "service",
        "budget": (0, 300),
        "deadline_days": 60,
        "nl": {
            "title": "Vrijwilligersverzekering voor onze vrijwilligers in {place}",
            "description": (
                "Bij {initiative} zijn inmiddels {members} mensen actief, en we willen zeker weten "
                "dat ze goed verzekerd zijn bij een ongeluk of schade. We weten niet of de "
                "gemeentelijke vrijwilligersverzekering genoeg dekt, bijvoorbeeld als we met "
                "gereedschap werken of mensen vervoeren. We zoeken een verzekering of advies op "
                "maat."
            ),
        },
        "en": {
            "title": "Volunteer insurance for our volunteers in {place}",
            "description": (
                "{members} people are now active in {initiative}, and we want to be sure they are "
                "properly insured in case of an accident or damage. We don't know whether the "
                "municipal volunteer insurance covers enough, for example when we work with tools "
                "or drive people around. We are looking for a policy or tailored advice."
            ),
        },
        "placements": [("samen-transvaal", "nl"), ("food-coop-almere", "en")],
    },
    {
        "theme": "insurance",
        "sdgs": [7, 13],
        "need_type": "product",
        "budget": (400, 900),
        "deadline_days": 50,
        "nl": {
            "title": "Verzekering voor de zonnepanelen op het schooldak in {place}",
            "description": (
                "{initiative} legt 180 zonnepanelen op het dak van de basisschool in {place}. Het "
                "schoolbestuur eist dat de installatie apart verzekerd is tegen brand, storm en "
                "schade aan het gebouw. We zoeken een verzekering voor 15 jaar die ook de gederfde "
                "opbrengst dekt."
            ),
        },
        "en": {
            "title": "Insurance for the solar panels on the school roof in {place}",
            "description": (
                "{initiative} is installing 180 solar panels on the roof of the primary school in "
                "{place}. The school board requires the installation to be insured separately "
                "against fire, storm and damage to the building. We are looking for a 15-year policy "
                "that also covers lost revenue."
            ),
        },
        "placements": [("dorpsenergie-ezinge", "nl"), ("brabantse-wal-energie", "en")],
    },
    {
        "theme": "insurance",
        "sdgs": [16, 17],
        "need_type": "knowledge",
        "budget": (0, 500),
        "deadline_days": 60,
        "nl": {
            "title": "Advies over een bestuurdersaansprakelijkheidsverzekering in {place}",
            "description": (
                "Nu ons project groter wordt, vragen nieuwe bestuursleden of zij persoonlijk "
                "aansprakelijk kunnen worden gesteld. We zoeken advies over de risico's en over een "
                "passende bestuurdersaansprakelijkheidsverzekering voor ons bestuur van vijf "
                "mensen."
            ),
        },
        "en": {
            "title": "Advice on directors' liability insurance in {place}",
            "description": (
                "As our organisation grows, new board members ask whether they can be held "
                "personally liable. We are looking for advice on the risks and on suitable "
                "directors' liability insurance for our board of five."
            ),
        },
        "placements": [("gedeelde-dak", "nl"), ("noaberhuus", "en")],
    },
]
