"""English and Polish translations of the seed content, keyed by the Latvian source text.

load_seed_content feeds them to wagtail-localize as translated segments (the same way a
translator's PO upload does), so translators see and can revise them in the editor.
Proper names follow each language's convention: Krakova / Kraków, Mazpolija / Lesser Poland /
Małopolska, Rēzekne / Rzeżyca, Daugavpils / Dyneburg, Zemgale / Semigalia, Kurzeme / Kurlandia.
"""

_PROGRAMME_LV = (
    "Kapacitātes stiprināšana un institucionālā sadarbība starp Latvijas un Norvēģijas valsts "
    "institūcijām, vietējām un reģionālām iestādēm"
)
_PROJECT_LV = (
    "Reģionālās politikas aktivitāšu īstenošana Latvijā un reģionālās attīstības pasākumu izstrāde"
)
_ASSOCIATION_LV = "Nevalstiskā organizācija, kas pārstāv Latgales reģiona uzņēmējus."

EN = {
    # Topics
    "Reģionālā attīstība": "Regional development",
    "regionala-attistiba": "regional-development",
    "Starptautiskā sadarbība": "International cooperation",
    "starptautiska-sadarbiba": "international-cooperation",
    "Uzņēmējdarbība": "Business",
    "uznemejdarbiba": "business",
    # Home and indexes
    "Latgales plānošanas reģiona jaunumi": "Latgale Planning Region news",
    "sakums": "home",
    "Jaunumi": "News",
    "jaunumi": "news",
    "Projekti": "Projects",
    "projekti": "projects",
    "Partneri": "Partners",
    "partneri": "partners",
    # The release
    "Vizīte uz Krakovu uzņēmējdarbības veicināšanai": "Visit to Kraków to promote business",
    "vizite-uz-krakovu-uznemejdarbibas-veicinasanai": "visit-to-krakow-to-promote-business",
    "No šī gada 2. decembra līdz 4. decembrim Latgales reģiona uzņēmējus pārstāvošo "
    "nevalstisko organizāciju biedri dosies vizītē uz Krakovu (Polija).": (
        "From 2 to 4 December this year, members of non-governmental organisations "
        "representing the entrepreneurs of the Latgale region will visit Kraków (Poland)."
    ),
    "Vizīte tiek organizēta ar mērķi popularizēt Latgales reģiona ražotāju produkciju un "
    "radīt tai jaunu noieta tirgu.": (
        "The visit is organised to promote the products of Latgale's producers and to open up "
        "a new market for them."
    ),
    'Vizīti rīko <a id="a1">Latgales Plānošanas reģions</a> Norvēģijas finanšu instrumenta '
    f"līdzfinansētās programmas „{_PROGRAMME_LV}” projekta „"
    f'<a id="a2">{_PROJECT_LV}</a>” ietvaros.': (
        'The visit is organised by the <a id="a1">Latgale Planning Region</a> within the '
        'project “<a id="a2">Implementation of Regional Policy Activities in Latvia and '
        "Development of Regional Development Measures</a>” of the programme “Capacity-building "
        "and Institutional Cooperation between Latvian and Norwegian Public Institutions, Local "
        "and Regional Authorities”, co-financed by the Norwegian Financial Mechanism."
    ),
    "Braucienā piedalīsies 15 reģiona pārstāvji no Ludzas uzņēmēju asociācijas, Rēzeknes "
    "uzņēmēju biedrības, Balvu novada uzņēmējdarbības atbalsta biedrības, Daugavpils novada "
    "uzņēmēju padomes, Aglonas novada biedrības “Dorbs i Zineiba”. Organizācijas pārstāv "
    "daudzu dažādu uzņēmēju intereses, kas ir apvienojušies šajās biedrībās.": (
        "Fifteen representatives of the region will take part in the trip: from the Ludza "
        "Entrepreneurs' Association, the Rēzekne Entrepreneurs' Society, the Balvi Municipality "
        "Business Support Society, the Daugavpils Municipality Entrepreneurs' Council and the "
        "Aglona Municipality society “Dorbs i Zineiba”. These organisations represent the "
        "interests of the many different businesses that have joined them."
    ),
    "Vizītes darba kārtībā tiek plānotas tikšanās ar Polijas uzņēmējiem kontaktu "
    "dibināšanai, kā arī plānots apmeklēt vairākus Mazpolijas reģiona uzņēmumus, kuri "
    "darbojas kokapstrādes, pārtikas ražošanas, bioloģiskās lauksaimniecības, kā arī "
    "pārtikas un rūpniecības preču vairumtirdzniecības jomās.": (
        "The agenda includes meetings with Polish entrepreneurs to establish contacts, and "
        "visits to several companies in the Lesser Poland region working in woodworking, food "
        "production, organic farming, and the wholesale of food and industrial goods."
    ),
    "Šis jau ir otrais šāda veida kontaktu dibināšanas un sadarbības veicināšanas brauciens, "
    "ko organizē Latgales Plānošanas reģions. 2013. gada Latgales uzņēmējdarbības centra "
    "organizētais brauciens jau ir devis pozitīvus rezultātus, jo panāktas vairākas "
    "vienošanās starp mūsu un poļu uzņēmējiem.": (
        "This is already the second trip of its kind that the Latgale Planning Region has "
        "organised to establish contacts and promote cooperation. The trip organised by the "
        "Latgale Business Centre in 2013 has already brought positive results: several "
        "agreements have been reached between our entrepreneurs and Polish ones."
    ),
    "2013. gada vasarā abu valstu prezidentu klātbūtnē Latgales plānošanas reģions "
    'parakstīja sadarbības līgumu ar <a id="a1">Mazpolijas reģionu</a> Polijā.': (
        "In the summer of 2013, in the presence of the presidents of both countries, the "
        "Latgale Planning Region signed a cooperation agreement with the "
        '<a id="a1">Lesser Poland region</a> in Poland.'
    ),
    "Projekta mērķis ir stiprināt Latvijas pašvaldību un reģionu kapacitāti un sniegt "
    "atbalstu uzņēmējdarbības veicināšanas jautājumos.": (
        "The aim of the project is to strengthen the capacity of Latvian municipalities and "
        "regions and to support them in promoting business."
    ),
    "Latgales galvenās aktivitātes tiks vērstas uz to, lai reģionā aktivizētu vietējos "
    "resursus un vietējās partnerības starp uzņēmējiem, vietējām publiskajām iestādēm, "
    "kultūras un izglītības iestādēm, finanšu sektoru un nevalstisko sektoru un paaugstinātu "
    "reģiona attīstības līmeni.": (
        "In Latgale, the main activities will aim to mobilise local resources and local "
        "partnerships between entrepreneurs, local public bodies, cultural and educational "
        "institutions, the financial sector and the non-governmental sector, and to raise the "
        "region's level of development."
    ),
    "Krakova": "Kraków",
    # The project
    _PROJECT_LV: (
        "Implementation of Regional Policy Activities in Latvia and Development of Regional "
        "Development Measures"
    ),
    "regionalas-politikas-aktivitasu-istenosana-latvija": (
        "implementation-of-regional-policy-activities-in-latvia"
    ),
    _PROGRAMME_LV: (
        "Capacity-building and Institutional Cooperation between Latvian and Norwegian Public "
        "Institutions, Local and Regional Authorities"
    ),
    # Organisations
    "Latgales plānošanas reģions": "Latgale Planning Region",
    "latgales-planosanas-regions": "latgale-planning-region",
    "Latgale": "Latgale",
    "Ludzas uzņēmēju asociācija": "Ludza Entrepreneurs' Association",
    "ludzas-uznemeju-asociacija": "ludza-entrepreneurs-association",
    _ASSOCIATION_LV: (
        "A non-governmental organisation representing the entrepreneurs of the Latgale region."
    ),
    "Rēzeknes uzņēmēju biedrība": "Rēzekne Entrepreneurs' Society",
    "rezeknes-uznemeju-biedriba": "rezekne-entrepreneurs-society",
    "Balvu novada uzņēmējdarbības atbalsta biedrība": "Balvi Municipality Business Support Society",
    "balvu-novada-uznemejdarbibas-atbalsta-biedriba": "balvi-municipality-business-support-society",
    "Daugavpils novada uzņēmēju padome": "Daugavpils Municipality Entrepreneurs' Council",
    "daugavpils-novada-uznemeju-padome": "daugavpils-municipality-entrepreneurs-council",
    "Aglonas novada biedrība “Dorbs i Zineiba”": "Aglona Municipality society “Dorbs i Zineiba”",
    "aglonas-novada-biedriba-dorbs-i-zineiba": "aglona-municipality-society-dorbs-i-zineiba",
    "Latgales uzņēmējdarbības centrs": "Latgale Business Centre",
    "latgales-uznemejdarbibas-centrs": "latgale-business-centre",
    "Organizēja pirmo kontaktu dibināšanas braucienu uz Poliju 2013. gadā.": (
        "Organised the first trip to Poland to establish contacts, in 2013."
    ),
    "Mazpolijas reģions": "Lesser Poland Region",
    "mazpolijas-regions": "lesser-poland-region",
    "Mazpolija": "Lesser Poland (Małopolska)",
    "Polijas reģions, ar kuru Latgales plānošanas reģions 2013. gada vasarā abu valstu "
    "prezidentu klātbūtnē parakstīja sadarbības līgumu.": (
        "The Polish region with which the Latgale Planning Region signed a cooperation "
        "agreement in the summer of 2013, in the presence of the presidents of both countries."
    ),
    "Vides aizsardzības un reģionālās attīstības ministrija": (
        "Ministry of Environmental Protection and Regional Development"
    ),
    "vides-aizsardzibas-un-regionalas-attistibas-ministrija": (
        "ministry-of-environmental-protection-and-regional-development"
    ),
    "VARAM": "MEPRD",
    "Vidzemes plānošanas reģions": "Vidzeme Planning Region",
    "vidzemes-planosanas-regions": "vidzeme-planning-region",
    "Vidzeme": "Vidzeme",
    "Rīgas plānošanas reģions": "Riga Planning Region",
    "rigas-planosanas-regions": "riga-planning-region",
    "Rīga": "Riga",
    "Zemgales plānošanas reģions": "Zemgale Planning Region",
    "zemgales-planosanas-regions": "zemgale-planning-region",
    "Zemgale": "Zemgale",
    "Kurzemes plānošanas reģions": "Kurzeme Planning Region",
    "kurzemes-planosanas-regions": "kurzeme-planning-region",
    "Kurzeme": "Kurzeme",
    "Norvēģijas Pašvaldību un reģionālās attīstības ministrija": (
        "Norwegian Ministry of Local Government and Regional Development"
    ),
    "norvegijas-pasvaldibu-un-regionalas-attistibas-ministrija": (
        "norwegian-ministry-of-local-government-and-regional-development"
    ),
    "Oppland reģionālā līmeņa pašvaldība": "Oppland County Authority",
    "oppland-regionala-limena-pasvaldiba": "oppland-county-authority",
    "Oppland": "Oppland",
    "Aust-Agder reģionālā līmeņa pašvaldība": "Aust-Agder County Authority",
    "aust-agder-regionala-limena-pasvaldiba": "aust-agder-county-authority",
    "Aust-Agder": "Aust-Agder",
    "Norvēģijas finanšu instruments": "Norway Grants",
    "Projektu līdzfinansē Norvēģijas finanšu instruments 2009.–2014. gadam.": (
        "The project is co-financed by the Norwegian Financial Mechanism 2009–2014."
    ),
    # The accessibility statement
    "Piekļūstamības paziņojums": "Accessibility statement",
    "pieklustamibas-pazinojums": "accessibility-statement",
    "Latgales plānošanas reģions vēlas, lai šī tīmekļvietne būtu piekļūstama ikvienam.": (
        "The Latgale Planning Region wants this website to be accessible to everyone."
    ),
    "Visu lapu veidu latviešu, angļu un poļu valodas versijas ir pārbaudītas ar "
    "automātisko rīku axe-core, un tas kļūdas neatrada. Pilns manuāls izvērtējums vēl nav "
    "veikts, tāpēc pievienotie dokumenti un iegultie video var nebūt pilnībā piekļūstami.": (
        "The Latvian, English and Polish versions of every type of page have been checked with "
        "the automated tool axe-core, which found no errors. A full manual evaluation has not "
        "been made yet, so attached documents and embedded videos may not be fully accessible."
    ),
    "Ja pamanāt piekļūstamības trūkumus vai vēlaties saņemt informāciju citā formātā, "
    "sazinieties ar Latgales plānošanas reģionu, izmantojot kontaktinformāciju vietnē "
    "latgale.lv.": (
        "If you notice an accessibility problem or need information in another format, please "
        "contact the Latgale Planning Region using the contact details on latgale.lv."
    ),
    "Ja atbilde jūs neapmierina, varat iesniegt sūdzību iestādei, kas uzrauga valsts "
    "iestāžu tīmekļvietņu piekļūstamību.": (
        "If you are not satisfied with the answer, you can complain to the body that monitors "
        "the accessibility of public bodies' websites."
    ),
}

PL = {
    # Topics
    "Reģionālā attīstība": "Rozwój regionalny",
    "regionala-attistiba": "rozwoj-regionalny",
    "Starptautiskā sadarbība": "Współpraca międzynarodowa",
    "starptautiska-sadarbiba": "wspolpraca-miedzynarodowa",
    "Uzņēmējdarbība": "Przedsiębiorczość",
    "uznemejdarbiba": "przedsiebiorczosc",
    # Home and indexes
    "Latgales plānošanas reģiona jaunumi": "Aktualności Regionu Planowania Łatgalii",
    "sakums": "strona-glowna",
    "Jaunumi": "Aktualności",
    "jaunumi": "aktualnosci",
    "Projekti": "Projekty",
    "projekti": "projekty",
    "Partneri": "Partnerzy",
    "partneri": "partnerzy",
    # The release
    "Vizīte uz Krakovu uzņēmējdarbības veicināšanai": (
        "Wizyta w Krakowie na rzecz wspierania przedsiębiorczości"
    ),
    "vizite-uz-krakovu-uznemejdarbibas-veicinasanai": (
        "wizyta-w-krakowie-na-rzecz-wspierania-przedsiebiorczosci"
    ),
    "No šī gada 2. decembra līdz 4. decembrim Latgales reģiona uzņēmējus pārstāvošo "
    "nevalstisko organizāciju biedri dosies vizītē uz Krakovu (Polija).": (
        "W dniach od 2 do 4 grudnia bieżącego roku członkowie organizacji pozarządowych "
        "reprezentujących przedsiębiorców z regionu Łatgalii udadzą się z wizytą do Krakowa "
        "(Polska)."
    ),
    "Vizīte tiek organizēta ar mērķi popularizēt Latgales reģiona ražotāju produkciju un "
    "radīt tai jaunu noieta tirgu.": (
        "Celem wizyty jest promocja produktów wytwórców z regionu Łatgalii i pozyskanie dla "
        "nich nowego rynku zbytu."
    ),
    'Vizīti rīko <a id="a1">Latgales Plānošanas reģions</a> Norvēģijas finanšu instrumenta '
    f"līdzfinansētās programmas „{_PROGRAMME_LV}” projekta „"
    f'<a id="a2">{_PROJECT_LV}</a>” ietvaros.': (
        'Wizytę organizuje <a id="a1">Region Planowania Łatgalii</a> w ramach projektu '
        '„<a id="a2">Realizacja działań polityki regionalnej na Łotwie i opracowanie środków '
        "rozwoju regionalnego</a>” programu „Budowanie potencjału i współpraca instytucjonalna "
        "między łotewskimi i norweskimi instytucjami publicznymi oraz władzami lokalnymi "
        "i regionalnymi”, współfinansowanego z Norweskiego Mechanizmu Finansowego."
    ),
    "Braucienā piedalīsies 15 reģiona pārstāvji no Ludzas uzņēmēju asociācijas, Rēzeknes "
    "uzņēmēju biedrības, Balvu novada uzņēmējdarbības atbalsta biedrības, Daugavpils novada "
    "uzņēmēju padomes, Aglonas novada biedrības “Dorbs i Zineiba”. Organizācijas pārstāv "
    "daudzu dažādu uzņēmēju intereses, kas ir apvienojušies šajās biedrībās.": (
        "W wyjeździe weźmie udział 15 przedstawicieli regionu ze Stowarzyszenia Przedsiębiorców "
        "w Ludzy, Towarzystwa Przedsiębiorców Rzeżycy, Towarzystwa Wspierania "
        "Przedsiębiorczości Okręgu Balvi, Rady Przedsiębiorców Okręgu Dyneburskiego oraz "
        "stowarzyszenia „Dorbs i Zineiba” z okręgu agłońskiego. Organizacje te reprezentują "
        "interesy wielu różnych przedsiębiorców, którzy się w nich zrzeszyli."
    ),
    "Vizītes darba kārtībā tiek plānotas tikšanās ar Polijas uzņēmējiem kontaktu "
    "dibināšanai, kā arī plānots apmeklēt vairākus Mazpolijas reģiona uzņēmumus, kuri "
    "darbojas kokapstrādes, pārtikas ražošanas, bioloģiskās lauksaimniecības, kā arī "
    "pārtikas un rūpniecības preču vairumtirdzniecības jomās.": (
        "W programie wizyty zaplanowano spotkania z polskimi przedsiębiorcami w celu "
        "nawiązania kontaktów, a także odwiedziny w kilku małopolskich przedsiębiorstwach "
        "z branż przetwórstwa drewna, produkcji żywności, rolnictwa ekologicznego oraz "
        "hurtowego handlu artykułami spożywczymi i przemysłowymi."
    ),
    "Šis jau ir otrais šāda veida kontaktu dibināšanas un sadarbības veicināšanas brauciens, "
    "ko organizē Latgales Plānošanas reģions. 2013. gada Latgales uzņēmējdarbības centra "
    "organizētais brauciens jau ir devis pozitīvus rezultātus, jo panāktas vairākas "
    "vienošanās starp mūsu un poļu uzņēmējiem.": (
        "To już drugi wyjazd tego rodzaju, służący nawiązywaniu kontaktów i rozwijaniu "
        "współpracy, organizowany przez Region Planowania Łatgalii. Wyjazd zorganizowany "
        "w 2013 roku przez Łatgalskie Centrum Przedsiębiorczości przyniósł już pozytywne "
        "rezultaty: zawarto kilka porozumień między naszymi a polskimi przedsiębiorcami."
    ),
    "2013. gada vasarā abu valstu prezidentu klātbūtnē Latgales plānošanas reģions "
    'parakstīja sadarbības līgumu ar <a id="a1">Mazpolijas reģionu</a> Polijā.': (
        "Latem 2013 roku, w obecności prezydentów obu państw, Region Planowania Łatgalii "
        'podpisał umowę o współpracy z <a id="a1">Województwem Małopolskim</a>.'
    ),
    "Projekta mērķis ir stiprināt Latvijas pašvaldību un reģionu kapacitāti un sniegt "
    "atbalstu uzņēmējdarbības veicināšanas jautājumos.": (
        "Celem projektu jest wzmocnienie potencjału łotewskich samorządów i regionów oraz "
        "wsparcie w zakresie rozwoju przedsiębiorczości."
    ),
    "Latgales galvenās aktivitātes tiks vērstas uz to, lai reģionā aktivizētu vietējos "
    "resursus un vietējās partnerības starp uzņēmējiem, vietējām publiskajām iestādēm, "
    "kultūras un izglītības iestādēm, finanšu sektoru un nevalstisko sektoru un paaugstinātu "
    "reģiona attīstības līmeni.": (
        "Główne działania w Łatgalii będą ukierunkowane na aktywizację lokalnych zasobów "
        "i lokalnych partnerstw między przedsiębiorcami, lokalnymi instytucjami publicznymi, "
        "instytucjami kultury i oświaty, sektorem finansowym i sektorem pozarządowym oraz na "
        "podniesienie poziomu rozwoju regionu."
    ),
    "Krakova": "Kraków",
    # The project
    _PROJECT_LV: (
        "Realizacja działań polityki regionalnej na Łotwie i opracowanie środków rozwoju "
        "regionalnego"
    ),
    "regionalas-politikas-aktivitasu-istenosana-latvija": (
        "realizacja-dzialan-polityki-regionalnej-na-lotwie"
    ),
    _PROGRAMME_LV: (
        "Budowanie potencjału i współpraca instytucjonalna między łotewskimi i norweskimi "
        "instytucjami publicznymi oraz władzami lokalnymi i regionalnymi"
    ),
    # Organisations
    "Latgales plānošanas reģions": "Region Planowania Łatgalii",
    "latgales-planosanas-regions": "region-planowania-latgalii",
    "Latgale": "Łatgalia",
    "Ludzas uzņēmēju asociācija": "Stowarzyszenie Przedsiębiorców w Ludzy",
    "ludzas-uznemeju-asociacija": "stowarzyszenie-przedsiebiorcow-w-ludzy",
    _ASSOCIATION_LV: "Organizacja pozarządowa reprezentująca przedsiębiorców z regionu Łatgalii.",
    "Rēzeknes uzņēmēju biedrība": "Towarzystwo Przedsiębiorców Rzeżycy",
    "rezeknes-uznemeju-biedriba": "towarzystwo-przedsiebiorcow-rzezycy",
    "Balvu novada uzņēmējdarbības atbalsta biedrība": (
        "Towarzystwo Wspierania Przedsiębiorczości Okręgu Balvi"
    ),
    "balvu-novada-uznemejdarbibas-atbalsta-biedriba": (
        "towarzystwo-wspierania-przedsiebiorczosci-okregu-balvi"
    ),
    "Daugavpils novada uzņēmēju padome": "Rada Przedsiębiorców Okręgu Dyneburskiego",
    "daugavpils-novada-uznemeju-padome": "rada-przedsiebiorcow-okregu-dyneburskiego",
    "Aglonas novada biedrība “Dorbs i Zineiba”": (
        "Stowarzyszenie „Dorbs i Zineiba” z okręgu agłońskiego"
    ),
    "aglonas-novada-biedriba-dorbs-i-zineiba": (
        "stowarzyszenie-dorbs-i-zineiba-z-okregu-aglonskiego"
    ),
    "Latgales uzņēmējdarbības centrs": "Łatgalskie Centrum Przedsiębiorczości",
    "latgales-uznemejdarbibas-centrs": "latgalskie-centrum-przedsiebiorczosci",
    "Organizēja pirmo kontaktu dibināšanas braucienu uz Poliju 2013. gadā.": (
        "Zorganizowało w 2013 roku pierwszy wyjazd do Polski w celu nawiązania kontaktów."
    ),
    "Mazpolijas reģions": "Województwo Małopolskie",
    "mazpolijas-regions": "wojewodztwo-malopolskie",
    "Mazpolija": "Małopolska",
    "Polijas reģions, ar kuru Latgales plānošanas reģions 2013. gada vasarā abu valstu "
    "prezidentu klātbūtnē parakstīja sadarbības līgumu.": (
        "Region w Polsce, z którym Region Planowania Łatgalii latem 2013 roku, w obecności "
        "prezydentów obu państw, podpisał umowę o współpracy."
    ),
    "Vides aizsardzības un reģionālās attīstības ministrija": (
        "Ministerstwo Ochrony Środowiska i Rozwoju Regionalnego Łotwy"
    ),
    "vides-aizsardzibas-un-regionalas-attistibas-ministrija": (
        "ministerstwo-ochrony-srodowiska-i-rozwoju-regionalnego-lotwy"
    ),
    "VARAM": "VARAM",
    "Vidzemes plānošanas reģions": "Region Planowania Vidzeme",
    "vidzemes-planosanas-regions": "region-planowania-vidzeme",
    "Vidzeme": "Vidzeme",
    "Rīgas plānošanas reģions": "Region Planowania Rygi",
    "rigas-planosanas-regions": "region-planowania-rygi",
    "Rīga": "Ryga",
    "Zemgales plānošanas reģions": "Region Planowania Semigalii",
    "zemgales-planosanas-regions": "region-planowania-semigalii",
    "Zemgale": "Semigalia",
    "Kurzemes plānošanas reģions": "Region Planowania Kurlandii",
    "kurzemes-planosanas-regions": "region-planowania-kurlandii",
    "Kurzeme": "Kurlandia",
    "Norvēģijas Pašvaldību un reģionālās attīstības ministrija": (
        "Ministerstwo Samorządu Lokalnego i Rozwoju Regionalnego Norwegii"
    ),
    "norvegijas-pasvaldibu-un-regionalas-attistibas-ministrija": (
        "ministerstwo-samorzadu-lokalnego-i-rozwoju-regionalnego-norwegii"
    ),
    "Oppland reģionālā līmeņa pašvaldība": "Samorząd okręgu Oppland",
    "oppland-regionala-limena-pasvaldiba": "samorzad-okregu-oppland",
    "Oppland": "Oppland",
    "Aust-Agder reģionālā līmeņa pašvaldība": "Samorząd okręgu Aust-Agder",
    "aust-agder-regionala-limena-pasvaldiba": "samorzad-okregu-aust-agder",
    "Aust-Agder": "Aust-Agder",
    "Norvēģijas finanšu instruments": "Norweski Mechanizm Finansowy",
    "Projektu līdzfinansē Norvēģijas finanšu instruments 2009.–2014. gadam.": (
        "Projekt jest współfinansowany ze środków Norweskiego Mechanizmu Finansowego 2009–2014."
    ),
    # The accessibility statement
    "Piekļūstamības paziņojums": "Deklaracja dostępności",
    "pieklustamibas-pazinojums": "deklaracja-dostepnosci",
    "Latgales plānošanas reģions vēlas, lai šī tīmekļvietne būtu piekļūstama ikvienam.": (
        "Region Planowania Łatgalii chce, aby ta strona internetowa była dostępna dla każdego."
    ),
    "Visu lapu veidu latviešu, angļu un poļu valodas versijas ir pārbaudītas ar "
    "automātisko rīku axe-core, un tas kļūdas neatrada. Pilns manuāls izvērtējums vēl nav "
    "veikts, tāpēc pievienotie dokumenti un iegultie video var nebūt pilnībā piekļūstami.": (
        "Łotewskie, angielskie i polskie wersje wszystkich rodzajów stron sprawdzono "
        "automatycznym narzędziem axe-core, które nie wykryło błędów. Pełnej oceny ręcznej "
        "jeszcze nie przeprowadzono, dlatego załączone dokumenty i osadzone filmy mogą nie być "
        "w pełni dostępne."
    ),
    "Ja pamanāt piekļūstamības trūkumus vai vēlaties saņemt informāciju citā formātā, "
    "sazinieties ar Latgales plānošanas reģionu, izmantojot kontaktinformāciju vietnē "
    "latgale.lv.": (
        "Jeśli zauważysz problem z dostępnością lub potrzebujesz informacji w innym formacie, "
        "skontaktuj się z Regionem Planowania Łatgalii, korzystając z danych kontaktowych na "
        "stronie latgale.lv."
    ),
    "Ja atbilde jūs neapmierina, varat iesniegt sūdzību iestādei, kas uzrauga valsts "
    "iestāžu tīmekļvietņu piekļūstamību.": (
        "Jeśli odpowiedź Cię nie zadowala, możesz złożyć skargę do organu nadzorującego "
        "dostępność stron internetowych instytucji publicznych."
    ),
}

TRANSLATIONS = {"en": EN, "pl": PL}
