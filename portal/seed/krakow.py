"""The first real content: the Latgale Planning Region's press release on the Kraków visit.

Our own copy of ../shared/seed/press-release-krakow-lv.txt, split into the portal's fields.
Wording is the author's; only the Word conversion was cleaned: the "[bookmark: _GoBack]"
marker, doubled and stray spaces, the "PRESES RELĪZE" heading (it is the page type), the
missing space in "2.decembra", and the currency written twice ("EUR 1 172 029.00 EUR").
The closing facts (implementer, partners, cost, links) are stored as fields of the project and
of the release, and shown from there rather than repeated in the body.
"""

import datetime
from decimal import Decimal

# The text says "No šī gada 2.decembra līdz 4.decembrim" ("from 2 December this year") without
# the year. It is 2014: the text speaks of 2013 in the past, by its number ("2013. gada vasarā
# ... parakstīja", "2013. gada ... brauciens jau ir devis pozitīvus rezultātus", the first trip,
# of which this is the second), so "this year" is later than 2013; it quotes the cost in euro,
# which Latvia adopted on 1 January 2014; and the project belongs to the Norwegian Financial
# Mechanism 2009-2014, whose projects had to finish by April 2016, so 2014 or 2015, and the
# first year after 2013 is the one that reads "the second trip" naturally. 2 December 2014 was
# a Tuesday, so the visit ran Tuesday to Thursday, a working week's visit.
EVENT_YEAR = 2014
EVENT_START = datetime.date(EVENT_YEAR, 12, 2)
EVENT_END = datetime.date(EVENT_YEAR, 12, 4)

# The text carries no date of its own. It announces the visit in the future tense ("dosies"),
# so it was issued before 2 December 2014; we date it 1 December 2014, the latest date the
# text allows, and editors can correct it when the original date is found.
RELEASE_DATE = datetime.date(2014, 12, 1)

SITE_NAME = "Latgales plānošanas reģions"

HOME = {"title": "Latgales plānošanas reģiona jaunumi", "slug": "sakums"}
NEWS_INDEX = {"title": "Jaunumi", "slug": "jaunumi", "show_in_menus": True}
PROJECT_INDEX = {"title": "Projekti", "slug": "projekti", "show_in_menus": True}
ORGANISATION_INDEX = {"title": "Partneri", "slug": "partneri", "show_in_menus": True}

# Associations description, from the text: "Latgales reģiona uzņēmējus pārstāvošo
# nevalstisko organizāciju biedri".
_ASSOCIATION = "Nevalstiskā organizācija, kas pārstāv Latgales reģiona uzņēmējus."

ORGANISATIONS = [
    {
        "key": "lpr",
        "title": "Latgales plānošanas reģions",
        "slug": "latgales-planosanas-regions",
        "kind": "planning-region",
        "country": "LV",
        "region": "Latgale",
        # The text links to the project on latgale.lv.
        "website": "http://latgale.lv/",
    },
    {
        "key": "ludza",
        "title": "Ludzas uzņēmēju asociācija",
        "slug": "ludzas-uznemeju-asociacija",
        "kind": "business-association",
        "country": "LV",
        "region": "Latgale",
        "description": _ASSOCIATION,
    },
    {
        "key": "rezekne",
        "title": "Rēzeknes uzņēmēju biedrība",
        "slug": "rezeknes-uznemeju-biedriba",
        "kind": "business-association",
        "country": "LV",
        "region": "Latgale",
        "description": _ASSOCIATION,
    },
    {
        "key": "balvi",
        "title": "Balvu novada uzņēmējdarbības atbalsta biedrība",
        "slug": "balvu-novada-uznemejdarbibas-atbalsta-biedriba",
        "kind": "business-support",
        "country": "LV",
        "region": "Latgale",
        "description": _ASSOCIATION,
    },
    {
        "key": "daugavpils",
        "title": "Daugavpils novada uzņēmēju padome",
        "slug": "daugavpils-novada-uznemeju-padome",
        "kind": "business-association",
        "country": "LV",
        "region": "Latgale",
        "description": _ASSOCIATION,
    },
    {
        "key": "aglona",
        "title": "Aglonas novada biedrība “Dorbs i Zineiba”",
        "slug": "aglonas-novada-biedriba-dorbs-i-zineiba",
        "kind": "ngo",
        "country": "LV",
        "region": "Latgale",
        "description": _ASSOCIATION,
    },
    {
        "key": "business-centre",
        "title": "Latgales uzņēmējdarbības centrs",
        "slug": "latgales-uznemejdarbibas-centrs",
        "kind": "business-support",
        "country": "LV",
        "region": "Latgale",
        "description": "Organizēja pirmo kontaktu dibināšanas braucienu uz Poliju 2013. gadā.",
    },
    {
        "key": "malopolska",
        "title": "Mazpolijas reģions",
        "slug": "mazpolijas-regions",
        "kind": "regional-authority",
        "country": "PL",
        "region": "Mazpolija",
        "description": (
            "Polijas reģions, ar kuru Latgales plānošanas reģions 2013. gada vasarā abu valstu "
            "prezidentu klātbūtnē parakstīja sadarbības līgumu."
        ),
    },
    {
        "key": "varam",
        "title": "Vides aizsardzības un reģionālās attīstības ministrija",
        "short_name": "VARAM",
        "slug": "vides-aizsardzibas-un-regionalas-attistibas-ministrija",
        "kind": "ministry",
        "country": "LV",
        # The text links to the programme on varam.gov.lv.
        "website": "http://www.varam.gov.lv/",
    },
    {
        "key": "vidzeme",
        "title": "Vidzemes plānošanas reģions",
        "slug": "vidzemes-planosanas-regions",
        "kind": "planning-region",
        "country": "LV",
        "region": "Vidzeme",
    },
    {
        "key": "riga",
        "title": "Rīgas plānošanas reģions",
        "slug": "rigas-planosanas-regions",
        "kind": "planning-region",
        "country": "LV",
        "region": "Rīga",
    },
    {
        "key": "zemgale",
        "title": "Zemgales plānošanas reģions",
        "slug": "zemgales-planosanas-regions",
        "kind": "planning-region",
        "country": "LV",
        "region": "Zemgale",
    },
    {
        "key": "kurzeme",
        "title": "Kurzemes plānošanas reģions",
        "slug": "kurzemes-planosanas-regions",
        "kind": "planning-region",
        "country": "LV",
        "region": "Kurzeme",
    },
    {
        "key": "no-ministry",
        "title": "Norvēģijas Pašvaldību un reģionālās attīstības ministrija",
        "slug": "norvegijas-pasvaldibu-un-regionalas-attistibas-ministrija",
        "kind": "ministry",
        "country": "NO",
    },
    {
        "key": "oppland",
        "title": "Oppland reģionālā līmeņa pašvaldība",
        "slug": "oppland-regionala-limena-pasvaldiba",
        "kind": "regional-authority",
        "country": "NO",
        "region": "Oppland",
    },
    {
        "key": "aust-agder",
        "title": "Aust-Agder reģionālā līmeņa pašvaldība",
        "slug": "aust-agder-regionala-limena-pasvaldiba",
        "kind": "regional-authority",
        "country": "NO",
        "region": "Aust-Agder",
    },
]

PROJECT_URL = "http://latgale.lv/lv/luc/projekti/nfi_proj_reg_pol_akt_ist"
PROGRAMME_URL = "http://www.varam.gov.lv/lat/fondi/grants/EEZ_2009_2014/nfi_programma/?doc=14951"

PROJECT = {
    "title": (
        "Reģionālās politikas aktivitāšu īstenošana Latvijā un reģionālās attīstības "
        "pasākumu izstrāde"
    ),
    "slug": "regionalas-politikas-aktivitasu-istenosana-latvija",
    "financial_instrument": "nfm-2009-2014",
    "programme": (
        "Kapacitātes stiprināšana un institucionālā sadarbība starp Latvijas un Norvēģijas "
        "valsts institūcijām, vietējām un reģionālām iestādēm"
    ),
    "total_cost": Decimal("1172029.00"),
    "currency": "EUR",
    # The text gives no code and no period. The Norwegian Financial Mechanism 2009-2014 closed
    # its projects by 2016-2017, so the project is no longer running.
    "status": "completed",
    "description": [
        "Projekta mērķis ir stiprināt Latvijas pašvaldību un reģionu kapacitāti un sniegt "
        "atbalstu uzņēmējdarbības veicināšanas jautājumos.",
        "Latgales galvenās aktivitātes tiks vērstas uz to, lai reģionā aktivizētu vietējos "
        "resursus un vietējās partnerības starp uzņēmējiem, vietējām publiskajām iestādēm, "
        "kultūras un izglītības iestādēm, finanšu sektoru un nevalstisko sektoru un paaugstinātu "
        "reģiona attīstības līmeni.",
    ],
    "external_links": [PROJECT_URL, PROGRAMME_URL],
    "funder_name": "Norvēģijas finanšu instruments",
    "acknowledgement": "Projektu līdzfinansē Norvēģijas finanšu instruments 2009.–2014. gadam.",
    # (organisation key, role), in the order the text names them.
    "partners": [
        ("varam", "implementer"),
        ("lpr", "partner"),
        ("vidzeme", "partner"),
        ("riga", "partner"),
        ("zemgale", "partner"),
        ("kurzeme", "partner"),
        ("no-ministry", "donor-partner"),
        ("oppland", "donor-partner"),
        ("aust-agder", "donor-partner"),
    ],
}

TOPICS = [
    {"name": "Uzņēmējdarbība", "slug": "uznemejdarbiba"},
    {"name": "Starptautiskā sadarbība", "slug": "starptautiska-sadarbiba"},
    {"name": "Reģionālā attīstība", "slug": "regionala-attistiba"},
]

RELEASE = {
    "title": "Vizīte uz Krakovu uzņēmējdarbības veicināšanai",
    "slug": "vizite-uz-krakovu-uznemejdarbibas-veicinasanai",
    "release_date": RELEASE_DATE,
    "lead": (
        "No šī gada 2. decembra līdz 4. decembrim Latgales reģiona uzņēmējus pārstāvošo "
        "nevalstisko organizāciju biedri dosies vizītē uz Krakovu (Polija)."
    ),
    "event_start": EVENT_START,
    "event_end": EVENT_END,
    "event_place": "Krakova",
    "event_country": "PL",
    # Paragraphs of the body. {project} and {org:KEY} become links to those pages.
    "body": [
        "Vizīte tiek organizēta ar mērķi popularizēt Latgales reģiona ražotāju produkciju un "
        "radīt tai jaunu noieta tirgu.",
        "Vizīti rīko {org:lpr|Latgales Plānošanas reģions} Norvēģijas finanšu instrumenta "
        "līdzfinansētās programmas „Kapacitātes stiprināšana un institucionālā sadarbība starp "
        "Latvijas un Norvēģijas valsts institūcijām, vietējām un reģionālām iestādēm” projekta "
        "„{project|Reģionālās politikas aktivitāšu īstenošana Latvijā un reģionālās attīstības "
        "pasākumu izstrāde}” ietvaros.",
        "Braucienā piedalīsies 15 reģiona pārstāvji no Ludzas uzņēmēju asociācijas, Rēzeknes "
        "uzņēmēju biedrības, Balvu novada uzņēmējdarbības atbalsta biedrības, Daugavpils novada "
        "uzņēmēju padomes, Aglonas novada biedrības “Dorbs i Zineiba”. Organizācijas pārstāv "
        "daudzu dažādu uzņēmēju intereses, kas ir apvienojušies šajās biedrībās.",
        "Vizītes darba kārtībā tiek plānotas tikšanās ar Polijas uzņēmējiem kontaktu "
        "dibināšanai, kā arī plānots apmeklēt vairākus Mazpolijas reģiona uzņēmumus, kuri "
        "darbojas kokapstrādes, pārtikas ražošanas, bioloģiskās lauksaimniecības, kā arī "
        "pārtikas un rūpniecības preču vairumtirdzniecības jomās.",
        "Šis jau ir otrais šāda veida kontaktu dibināšanas un sadarbības veicināšanas brauciens, "
        "ko organizē Latgales Plānošanas reģions. 2013. gada Latgales uzņēmējdarbības centra "
        "organizētais brauciens jau ir devis pozitīvus rezultātus, jo panāktas vairākas "
        "vienošanās starp mūsu un poļu uzņēmējiem.",
        "2013. gada vasarā abu valstu prezidentu klātbūtnē Latgales plānošanas reģions "
        "parakstīja sadarbības līgumu ar {org:malopolska|Mazpolijas reģionu} Polijā.",
        "Projekta mērķis ir stiprināt Latvijas pašvaldību un reģionu kapacitāti un sniegt "
        "atbalstu uzņēmējdarbības veicināšanas jautājumos.",
        "Latgales galvenās aktivitātes tiks vērstas uz to, lai reģionā aktivizētu vietējos "
        "resursus un vietējās partnerības starp uzņēmējiem, vietējām publiskajām iestādēm, "
        "kultūras un izglītības iestādēm, finanšu sektoru un nevalstisko sektoru un paaugstinātu "
        "reģiona attīstības līmeni.",
    ],
    "further_information": [PROJECT_URL, PROGRAMME_URL],
    # (organisation key, role in the release), in the order the text names them.
    "organisations": [
        ("lpr", "organiser"),
        ("ludza", "participant"),
        ("rezekne", "participant"),
        ("balvi", "participant"),
        ("daugavpils", "participant"),
        ("aglona", "participant"),
        ("business-centre", "named"),
        ("malopolska", "named"),
        ("varam", "named"),
        ("vidzeme", "named"),
        ("riga", "named"),
        ("zemgale", "named"),
        ("kurzeme", "named"),
        ("no-ministry", "named"),
        ("oppland", "named"),
        ("aust-agder", "named"),
    ],
    "topics": ["uznemejdarbiba", "starptautiska-sadarbiba", "regionala-attistiba"],
}

# The accessibility statement a Latvian public body must publish. The feedback contact is the
# region's website, the one contact the seed text gives.
ACCESSIBILITY_STATEMENT = {
    "title": "Piekļūstamības paziņojums",
    "slug": "pieklustamibas-pazinojums",
    "compliance_status": "partial",
    "standard": "WCAG 2.1 AA (EN 301 549)",
    "body": (
        "<p>Latgales plānošanas reģions vēlas, lai šī tīmekļvietne būtu piekļūstama ikvienam.</p>"
        "<p>Visu lapu veidu latviešu, angļu un poļu valodas versijas ir pārbaudītas ar "
        "automātisko rīku axe-core, un tas kļūdas neatrada. Pilns manuāls izvērtējums vēl nav "
        "veikts, tāpēc pievienotie dokumenti un iegultie video var nebūt pilnībā piekļūstami.</p>"
    ),
    "feedback": (
        "<p>Ja pamanāt piekļūstamības trūkumus vai vēlaties saņemt informāciju citā formātā, "
        "sazinieties ar Latgales plānošanas reģionu, izmantojot kontaktinformāciju vietnē "
        "latgale.lv.</p>"
    ),
    "enforcement": (
        "<p>Ja atbilde jūs neapmierina, varat iesniegt sūdzību iestādei, kas uzrauga valsts "
        "iestāžu tīmekļvietņu piekļūstamību.</p>"
    ),
    "prepared_on": datetime.date(2026, 11, 23),
}
