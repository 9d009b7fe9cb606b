import { describe, expect, it } from 'vitest';
import { analyzeQuestion } from '../../src/answer/question.js';
import { askedVerbTerms, novelStretch, typeEvidence, type AskedThing } from '../../src/answer/features.js';
import { queryConcepts } from '../../src/search/query.js';
import { loadLexicon } from '../../src/text/lexicon.js';
import { stemSv } from '../../src/text/analyze.js';
import { claimedIdentities, copulaObjects, headNounPhrases, prepositionObjects, RECOGNISERS, verbObjects, type AnswerType } from '../../src/answer/answer-types.js';

// Each recogniser on sentences of the police notices (none of them in an eval set; the notice id is given), and
// what it must find there, verbatim. `[]` means it must find nothing: a count is never an age, a year, a clock
// time, a speed limit, an amount or a number inside a name.
const rows: [AnswerType, string, string, string[]][] = [
  // figures
  ['count', '420497', 'Två personer greps vid busstorget vid Gullmarsplan efter misshandel på en buss.', ['Två']],
  ['count', '538545', 'Under natten till onsdag har polisens regionledningscentral öst hanterat ett 50-tal ärenden som rör Jönköpings län.', ['ett 50-tal']],
  ['count', '510038', 'En förare får ordningsbot för hastighetsöverträdelse efter att ha kört 63 km/h på en 50-sträcka.', []],
  ['count', '472831', 'En person har rökskadats i under en brand på ett företag på Industrigatan 33 i Borås.', []],
  ['count', '572412', 'Två män i 30-årsåldern har blivit misshandlade med sparkar och slag, båda fördes till sjukhus för kontroll.', ['Två']],
  ['count', '628537', 'På länsväg 541 i Röbäcksdalen, Umeå, utfärdades en ordningsbot på grund av hastighetsöverträdelse.', []],
  ['age', '572412', 'Två män i 30-årsåldern har blivit misshandlade med sparkar och slag, båda fördes till sjukhus för kontroll.', ['30-årsåldern']],
  ['age', '587390', 'Polisen behöver allmänhetens hjälp med iakttagelser kring en försvunnen 79-årig man från Britsarvet', ['79-årig']],
  // A year of birth by its last two digits, a range of ages, an age limit after a word for people.
  ['age', '410916', 'En kvinna född -48 boende i Mellbystrand kontaktar polisen efter det att hon fått ett sms som säger att hon beställt varor för 29 000:-.', ['född -48']],
  ['age', '426130', 'Personerna som gripits är män i åldrarna 18-50 och de är hemmahörande i Örebro län.', ['i åldrarna 18-50']],
  ['age', '432908', 'I närområdet kontrolleras två personer, två pojkar i åldrarna 15-17 år, som grips misstänkta gör grov skadegörelse genom brand.', ['i åldrarna 15-17 år']],
  ['age', '429079', 'Målsägarna är två pojkar under 15 år.', ['under 15 år']],
  ['age', '430855', 'Tre personer under 18 år misstänkta för att ha tillgripit däck från en racing-anläggning.', ['under 18 år']],
  ['age', '546207', 'Man i femtioårsåldern misstänks för smitning från trafikolycka.', ['femtioårsåldern']],
  // "70 års åldern", "60 årsåldern": the age with a space after its number.
  ['age', '440060', 'Försvunnen kvinna i 70 års åldern eftersöks kring Ekshärad, i Hagfors kommun.', ['70 års åldern']],
  ['age', '612861', 'Polispatrull vid Triangeln i Helsingborg som jobbar förtroendeskapande när två berusade män i 60 årsåldern kommer fram och börjar föra en något osammanhängande diskussion med polispatrullen.', ['60 årsåldern']],
  ['count', '612861', 'Polispatrull vid Triangeln i Helsingborg som jobbar förtroendeskapande när två berusade män i 60 årsåldern kommer fram och börjar föra en något osammanhängande diskussion med polispatrullen.', ['två']],
  // The answers the kinds of TYPE_NOUNS ask for ("How big was the fine?", "How heavy was the wheel loader?").
  ['money', '512582', 'Föraren har kört personbil med tillkopplat släp i 131 km/h på en 80-sträcka och får en ordningsbot på 4000 kronor.', ['4000 kronor']],
  ['quantity', '634975', 'Någon gång mellan tisdag kväll och torsdagmorgon försvann en 25 ton tung hjullastare från en maskinhall nära Örtomta, utanför Askeby i Östergötland.', ['25 ton']],
  // A reason clause put first ends at the comma before the main clause's verb.
  ['cause', '621482', 'Då det råder oklarheter kring dödsorsaken, har polisen inlett en förundersökning om vållande till annans död.', ['det råder oklarheter kring dödsorsaken']],
  ['cause', '426578', 'Eftersom kroppen har hittats utomhus och brott inte går att utesluta, inleds en förundersökning gällande mord.', ['kroppen har hittats utomhus och brott inte går att utesluta']],
  // A number after a word that merely ends like a road's letter ("av", "de": E, v) is a count.
  ['count', '467268', 'En inringare på Norrmalm blev rånad på en halskedja av två personer.', ['två']],
  ['count', '469597', 'Av okänd anledning har de två männen börjat bråka.', ['två']],
  // An age range: "i 30-40 årsåldern", "i 20-30-årsåldern".
  ['age', '610316', 'Det rör sig om fyra män och en kvinna, alla i 30-40 årsåldern.', ['30-40 årsåldern']],
  ['age', '432354', '06:18 Göteborg, grov stöld: Två män i 20-30-årsåldern söks efter ett inbrott i en juvelbutik i Kungssten.', ['20-30-årsåldern']],
  ['count', '432354', '06:18 Göteborg, grov stöld: Två män i 20-30-årsåldern söks efter ett inbrott i en juvelbutik i Kungssten.', ['Två']],
  // A cleft's focus ("Det är X som …") and a passive's subject at the start of its clause are things.
  ['object', '633175', 'Det är en mindre lastbil som kolliderat med en personbil.', ['en mindre lastbil']],
  ['object', '429317', 'Det är en personbil som har kört in i en husvägg.', ['en personbil']],
  ['object', '552412', 'En ruta har krossats.', ['En ruta']],
  ['object', '605219', 'En person har skadats med någon form av tillhygge.', ['någon form av tillhygge']],
  // What one wears, with "endast" between ("iklädd endast en grön morgonrock").
  ['object', '440060', 'Kvinnan var vid tillfället iklädd endast en grön morgonrock och lämnade bostaden till fots.', ['en grön morgonrock']],
  // A thing said to belong to a person is still a thing (its head decides).
  ['object', '627625', 'En väktare har gjort ett envarsgripande i en butik då han upptäckte att en man stal en väska tillhörande en äldre kvinna.', ['en väska tillhörande en äldre kvinna']],
  // A passive's subject is a whole list, without its auxiliaries, and after an adverbial's inverted auxiliary.
  ['object', '586280', 'Plånbok, jacka och hemnycklar ska ha tillgripits.', ['Plånbok, jacka och hemnycklar']],
  ['object', '629275', 'Ljudanläggning, högtalare och baslåda ska ha stulits.', ['Ljudanläggning, högtalare och baslåda']],
  ['object', '556180', 'Enligt initiala uppgifter ska en kamin ha tillgripits.', ['en kamin']],
  // An attempt named as one word: "mordförsök", "rånförsök", "inbrottsförsök".
  // "brott" alone names no offence; "misstänkt" before a noun is what is suspected, not who.
  ['offence', '620880', 'Det finns ingen misstanke om brott.', []],
  // A compound offence has a word before its head ("butiksrån"); "från" is no robbery.
  ['offence', '644200', 'Vägen är avstängd i södergående riktning från trafikplats Lundåkra.', []],
  // Kin, trades and an age as a person (PERSON_NOUNS).
  ['role', '599328', 'En anhörig till en man i 85-årsåldern anmälde vid 18-tiden att mannen inte gick att nå och han befarades vara ute i skogen.', ['En anhörig']],
  ['role', '610253', 'Polis spärrar av brottsplatsen och en tekniker kommer att undersöka bilen senare idag.', ['en tekniker']],
  ['role', '598998', 'Mannen en 30 åring, identifierades och avlägsnades från platsen.', ['en 30 åring']],
  ['role', '647753', 'Polispatrull kallas till platsen och upprättar en anmälan om misstänkt drograttfylleri.', []],
  ['role', '612783', 'Mannen är i nuläget misstänkt för olovligt förfogande och grov olovlig körning.', ['Mannen']],
  ['offence', '465350', 'Målsägande kontaktar polis i samband med ett rånförsök.', ['rånförsök']],
  ['offence', '586363', 'Polisen utreder ett mordförsök i Västerås.', ['mordförsök']],
  // Things lost: "blivit av med", "tappat".
  ['object', '542472', 'I samband med händelsen har mannen blivit av med ett tv-spel och därför skrivs en anmälan om grovt rån.', ['ett tv-spel']],
  ['object', '601576', 'Ärendet rubriceras som rån då den målsägande mannen blivit av med sin mobiltelefon i samband med händelsen.', ['sin mobiltelefon']],
  // "på platsen" is at the scene, not a place that answers "where".
  // A trace is no place, and "Det finns" is no part of a phrase.
  ['place', '641087', 'Det finns blodspår på platsen och ett par av personerna har blödande sår.', []],
  // "på väg" is on one's way, no place; "på väg 45" is a road.
  ['place', '591192', 'Ambulans på väg.', []],
  ['place', '438986', 'Polis är på väg till olycksplatsen.', ['olycksplatsen']],
  // Where a fire began is a place whatever the thing ("en brand startat i ett sopkärl").
  ['place', '582363', 'Polisen ryckte ut till platsen där en brand startat i ett sopkärl.', ['ett sopkärl']],
  ['place', '570018', 'Av okänd anledning har en brand startat i en buss som stod parkerad på en adress i Segmon.', ['en buss']],
  // Rooms and spaces of a building, and a site online (PLACE_NOUNS).
  ['place', '430181', 'Brottsoffret skickade ett sms till sin väninna och berättade att hon var hotad och låst in sig på toaletten för att undkomma sin make.', ['toaletten']],
  ['place', '461746', 'En kvinna blir angripen med våld av en man i tvättstugan till ett flerfamiljshus på Gråvädersvägen, mannen tilltvingar sig en halskedja från kvinnan.', ['tvättstugan']],
  ['place', '441946', 'En vaktmästare som klipper gräset på Valbovägen i Valbo faller ned i en brunn sedan ett brunnslock gett vika.', ['en brunn']],
  ['place', '580284', 'En person ser sin stulna cykel på en sajt på nätet där varor säljs.', ['en sajt']],
  // Places out of doors and in the mountains (PLACE_NOUNS): where the lost and the hurt are found.
  ['place', '543165', 'De befinner sig nu i ett tält.', ['ett tält']],
  ['place', '520711', 'Ett bråk uppstod i en stuga på Skrea strand.', ['en stuga på Skrea strand']],
  // A direction is a place: "which way did they run?"
  ['place', '575980', 'De springer sedan i riktning mot Järntorget.', ['Järntorget']],
  // A finite verb ends the phrase: "lägenheten", not "lägenheten kunde själv ta sig".
  ['place', '425807', 'En man som också befann sig i lägenheten kunde själv ta sig ut men hade andats in rök och kontrolleras också på sjukhus.', ['lägenheten', 'sjukhus']],
  ['place', '461810', 'Polis är på platsen.', []],
  // A place noun standing alone is one in a whole noun form: not "brott" (bro), not the verb "hamnar".
  ['place', '594498', 'Det finns ingen misstanke om brott.', []],
  ['place', '543212', 'En skadad man har påträffats utomhus, men han ska ha fått hjälp att ta sig inomhus.', ['utomhus', 'inomhus']],
  ['place', '516376', 'På länsväg 788 Lanesund är det en busschaufför som kör av vägen och hamnar i ett dike.', ['ett dike']],
  ['age', '581232', 'En tonårig inringare uppger att hans kompis blivit rånad på sin elsparkcykel vid Häggvik station.', ['tonårig']],
  ['speed', '570708', 'Högsta uppmätta hastighet var 55 km/h på en 40-sträcka.', ['55 km/h']],
  ['speed', '552297', 'En polispatrull noterade att ett fordon registrerat som traktor framfördes i hastighet som översteg 30 km/h.', ['30 km/h']],
  ['money', '437389', 'Det fastställda bötesbeloppet för detta är 1 500 kronor.', ['1 500 kronor']],
  ['money', '547558', 'Godsvärde på de stulna varorna var under 100 kronor.', ['100 kronor']],
  // A point between thousands, cash as the unit, "flera"/"en halv" before millions, an amount by its number of digits.
  ['money', '421182', 'Senare upptäcker den äldre mannen att 15.000 kronor har försvunnit från hans konto.', ['15.000 kronor']],
  ['money', '480948', 'Tullen på Arlanda anträffar över 500.000 i kontanter i en väska som tillhör en man som har för avsikt att resa till ett land utanför EU.', ['över 500.000 i kontanter']],
  ['money', '625876', 'Stöldgodset har ett stort värde och uppgår till flera miljoner kronor.', ['flera miljoner kronor']],
  ['money', '421402', 'Omkring en halv miljon kronor stjäls av bedragare.', ['Omkring en halv miljon kronor']],
  ['money', '424827', 'Enligt anmälaren rör sig värdet på det stulna om ett sexsiffrigt belopp.', ['ett sexsiffrigt belopp']],
  ['money', '427264', 'Målsägaren som nu trodde sig tala med sin bank och signerade med sitt bank-ID flera överföringar på tillsammans ett femsiffrigt belopp.', ['ett femsiffrigt belopp']],
  ['money', '410972', 'Polispatrull grep i går klockan 17.45 en man i 35-årsåldern misstänkt för mord.', []],
  ['alcohol', '447161', 'I bevisinstrumentet för rattfylleri uppmättes hans alkohol till 0,12 milligram per liter utandningsluft.', ['0,12 milligram per liter']],
  ['alcohol', '508286', 'Gränsen för grovt rattfylleri är 0,50 milligram alkohol per liter utandningsluft, som motsvarar ungefär 1,0 promille i blodet.', ['0,50 milligram alkohol per liter', 'ungefär 1,0 promille']],
  ['duration', '576419', 'Övningen kommer att pågå under två timmar och innefatta vad som kan uppfattas som ljud från skottlossning.', ['två timmar']],
  ['duration', '469425', 'Kontrollern genomfördes under 30 minuter och samtliga utförda kontroller var utan anmärkning.', ['30 minuter']],
  ['quantity', '640724', 'Han fick åka med för provtagning och provtagningen visade att han hade 0.52 milligram alkohol per liter utandningsluft.', []],
  // time
  ['time', '569715', 'Strax efter klockan 12 fick polisen syn på en bil i Hökarängen vars förare valde att försöka undkomma från polisen.', ['Strax efter klockan 12']],
  ['time', '437346', 'Två personer greps vid 16:30-tiden misstänkta för grovt olaga hot och fördes till polishuset för förhör.', ['vid 16:30-tiden']],
  ['date', '592674', 'Under gårdagskvällen och natten till onsdagen har polisens regionledningscentral öst hanterat ett 70-tal ärenden som rör länet.', ['natten till onsdagen']],
  ['date', '426477', 'På Smedjegatan i Luleå i dag vid tretiden stals en lätt mc som används vid postutdelning.', ['i dag']],
  // where and who
  ['street', '484738', 'En kvinna greps och handfängslades av ordningsvakter på en pub på Järntorgsgatan 12.', ['Järntorgsgatan 12']],
  ['street', '628537', 'På länsväg 541 i Röbäcksdalen, Umeå, utfärdades en ordningsbot på grund av hastighetsöverträdelse.', ['länsväg 541']],
  ['place', '581232', 'En tonårig inringare uppger att hans kompis blivit rånad på sin elsparkcykel vid Häggvik station.', ['Häggvik station']],
  ['place', '592429', 'Turisten, en man, behöver hjälp att transporteras till sjukvården.', ['sjukvården']],
  ['person', '631315', 'Det handlar dels om en svart damcykel av märket Yosemite med en sadel som har texten ”Biltema” och dels en gråsvart herrcykel av okänt märke.', []],
  // A genitive names whose the thing is, not who: "mannens bil".
  ['role', '599432', 'De krockar och mannens bil välter.', []],
  // A compound's joint: "flerfamiljshus" is a house, not a "familj".
  ['role', '525338', 'En man anträffades skottskadad utanför ett flerfamiljshus.', ['En man']],
  // A "lägenhet" is no "enhet": the body is not there, the people are.
  // A municipality one is in is a place, a name between or not ("i en ort i Ludvika kommun").
  ['organisation', '550359', 'En polispatrull stoppade och kontrollerade en personbil, som är avställd och belagd med körförbud, i en ort i Ludvika kommun.', []],
  ['organisation', '528060', 'I lägenheten befann sig vid tillfället en kvinna och hennes två minderåriga barn, som lämnade bostaden när de upptäckte branden.', []],
  ['role', '559678', 'En lastbilschaufför fördes till sjukhus efter en olycka på sin arbetsplats.', ['En lastbilschaufför']],
  ['role', '484738', 'En kvinna greps och handfängslades av ordningsvakter på en pub på Järntorgsgatan 12.', ['En kvinna', 'ordningsvakter']],
  // A word in capitals before a clock time is shouting, not a body's acronym.
  ['organisation', '470866', 'UPPDATERING KL 17:13 Det har viasat sig att det är två personbilar som har kolliderat vilket orsakat totalstopp i trafiken.', []],
  // A body of two or three letters is a whole word: "Släpet", "slagen" are no "SL".
  ['organisation', '527880', 'SL:s trafikledning får larm om bråk på en buss i Rinkeby.', ['SL:s']],
  // A municipality one is in is a place, not a body that acts.
  ['organisation', '437230', 'Polis är på plats vid en villa i Lindesbergs kommun med anledning av att det har varit en brand med kraftig rökutveckling som följd i ett garage.', []],
  ['organisation', '474442', 'Släpet kommer att behöva bärgas från platsen.', []],
  ['organisation', '646857', 'Mannen, som är i 45-årsåldern, ska ha blivit slagen med ett tillhygge och blöder.', []],
  ['organisation', '592674', 'Under gårdagskvällen och natten till onsdagen har polisens regionledningscentral öst hanterat ett 70-tal ärenden som rör länet.', ['polisens regionledningscentral']],
  // things and acts
  ['vehicle', '596110', 'Intill den skadade mannen hade det legat en röd elsparkcykel av märket Voi.', ['en röd elsparkcykel av märket Voi']],
  ['vehicle', '426477', 'På Smedjegatan i Luleå i dag vid tretiden stals en lätt mc som används vid postutdelning.', ['en lätt mc']],
  // A plural that drops the stem's e ("cyklar"), no vehicle at all ("till fots"), and the rider is no vehicle.
  ['vehicle', '620644', 'Med sig har de två cyklar som misstänks vara tillgripna.', ['de två cyklar']],
  ['vehicle', '629855', 'Den ena fordonsföraren försvann till fots efter olyckan.', ['till fots']],
  ['vehicle', '594421', 'Motorcyklisten avförs med ambulans.', ['ambulans']],
  ['object', '426477', 'På Smedjegatan i Luleå i dag vid tretiden stals en lätt mc som används vid postutdelning.', ['en lätt mc']],
  ['object', '546454', 'Ett fordon tillgreps i samband med rånet och gärningspersonerna hade lämnat platsen.', ['Ett fordon']],
  // A particle verb with an adverbial between its parts ("bar då på"), and several adverbials before the thing.
  ['object', '458936', 'Han bar då på en kniv som patrullen beslagtog.', ['en kniv']],
  ['object', '624462', 'Han bar även på en willyskasse.', ['en willyskasse']],
  // A person found is no thing.
  ['object', '462240', 'Efter en dryg timmes spårning i skogen anträffas först en man, sedan en man till som kontrolleras och sedan delges misstanke om försök till stöld genom inbrott.', []],
  // An empty "det" with adverbs after it: the thing follows the verb.
  ['object', '612903', 'Inringaren uppger att det bland annat saknas en maskin.', ['en maskin']],
  // What a thing turned out to be, a thing of some kind, a theft named as a noun, what was set on fire.
  ['object', '559494', 'På platsen konstateras att det troligen rör sig om någon form av pyroteknik, som sedan orsakat en brand.', ['någon form av pyroteknik']],
  ['object', '606826', 'Kvinnan ska ha blivit slagen i huvudet med någon typ av tillhygge.', ['någon typ av tillhygge']],
  ['object', '540007', 'Mannen misstänks även för stöld av en mobiltelefon.', ['en mobiltelefon']],
  ['object', '439250', 'Två killar i 15-årsåldern är misstänkta för skadegörelse genom brand då de har tänt eld på innehåll i ett par papperskorgar vid Järnvägsstationen.', ['innehåll i ett par papperskorgar']],
  ['object', '626050', 'Polis beordrades till området och det visade sig vara en tom kabinväska som brunnit.', ['en tom kabinväska']],
  // Taken by force, with an indirect object before the thing.
  ['object', '530556', 'En okänd gärningsman har närmat sig en man i 40-årsåldern på Årstaängsvägen/Marieviksgatan i Liljeholmen och sedan ryckt till sig en guldkedja som mannen i 40-årsåldern bar runt halsen.', ['en guldkedja']],
  ['object', '462627', 'Flera maskerade personer, en av dem på elsparkcykel, ska hotat en man i 30-årsåldern och avtvingat honom en mobiltelefon.', ['en mobiltelefon']],
  // Used, seized (as a noun, or the subject of "tas i beslag"), handed over.
  ['object', '525640', 'Polis använder pepparspray för att kontrollera en man i 40-årsåldern i en lägenhet där det hörts bråk.', ['pepparspray']],
  ['object', '582404', 'Polis gör även beslag av en större mängd verktyg.', ['en större mängd verktyg']],
  ['object', '521469', 'Anmälan upprättas och mopeden tas i beslag.', ['mopeden']],
  ['object', '637579', 'En man i 18-årsåldern blev hotad med ett pistolliknande föremål och tvingades lämna ifrån sig sin mobiltelefon.', ['sin mobiltelefon']],
  // Found by an active verb, fetched, dropped (the doer named after the verb), loaded, worn; what something seems or
  // is judged to be; struck onto someone's body.
  ['object', '596885', 'Polis anträffade en elkick som gått för snabbt, Föraren, en man i 20-årsåldern misstänks därmed för olovlig körning.', ['en elkick']],
  ['object', '559873', 'En del av föremålen är anträffade i närheten av Eleda Stadion och kommer att tas i beslag.', ['En del av föremålen']],
  ['object', '474264', 'Personen uppgav att en kollega skulle komma till mannens hemadress för att hämta hans bankkort.', ['hans bankkort']],
  ['object', '625029', 'När polis kommer fram släpper mannen tillhygget och kan säkras av patrullen.', ['tillhygget']],
  ['object', '523782', '22:36 uppfattar polisen misstänkt brott när man ser flera personer som lastar in saker i en bil vid Butängen i Norrköping.', ['saker i en bil']],
  ['object', '516204', 'Vid försvinnandet var flickan klädd i en vit munkjacka, blå/vita byxor och orangea skor.', ['en vit munkjacka, blå/vita byxor och orangea skor']],
  ['object', '647355', 'Det ser ut att vara två hönor som lämnats med en kartong och en vattenskål.', ['två hönor']],
  ['object', '610108', 'NBS har undersökt föremålet vilket bedöms vara en skarp handgranat.', ['en skarp handgranat']],
  ['object', '580864', 'En person till sjukhus efter att ha fått en balk i huvudet.', ['en balk']],
  // Nothing taken or found where the verb is denied.
  ['object', '612751', 'Gärningspersonerna har inte fått med sig någon motorcykel och patrullen skriver en anmälan om försök till inbrott.', []],
  ['object', '577724', 'Enligt initiala uppgifter var uppfattning från vittne att gärningsperson inte fått med sig något gods.', []],
  // What someone carries.
  ['object', '426528', 'En av personerna i bilen, en pojke född 2005, har ett knogjärn på sig.', ['ett knogjärn']],
  ['object', '426678', 'Denne har en mindre mängd narkotika på sig.', ['en mindre mängd narkotika']],
  // What fell or spilled onto someone.
  ['object', '633577', 'Två män har av oklar anledning fått en kran över sig i samband med arbete.', ['en kran']],
  ['object', '579792', 'Anmälaren fick glassplitter över sig men skadades inte.', ['glassplitter']],
  ['object', '577760', 'Två eller tre gärningspersoner ska ha tilltvingat sig en klocka och en halskedja.', ['en klocka och en halskedja']],
  ['object', '619792', 'I anslutning till en livsmedelsbutik på väster i Örebro blir en kvinna bestulen på kontanter.', ['kontanter']],
  // … not what it did not turn out to be.
  ['object', '424947', 'Efter en första bedömning tillsammans med nationella bombskyddet (NBS) har polisen kunnat bedöma att det inte rör sig om något farligt föremål.', []],
  // … but what happened is no thing.
  ['object', '614225', 'Enligt initiala uppgifter rör det sig om en singelolycka med en personbil.', []],
  ['object', '439200', 'Polispatrull beordras till centrala Boden där det varit någon typ av bråk/slagsmål med flera personer inblandade.', []],
  // Things missing: after the verb when the clause opens otherwise or with an empty "det".
  ['object', '579730', 'När mannen senare upptäckte att det saknades en stor summa pengar från sitt konto insåg mannen att han hade blivit bedragen och ringde polisen.', ['en stor summa pengar']],
  // After an adverbial the thing follows the verb: not "Bland annat".
  ['object', '432786', 'Bland annat saknas smycken.', ['smycken']],
  ['object', '434704', 'Han försvann sen från platsen och tog då med sig hennes bankkort och mobiltelefon.', ['hennes bankkort och mobiltelefon']],
  ['offence', '423537', 'Föraren, en kvinna, saknar körkort och misstänks för olovlig körning.', ['olovlig körning']],
  ['offence', '437346', 'Två personer greps vid 16:30-tiden misstänkta för grovt olaga hot och fördes till polishuset för förhör.', ['grovt olaga hot']],
  // A fault or mishap is a reason in itself.
  ['cause', '432118', 'Väl på plats visade det sig ha rört sig om en torrkokning på en spis.', ['torrkokning på en spis']],
  ['cause', '554381', 'Branden kan ha uppstått genom ett tekniskt fel i en värmeanläggning.', ['ett tekniskt fel i en värmeanläggning']],
  // What something sprang from ("Upprinnelsen till bråket"), unless it is said to be unknown.
  ['cause', '486282', 'Upprinnelsen till bråket uppges vara att en av männen ställt sin bil på en plats där den andre mannen menar att han inte får parkera.', ['att en av männen ställt sin bil på en plats där den andre mannen menar att']],
  ['cause', '426532', 'Upprinnelsen till misshandlarna är okänt.', []],
  // What a fine is for: "ordningsbot för", "ordningsbot för att".
  ['cause', '410799', 'En förare får ordningsbot för hastighetsöverträdelse.', ['hastighetsöverträdelse']],
  ['cause', '411121', 'En av förarna får en ordningsbot för att inte ha iakttagit högerregeln.', ['inte ha iakttagit högerregeln']],
  ['cause', '429460', 'Föraren av bilen, en man i samma ålder tilldelas ordningsbot för att ha framfört bilen med passagerare på motorhuv.', ['ha framfört bilen med passagerare på motorhuv']],
  // Where or how a fire started: "Branden har startat i", "branden uppstått genom", "startat i samband med".
  ['cause', '411148', 'Branden har startat i ett sovrum och i en elektrisk apparat.', ['ett sovrum']],
  ['cause', '420508', 'Branden ska ha startat i en madrass.', ['en madrass']],
  ['cause', '411784', 'Branden har startat i samband med matlagning och enligt räddningstjänsten var det risk att branden skulle sprida sig varför patrullen skriver en anmälan om allmänfarlig vårdslöshet.', ['matlagning']],
  ['cause', '411975', 'Det visade sig att branden startat i en barnvagn.', ['en barnvagn']],
  // Where a sound, smoke or smell came from.
  ['cause', '641788', 'När polispatrull kontrollerat området och pratat med människor som befann sig utomhus visade det sig att ljudet kommit från en bil med kraftiga avgassmällar.', ['en bil med kraftiga avgassmällar']],
  ['cause', '569608', 'Polispatrull på plats konstaterar att lukten kommer från en lägenhet och patrullen försöker få kontakt med lägenhetsinnehavaren utan resultat.', ['en lägenhet']],
  ['cause', '643316', 'Olyckan uppges ha orsakats av att ett däck lossnat.', ['att ett däck lossnat']],
  ['cause', '606506', 'En fick dock böter på grund av att fordonets registreringsskylt inte var väl synlig.', ['att fordonets registreringsskylt inte var väl synlig']],
  // The reason ends where "och" opens a clause of its own, with its subject and verb; "i samband med" is the reason's own.
  ['cause', '619680', 'En förare fick böter på grund av hastighetsöverträdelse och en fick böter på grund av bristfällig eller ej godkänd belysning.', ['hastighetsöverträdelse', 'bristfällig eller ej godkänd belysning']],
  ['cause', '617584', 'Branden ska ha startat i samband med mekaniskt arbete på ett fordon.', ['i samband med mekaniskt arbete på ett fordon']],
  // Not at a compound's "- och", nor at a verb that shares the reason's subject.
  // Braking for something is a reason in itself, like swerving for it.
  ['cause', '555128', 'Det finns uppgifter på att busschauffören bromsat för en älg och passageraren som precis kommit ut från bussens toalett föll i samband med detta.', ['bromsat för en älg']],
  // A noun phrase after "på grund av" ends where "och" goes on with the main clause's verb.
  ['cause', '612915', 'Den misstänkte mannen frihetsberövades på grund av sin berusning och är misstänkt för misshandel.', ['sin berusning']],
  ['cause', '617968', 'Böter utfärdades på grund av fordon som var avställt och hade körförbud.', ['fordon som var avställt och hade körförbud']],
  ['cause', '598671', 'Böter utfärdades på grund av överträdelse av kör- och vilotider.', ['överträdelse av kör- och vilotider']],
  ['cause', '625552', 'En förare har fått böter på grund av att fordonet var avställt och hade körförbud.', ['att fordonet var avställt och hade körförbud']],
  // The reason before "och därför", "vilket ledde till": the clause up to them, from its start or its "att".
  ['cause', '516889', 'Det finns däremot uppgifter om att obehöriga har rört sig i byggnaden och därför skrivs en anmälan om olaga intrång.', ['obehöriga har rört sig i byggnaden']],
  ['cause', '480598', 'Ordningsvakter ingrep vid ett bråk utanför krogen vilket ledde till att de omhändertog en berusad man samtidigt som polis larmades till platsen.', ['Ordningsvakter ingrep vid ett bråk utanför krogen']],
  ['cause', '620840', 'Ett automatlarm aktiverades på en skola i Enköping efter att någon smällt av en raket inomhus, vilket lett till en brand som släcktes av personal på plats.', ['någon smällt av en raket inomhus']],
  // "i och med att" leads to a reason; with no comma it ends where the main clause's verb comes before its subject.
  ['cause', '421754', 'Polisen träffade på mannen och i och med att han var berusad fördes han till en tillnyktringsenhet.', ['han var berusad']],
  ['cause', '441860', 'I och med att polisen behöver utreda hans rätt att vistas i landet medtogs han till polisstationen.', ['polisen behöver utreda hans rätt att vistas i landet']],
  // What a driver did or met is a reason in itself.
  ['cause', '624070', 'Enligt larmet ska en bilist ha väjt för vilt och hamnat i mitträcket.', ['väjt för vilt']],
  ['cause', '553548', 'En bilist ska ha fått sladd, kört av vägen och voltat enligt tillgängliga uppgifter.', ['fått sladd']],
  ['cause', '437546', 'Föraren uppger själv att han somnat vid ratten.', ['somnat vid ratten']],
  // Why someone was stopped or fined: what the "som" clause says they did.
  ['cause', '430868', 'Polispatrull stoppar en man som ryckt sönder en registreringsskylt.', ['ryckt sönder en registreringsskylt']],
  ['cause', '646655', 'En ordningsbot utfärdades till en bilist som inte iakttagit stopplikt.', ['inte iakttagit stopplikt']],
  ['cause', '603693', 'På E12 i trakten av Degernäs, Umeå kommun, stoppades och kontrollerades ett fordon som körde fortare än tillåten hastighet dessutom var en hund i bilen inte tillräckligt säkrad.', ['körde fortare än tillåten hastighet dessutom var en hund i bilen inte tillräckligt säkrad']],
  // The thing named before the "som" of a verb of causing (CAUSING_VERBS); not a person, nor "vad som".
  ['cause', '565709', 'De kan lokalisera lägenheten och det visar sig att det handlar om en torrkokning som gett upphov till lukten.', ['en torrkokning']],
  ['cause', '516776', 'När polis och räddningstjänst kom till platsen framkom det varit brand i sopnedkastet som orsakat rökuvecklingen.', ['brand i sopnedkastet']],
  ['cause', '426349', 'Föraren som orsakade krockarna blir misstänkt för vållande till kroppsskada.', []],
  ['cause', '423678', 'Det är f.n. okänt vem eller vilka som orsakat branden.', []],
  // A reason the police were called out for is weighed at half (DISPATCH_VERBS).
  ['cause', '619544', 'Polis larmas till en bostad i Kävlinge kommun med anledning av att en person är utåtagerande.', ['att en person är utåtagerande']],
  ['cause', '628851', 'Vid 12.20 larmas polis till ett lägenhetshus i Nässjö på grund av en misshandel.', ['en misshandel']],
  // A person's height, given as a range or with the unit run on.
  ['quantity', '611441', 'Hon är cirka 165cm lång och är ljushårig.', ['cirka 165cm']],
  ['quantity', '578166', 'Han är smal i kroppen och cirka 178 cm lång.', ['cirka 178 cm']],
  ['quantity', '551579', 'Majlis är 155-160 cm lång.', ['155-160 cm']],
  ['date', '612229', 'Inbrottet skedde någon gång mellan kvällen den 8 november och morgonen den 9 november.', ['den 8 november']],
  ['time', '527990', 'Kvinnan sågs senast på en vit cykel i Bomhus vid lunchtid.', ['vid lunchtid']],
  ['money', '616993', 'En bedragare kommer sedan hem till kvinnan och får en påse med guld för hundratusentals kronor.', ['hundratusentals kronor']],
  // The clause before "varpå" (whereupon) or before "därför" a few words into an "och" clause.
  ['cause', '471567', 'Väktaren påbörjar HLR, varpå mannen kvicknar till.', ['Väktaren påbörjar HLR']],
  ['cause', '485053', 'Mannen bar på ett basebollträ vilket innebar att han dessutom blev misstänkt för grovt brott mot knivlagen.', ['Mannen bar på ett basebollträ']],
  ['cause', '628779', 'Föraren, en man i 60-årsåldern, har kört trots att körkortet tidigare blivit återkallat, och han misstänks därför för grov olovlig körning.', ['körkortet tidigare blivit återkallat']],
  // A purpose, and the police's judgement of what happened.
  ['cause', '533933', 'Två män ska ha krossat en ruta, eventuellt med syfte att ta sig in i lokalerna.', ['ta sig in i lokalerna']],
  ['cause', '582370', 'Det är torrt i markerna, men bedömning är att bränderna kan vara anlagda.', ['bränderna kan vara anlagda']],
  ['cause', '547589', 'Enligt initiala uppgifter ska bilen ha fått vattenplaning.', ['fått vattenplaning']],
  // What it may have been, after saying how it happened is not known or is to be found out.
  ['cause', '486360', 'Polisen ska utreda hur olyckan gått till, men det kan röra sig om sjukdomsfall.', ['sjukdomsfall']],
  ['cause', '461847', 'Det är för närvarande oklart hur olyckan har gått till men det kan möjligen röra sig om en sidokollision.', ['en sidokollision']],
  ['cause', '568402', 'Tidiga uppgifter tyder på att det rör sig om en torrkokning, men senare framkommer det att det rör sig om en säng som ska ha fattat eld.', ['en torrkokning']],
  // A reason ends where "och därför" goes on with what it led to.
  ['cause', '429487', 'Då bogserande fordon får framföras i högst 30 kilometer i timmen, och därför inte får framföras på motorväg, får båda förarna sina körkort omhändertagna på platsen.', ['bogserande fordon får framföras i högst 30 kilometer i timmen']],
  ['injury', '606726', 'Ingen ska ha blivit allvarligt skadad.', ['Ingen ska ha blivit allvarligt skadad']],
  ['injury', '587196', 'En person fördes till sjukhus med oklart skadeläge efter olyckan.', ['sjukhus', 'oklart skadeläge']],
  // Injuries by name; where the hurt were taken weighs less; damage to things is none.
  ['injury', '538249', 'Cyklisten blöder och har fått skrapsår men är vaken och talbar.', ['blöder', 'skrapsår']],
  ['injury', '542497', 'Larm inkommer om en man med misstänkta stick- eller skärskador.', ['stick- eller skärskador']],
  ['injury', '525873', 'En anmälan skrivs på skadegörelse.', []],
  ['colour', '596110', 'Intill den skadade mannen hade det legat en röd elsparkcykel av märket Voi.', ['röd elsparkcykel']],
  ['animal', '522111', 'Enligt initiala uppgifter är en personbil och en älg inblandade i olyckan.', ['en älg']],
  ['animal', '626196', 'Renarna dog vid krocken, berörd sameby kontaktas.', ['Renarna']],
  ['animal', '433133', 'Kvinnan anträffades av en hundpatrull i ett skogsområde i den del av Jönköping där hon försvann.', []],
  // An object ends where "och" opens a clause of its own with a present passive ("… och grips"); a word that only says
  // where ("adressen") is no thing (features.ts GENERIC_THING).
  ['object', '596549', 'Mannen lämnar adressen och grips i anslutning till misstänkt brottsplats.', ['adressen']],
  // The thing of a passive with "bli" ("där en lägenhet blivit beskjuten"); a person is no thing.
  ['object', '438584', 'Flera uppringare berättar om skottlossning på Jägersrovägen där en lägenhet blivit beskjuten.', ['en lägenhet']],
  // A passive's subject starts after the word that opens its clause ("…, varför beslut om ett gripande tas").
  ['object', '596548', 'Patrull på adressen gör bedömningen att det inte är första gången, varför beslut om ett gripande tas.', ['beslut om ett gripande']],
  ['animal', '444651', 'Polisen utfärdar en ordningsbot och omhändertar förarens körkort.', []],
  ['animal', '634846', 'Larmet kom vid 23:34.', []],
  ['event', '646495', 'Några minuter senare inkommer samtal om att samma bil kört av Strängnäsvägen, och ut på en åker.', ['samma bil kört av Strängnäsvägen, och ut på en åker']],
];

describe('answer types', () => {
  it.each(rows)('%s in notice %s: %j', (type, _id, sentence, want) => {
    const got = RECOGNISERS[type](sentence);
    for (const s of got) expect(sentence.slice(s.start, s.end)).toBe(s.text); // verbatim, with its offsets
    for (const w of want) expect(got.map((s) => s.text)).toContain(w);
    // Nothing sure where nothing is wanted ("en"/"ett" are weak counts, weight 0.25: mostly articles).
    if (want.length === 0) expect(got.filter((s) => s.weight >= 0.5).map((s) => s.text)).toEqual([]);
  });
});

describe('who the answer is', () => {
  // The police narrate their notices: a "who" answer is someone else in the sentence when there is someone.
  it.each([
    ['634960', 'Polisen kontaktades av en väktare som upptäckt en uppbruten dörr till en restaurang i Arboga.', 'en väktare'],
    ['583821', 'En polispatrull blev stoppad av en ordningsvakt med anledning av att det hade skett en misshandel på Brunnsgatan.', 'en ordningsvakt'],
    ['557558', 'Polisen får samtal från ett vittne som ser hur en bilförare kör in i flertalet bilar, en lyktstolpe och en soptunna på en parkering i Åkersberga.', 'ett vittne'],
    // The agent of a passive ("… av ordningsvakter") did it.
    ['423681', 'En utpekad gärningsman omhändertas av ordningsvakter på plats.', 'ordningsvakter'],
    ['504325', 'Brandplatsen är avspärrad och bevakas av väktare.', 'väktare'],
    // One who helps ("fick hjälp av en anhörig") is an agent too.
    ['541801', 'Målsägande fick hjälp av en anhörig att ta sig till sjukhuset, men skadorna ska inte vara allvarliga enligt initiala uppgifter.', 'en anhörig'],
    ['512583', 'Polisen larmades till deras gemensamma bostad efter att kvinnan fått hjälp av en anhörig som skjutsat henne till sjukhus för vård.', 'en anhörig'],
    // Who the one named by a role is ("Föraren är en man i …"): the description, not the role the question names.
    ['410712', 'Föraren är en man i 50-årsåldern och han blåser positivt när nykterheten testas.', 'en man i 50-årsåldern'],
    ['426362', 'Cyklisten är en tonårig flicka under 15 år.', 'en tonårig flicka under 15 år'],
    ['411269', 'Målsägaren var en person i yngre tonåren.', 'en person i yngre tonåren'],
    ['423661', 'Föraren är en man i 30-årsåldern som vid kontrollen blir misstänkt för rattfylleri.', 'en man i 30-årsåldern'],
  ])('notice %s: %s → %s', (_id, sentence, want) => {
    expect(typeEvidence(['person', 'role', 'organisation'], sentence, []).best?.text).toBe(want);
  });
});

describe('the phrase a "vilken/which" noun asks about', () => {
  // "Vilken dörr …?" (stem dörr): the phrase whose head is a dörr, a compound's head included.
  it.each([
    ['634432', 'SOS-larm om brand vid en ytterdörr till ett radhus i Finspång.', ['dörr'], ['en ytterdörr']],
    ['567723', 'En man boendes på Kolugnsvägen kommer hem från arbetet och upptäcker att någon krossat glaset på altandörren.', ['dörr'], ['altandörren']],
    ['567723', 'En man boendes på Kolugnsvägen kommer hem från arbetet och upptäcker att någon krossat glaset på altandörren.', ['bil'], []],
    // The name given after the noun ("butiken Ringströms"), and a definite form the stemmer leaves whole ("förskolan").
    ['423709', 'Målsägaren hade varit inne i butiken Ringströms på Drottninggatan och där hämtat ut smycken i form av halsband och ring.', ['butik'], ['butiken Ringströms']],
    ['547944', '10:59 Två pojkar, sex år gamla, har försvunnit från förskolan Fridtunaskolan i Linköping.', ['förskol'], ['förskolan Fridtunaskolan']],
  ])('notice %s: %s %j → %j', (_id, sentence, stems, want) => {
    expect(headNounPhrases(sentence, stems).map((s) => s.text)).toEqual(want);
  });
});

describe('a thing an open question asks about, named without its noun', () => {
  // "Vilket slags vapen hittade polisen?" (asked noun vapen, after a word of kind): no phrase has vapen as its head,
  // so the things the sentence names answer; they are no evidence for the sentence (first and any stay 0).
  it.each([
    ['614807', 'Vid kontroll av mannen hittade polisen en kniv och mannen är i nuläget misstänkt för brott mot knivlagen.', ['vapen'], 'en kniv'],
    ['603687', 'I det aktuella fordonet hittade polisen ett flertal cyklar som visade sig vara anmälda stulna.', ['stöldgods'], 'ett flertal cyklar'],
  ])('notice %s: %s %j → %s', (_id, sentence, headStems, want) => {
    const ev = typeEvidence([], sentence, [], new Set(['hitt', 'polis']), { headStems, kind: true });
    expect(ev.best?.text).toBe(want);
    expect([ev.first, ev.any]).toEqual([0, 0]);
    // A plain "Vilket vapen …?" wants a phrase with that noun: none here.
    expect(typeEvidence([], sentence, [], new Set(['hitt', 'polis']), { headStems }).best).toBeNull();
  });
});

describe('a kind asked for', () => {
  // "What kind of car …?": a compound that names a kind ("personbilen") says more than the noun itself ("en tredje bil").
  it.each([
    ['578449', 'Den lätta lastbilen ska ha kört in i personbilen när man har väjt för en tredje bil, en personbil.', true, 'personbilen'],
    ['578449', 'Den lätta lastbilen ska ha kört in i personbilen när man har väjt för en tredje bil, en personbil.', false, 'en tredje bil'],
  ])('notice %s: %s (kind %s) → %s', (_id, sentence, kind, want) => {
    expect(typeEvidence([], sentence, [{ at: sentence.indexOf('väjt'), weight: 1 }], new Set(), { headStems: ['bil'], kind }).best?.text ?? null).toBe(want);
  });
});

describe('whose age', () => {
  // "How old was the guy who robbed …?" asks the doer's age; "Hur gammal var mannen som blev rånad?" the sufferer's
  // (question.ts agedRole). An age beside a suspect's word or a sufferer's is that one's (SUSPECT_WORDS, SUFFERER_WORDS).
  it.each([
    ['512673', 'En man i 20-årsåldern har blivit rånad på sitt bankkort av två gärningsmän.', 'sufferer', '20-årsåldern'],
    ['512673', 'En man i 20-årsåldern har blivit rånad på sitt bankkort av två gärningsmän.', 'doer', null],
    ['633785', 'Gärningsman är i 30-årsåldern och han misstänks för stöld samt skadegörelse.', 'doer', '30-årsåldern'],
    ['633785', 'Gärningsman är i 30-årsåldern och han misstänks för stöld samt skadegörelse.', 'sufferer', null],
    ['532070', 'Polis har under förmiddagen gripit en man i 20-årsåldern på en adress i Örebro.', 'sufferer', null],
  ] as const)('notice %s: %s (%s) → %s', (_id, sentence, agedRole, want) => {
    expect(typeEvidence(['age'], sentence, [], new Set(), { agedRole }).best?.text ?? null).toBe(want);
  });

  // A figure the question itself states is what it knows, not what it asks ("Hur gammal var kvinnan som greps med
  // mannen i 60-årsåldern?"); a figure it does not state still adds to it.
  it.each([
    ['452521', 'På Gjutjärnsgatan greps en man i 60-årsåldern och en kvinna i 50-årsåldern efter att ha gjort inbrott på Mekonomen.', ['60', 'årsåld', 'kvinn', 'grip'], '50-årsåldern'],
    ['452521', 'På Gjutjärnsgatan greps en man i 60-årsåldern och en kvinna i 50-årsåldern efter att ha gjort inbrott på Mekonomen.', ['årsåld', 'kvinn', 'grip'], '60-årsåldern'],
    ['472387', 'Polisen larmades av personer på platsen och efter förhör med vittnen och misstänkta greps tre män, två i 30-årsåldern och en i 25-årsåldern, misstänkta för misshandel.', ['30', 'årsåld', 'grip'], '25-årsåldern'],
  ] as const)('notice %s: %s (question stems %j) → %s', (_id, sentence, stems, want) => {
    expect(typeEvidence(['age'], sentence, [], new Set(stems)).best?.text ?? null).toBe(want);
  });
});

describe('which kind of place', () => {
  // "Vilket sjukhus …?", "Which school …?" (placeStems): a place with that noun as its head, or a name; not another kind.
  it.each([
    ['519265', 'Föraren av bilen, en man i 85-årsåldern, fördes med ambulans till Sahlgrenska sjukhuset.', ['sjukhus'], 'Sahlgrenska sjukhuset'],
    ['581812', 'En patrull kör de båda männen till en vårdcentral för kontroll.', ['sjukhus'], null],
    ['581812', 'En patrull kör de båda männen till en vårdcentral för kontroll.', ['vårdcentral'], 'en vårdcentral'],
    ['626852', 'Polis larmas till en vårdcentral i Norrköping efter att en man inkommit med en skada som vårdpersonal befarar kan vara orsakad av någon form av vasst tillhygge.', ['skol'], 'Norrköping'],
  ])('notice %s: %s %j → %s', (_id, sentence, placeStems, want) => {
    expect(typeEvidence(['place', 'street'], sentence, [], new Set(), { placeStems }).best?.text ?? null).toBe(want);
  });
});

describe('where someone went', () => {
  // "Vart tog sig mannen?", "Where was the driver taken?" (destination): not where the police were sent, nor where one
  // came from; a place gone to answers.
  it.each([
    ['572774', 'Polis kallades till Geijersgatan på Limhamn efter samtal om att en man klottrade på en port och på ett elskåp.', []],
    ['519265', 'Föraren av bilen, en man i 85-årsåldern, fördes med ambulans till Sahlgrenska sjukhuset.', ['Sahlgrenska sjukhuset']],
  ])('notice %s: %s → %j', (_id, sentence, want) => {
    const got = [...new Set(typeEvidence(['place', 'street'], sentence, [], new Set(), { destination: true }).spans.map((s) => s.text))];
    expect(got).toEqual(want);
    // Asked where the police went ("Vart skickades polisen?"), the first is the answer.
    if (want.length === 0) expect(typeEvidence(['place', 'street'], sentence, [], new Set(), { destination: true, police: true }).spans.length).toBeGreaterThan(0);
  });
});

describe('a thing named by a word that says nothing of what', () => {
  // "What did he take from the woman?": "gods" (GENERIC_THING_WORDS) says that something was taken, not what.
  it('notice 510080: goods are no answer to what', () => {
    const sentence = 'Där ska mannen ha tvingat till sig gods från kvinnan genom hot och våld.';
    expect(typeEvidence(['object', 'vehicle'], sentence, [], new Set(['kvinn']), { verbStems: ['tving'] }).spans.map((s) => s.text)).not.toContain('gods');
    expect(RECOGNISERS.object(sentence).map((s) => s.text)).toContain('gods');
  });
});

describe('what does not say which', () => {
  // "Where was the dead person found in Skiljebo?": "en adress i området Skiljebo" only repeats the place asked with
  // words that say nothing of where (GENERIC_PLACE_WORDS); "ett trapphus" says where.
  it('notice 634768: a generic place with the question\'s own name is no answer to where', () => {
    const sentence = 'Polis larmas till en adress i området Skiljebo i Västerås kommun efter att allmänhet anträffat en avliden person i ett trapphus till ett flerfamiljshus.';
    const where = typeEvidence(['place', 'street'], sentence, [], new Set(['skiljebo', 'västerås', 'avlid', 'person', 'hitt']));
    expect(where.spans.map((s) => s.text)).toEqual(['ett trapphus', 'ett flerfamiljshus']);
  });
  // "Vilken bil …?": "en okänd bil" says there was one, not which.
  // "Vad lämnade mannen?": "adressen" says where he was, not what he left.
  it('notice 596549: a word that only says where is no thing', () => {
    const sentence = 'Mannen lämnar adressen och grips i anslutning till misstänkt brottsplats.';
    expect(typeEvidence(['object'], sentence, [], new Set(['lämn']), {}).best).toBeNull();
  });
  // "I vilken ort i Gällivare kommun …?": "en mindre ort i Gällivare" gives the size, and the question's own place.
  it('notice 434312: a size word and the place the question names are no answer to where', () => {
    const sentence = 'Polis beordras till en mindre ort i Gällivare kommun med anledning av en misshandel.';
    expect(typeEvidence(['place', 'street'], sentence, [], new Set(['gälliv', 'misshandel']), {}).best).toBeNull();
  });
  // "Vilken myndighet …?": "en statlig myndighet" says of what kind, not which.
  it('notice 611679: a body of some kind is no answer to which body', () => {
    const sentence = 'Identifieringen med en annan mans legitimation skedde vid en identifiering mot en statlig myndighet.';
    expect(typeEvidence(['organisation', 'role', 'person'], sentence, [], new Set(['identifier']), {}).best).toBeNull();
  });
  it('notice 555403: an unknown car is no answer to which car', () => {
    const sentence = 'Polispatrull larmas till en adress i Urshult med anledning av att en okänd bil rört sig i området och att en misstänkt "stöldgömma" anträffats.';
    expect(typeEvidence([], sentence, [], new Set(['adress']), { headStems: ['bil'] }).best).toBeNull();
  });
  // "Vad misstänks de för, utöver olaga hot?": what the question sets apart is no answer; the other offence is.
  it('notice 647280: what the question sets apart is not the answer', () => {
    const sentence = 'En av dem är även misstänkt för olaga hot och en tredje är även misstänkt för förgripelse mot tjänsteman, efter att ha spottat på en polis.';
    expect(typeEvidence(['offence'], sentence, [], new Set(), { setApart: [['olag'], ['hot']] }).best?.text).toBe('förgripelse mot tjänsteman');
  });
  // "Vem greps efter misshandeln av en kvinna?": "kvinnan", a definite noun, is the woman the question names; the
  // one asked for is the man, though "kvinnan" stands nearer the word asked about.
  it('notice 581828: a person the question names, said again by a definite noun, is not whom it asks for', () => {
    const sentence = 'En man i 30-årsåldern greps och han är misstänkt för grov misshandel mot kvinnan som är i 20-årsåldern.';
    const anchors = [{ at: sentence.indexOf('misshandel'), weight: 1 }];
    const who: AnswerType[] = ['person', 'role', 'organisation'];
    expect(typeEvidence(who, sentence, anchors, new Set(['misshandl']), {}).best?.text).toBe('kvinnan');
    expect(typeEvidence(who, sentence, anchors, new Set(['misshandl']), { persons: ['kvinn'] }).best?.text).toBe('En man');
  });
  // "Vilka drabbades när en man greps?": "en man", the question's own person word after an article, is the man it
  // names; one the sentence describes further ("en man i 35-årsåldern") may still be whom it asks for.
  it('notice 620661: a person the question names, said again by an article and its noun, is not whom it asks for', () => {
    const sentence = 'Under dagen har en man gripits misstänkt för brott mot två kvinnor, varav en närstående.';
    const who: AnswerType[] = ['person', 'role', 'organisation'];
    expect(typeEvidence(who, sentence, [], new Set(['drabb', 'grip']), { persons: ['man'] }).best?.text).toBe('två kvinnor');
    expect(typeEvidence(who, sentence, [], new Set(['drabb', 'grip']), { persons: ['kvinn'] }).best?.text).toBe('en man');
    const described = 'Målsäganden är en man i 35-årsåldern.'; // notice 440113
    expect(typeEvidence(who, described, [], new Set(['skad']), { persons: ['man'] }).spans.map((x) => x.text)).toContain('en man');
  });
  // "Vilken ort …?": "en mindre ort" gives its size, not which.
  it('notice 434312: a smaller locality is no answer to which locality', () => {
    const sentence = 'Polis beordras till en mindre ort i Gällivare kommun med anledning av en misshandel.';
    expect(typeEvidence([], sentence, [], new Set(['polis']), { headStems: ['ort'] }).best).toBeNull();
  });
  // Why the police were called out ("larmas … med anledning av att …") answers "Varför larmades polisen?" fully, a
  // why-question that names the police by half, and one that does not ("Varför körde bussen fast?") only as a poor guess.
  it('notice 442829: the reason the police were called out weighs by what the question asks', () => {
    const sentence = 'Polis larmas till Svanegatan i Lund med anledning av att en buss kört fast i viadukten under järnvägen.';
    const first = (asked: AskedThing) => typeEvidence(['cause'], sentence, [], new Set(), asked).first;
    expect(first({ dispatch: true })).toBeCloseTo(1);
    expect(first({ police: true })).toBeCloseTo(0.5);
    expect(first({})).toBeCloseTo(0.15);
  });
  // A happening reported is no one seen doing something: "larm om en olycka som inträffat" gives no reason.
  it('notice 600155: what a reported happening did is no reason', () => {
    expect(RECOGNISERS.cause('01:00 inkommer ett larm om en olycka som inträffat vid ett företagsområde i Torsvik.').map((s) => s.text)).toEqual([]);
  });
  // A reason the police came for that says the event again is none for a why-question about the event ("Why was the
  // car driving erratically?" – "samtal om en bil som kör vingligt").
  it('notice 612037: a reason the police came for that repeats the question is no reason', () => {
    const sentence = 'Morön, polisen får samtal om en bil som kör vingligt.';
    expect(typeEvidence(['cause'], sentence, [], new Set(['kör', 'vingl']), {}).best).toBeNull();
    expect(typeEvidence(['cause'], sentence, [], new Set(['kör', 'vingl']), { dispatch: true }).best?.text).toBe('kör vingligt');
  });
  // For "Varför gav de sig på mannen?" (event kind: assault) the offence "misshandel" names the event, not a reason.
  it('notice 572822: an offence naming the event asked about is no reason', () => {
    const sentence = 'Mannen greps, misstänkt för misshandel.';
    expect(typeEvidence(['cause', 'offence'], sentence, [], new Set(), { eventKinds: ['assault'] }).best).toBeNull();
    expect(typeEvidence(['cause', 'offence'], sentence, [], new Set(), {}).best?.text).toBe('misshandel');
  });
});

describe('a reason that repeats the question', () => {
  // "Varför körde bilen in i mitträcket?": "kört in i mitträcket" is the event again; the other reason answers.
  it('notice 536469: the swerve, not the crash', () => {
    const sentence = 'Enligt vittnen har bilen väjt för ett annat fordon och då kört in i mitträcket.';
    const ev = typeEvidence(['cause'], sentence, [{ at: sentence.indexOf('kört'), weight: 1 }], new Set(['bil', 'kör', 'mitträck']));
    expect(ev.spans.map((s) => s.text)).toEqual(['väjt för ett annat fordon', 'kört in i mitträcket']);
    expect(ev.best?.text).toBe('väjt för ett annat fordon');
  });
});

describe('an offence as a reason', () => {
  // An offence says why someone is suspected, arrested or fined, not why something happened (question.ts
  // ACCUSATION_WORDS): "Varför knivskars pojken?" is not answered by the offence the police record.
  it.each([
    ['Varför greps mannen?', 'grov misshandel'],
    ['Why was the man arrested?', 'grov misshandel'],
    ['Varför knivskars pojken?', null],
    ['Why did the man attack his neighbour?', null],
  ])('notice 636076: %s → %s', (q, want) => {
    const sentence = 'Händelsen rubriceras som grov misshandel.';
    const types = analyzeQuestion(q, /^[A-Z][a-z]+ /.test(q) && !/[åäö]/.test(q) ? 'en' : 'sv', null).types;
    expect(typeEvidence(types, sentence, []).best?.text ?? null).toBe(want);
  });
});

describe('a reason that only names the event asked about', () => {
  // "Varför körde bilen i diket?" (event kind: traffic accident): "med anledning av en singelolycka med personbil"
  // is why the police came, not why it happened.
  it.each([
    ['555239', 'Polis kallas till E6 mellan Östra Karup och Hjärnarp i södergående körriktning med anledning av en singelolycka med personbil.', ['traffic accident'], null],
    ['555239', 'Polis kallas till E6 mellan Östra Karup och Hjärnarp i södergående körriktning med anledning av en singelolycka med personbil.', [], 'en singelolycka med personbil'],
  ])('notice %s: %s %j → %s', (_id, sentence, eventKinds, want) => {
    expect(typeEvidence(['cause', 'offence'], sentence, [], new Set(), { eventKinds }).best?.text ?? null).toBe(want);
  });
});

describe('who does what the question asks about', () => {
  // The police's own people ("polisens tekniker") are the police, who narrate: no answer to who else did something.
  it('notice 540190: the technicians of the police are the police', () => {
    const sentence = 'Under gårdagen genomförde polisens tekniker en undersökning av platsen.';
    expect(typeEvidence(['organisation', 'role', 'person'], sentence, [], new Set(), {}).best).toBeNull();
  });
  // "Vem stoppade mannen?": the person the verb asked about follows ("Personal stoppade …") is the sure answer, though
  // another stands nearer the question's words; the clause ends where "och" brings a subject of its own.
  it('notice 484886: the subject of the verb asked about', () => {
    const sentence = 'Personal stoppade mannen och i samband det ska bråk ha uppstått och gärningsmannen ska ha sparkat personen.';
    const anchors = [{ at: sentence.indexOf('sparkat'), weight: 1 }];
    const who: AnswerType[] = ['person', 'role', 'organisation'];
    expect(typeEvidence(who, sentence, anchors, new Set(['stop']), { doer: 'other' }).best?.text).toBe('mannen');
    expect(typeEvidence(who, sentence, anchors, new Set(['stop']), { doer: 'other', doerStems: ['stop'] }).best?.text).toBe('Personal');
  });
});

describe('who did it, not who suffered it', () => {
  // "Vem sköt …?", "Who pushed …?" (doer 'other'): a victim's word, a word of harm or a harm's passive rules a person
  // out, and so do the police who narrate the notice; "Vem grep …?" (doer 'police') is answered by them.
  it.each([
    ['449762', 'Polis larmas till platsen i samband med ett bråk inomhus. på plats anträffas en skadad man, mannen har blivit skadad av ett vasst tillhygge.', 'other', null],
    ['420726', 'En man i 20-årsåldern har blivit misshandlad i samband med en bilkrock i Surte.', 'other', null],
    ['420726', 'En man i 20-årsåldern har blivit misshandlad i samband med en bilkrock i Surte.', null, 'En man'],
    ['427516', 'Förbipasserande larmar om ett misstänkt pågående inbrott i en villa på Strandgatan.', 'other', 'Förbipasserande'],
    // Past an apposition, and injuries had.
    ['646857', 'Mannen, som är i 45-årsåldern, ska ha blivit slagen med ett tillhygge och blöder.', 'other', null],
    ['607005', 'Mannen, som har stick- eller skärskador, förs med ambulans till sjukhus.', 'other', null],
    // A unit of the police did no deed ("Vem låg bakom smällen?").
    ['550549', 'Nationella bombskyddet kallas till platsen.', 'deed', null],
    ['550549', 'Nationella bombskyddet kallas till platsen.', 'other', 'bombskyddet'],
    // One who reports did no deed ("Vem sköt …?", doer 'deed'), but answers "Vem larmade …?" (doer 'report').
    ['473315', 'En inringare ser hur två maskerade personer försöker tillgripa ett fordon som tillhör en budfirma.', 'deed', 'två maskerade personer'],
    ['473315', 'En inringare ser hur två maskerade personer försöker tillgripa ett fordon som tillhör en budfirma.', 'report', 'En inringare'],
  ] as const)('notice %s: %s (doer %s) → %s', (_id, sentence, doer, want) => {
    const got = typeEvidence(['person', 'role', 'organisation'], sentence, [], new Set(), { doer }).best;
    expect(got && got.weight >= 0.5 ? got.text : null).toBe(want);
  });
  // Nor is it the one the question names: "Vem grep mannen?" is not answered by "En man", nor "Vem slog tonårspojken?"
  // by "En pojke" (the head of the question's compound).
  it.each([
    ['544379', 'En man greps.', ['mann'], null],
    ['426528', 'En pojke har blivit slagen och sparkad på.', ['tonårspojk'], null],
    ['544379', 'En man greps.', ['kvinn'], 'En man'],
  ] as const)('notice %s: %s (question %j) → %s', (_id, sentence, question, want) => {
    const got = typeEvidence(['person', 'role', 'organisation'], sentence, [], new Set(question), { doer: 'police' }).best;
    expect(got && got.weight >= 0.5 ? got.text : null).toBe(want);
  });
  it.each([
    ['600152', 'Under natten har en man omhändertagits efter att ha utsatt en tidigare närstående kvinna för olaga hot.', 'police', 'en man'],
  ] as const)('notice %s: %s (doer %s) → %s', (_id, sentence, doer, want) => {
    const got = typeEvidence(['person', 'role', 'organisation'], sentence, [], new Set(), { doer }).best;
    expect(got && got.weight >= 0.5 ? got.text : null).toBe(want);
  });
});

describe('someone named by a word that says nothing of who', () => {
  // "en person", "gärningsmannen", a definite "mannen" that points back: no answer to "who" (but see choices below).
  it.each([
    ['421808', 'En person har gripits.', null],
    ['559426', 'En man i 40-årsåldern har gripits misstänkt för misshandel.', 'En man'],
    // … nor with a number or a word before it ("Tre personer", "en okänd person").
    ['629036', 'Tre personer grips, misstänkta för grov misshandel och olaga hot.', null],
  ])('notice %s: %s → %s', (_id, sentence, want) => {
    expect(typeEvidence(['person', 'role', 'organisation'], sentence, [], new Set(), {}).best?.text ?? null).toBe(want);
  });
});

describe('the police and those who respond, for a question about who someone in the event was', () => {
  // "Vem satt bakom ratten?", "Who was the person found dead?" (no doer): not the police who narrate, the rescue
  // service or the public who called. "Vem släckte branden?", "Vem larmade?" (doer 'report') may be.
  it.each([
    ['515146', 'Räddningstjänsten släckte branden som verkar startat i golvet.', null, [], null],
    ['515146', 'Räddningstjänsten släckte branden som verkar startat i golvet.', 'report', [], 'Räddningstjänsten'],
    ['577119', 'Polisen har utöver detta bland annat gjort diverse rutinmässiga kontroller på eget initiativ eller efter larm från allmänheten.', null, [], null],
    ['577119', 'Polisen har utöver detta bland annat gjort diverse rutinmässiga kontroller på eget initiativ eller efter larm från allmänheten.', 'report', [], 'allmänheten'],
  ] as const)('notice %s: %s (doer %s, question %j) → %s', (_id, sentence, doer, question, want) => {
    const got = typeEvidence(['person', 'role', 'organisation'], sentence, [], new Set(question), { doer }).best;
    expect(got && got.weight >= 0.5 ? got.text : null).toBe(want);
  });
});

describe('what the police came or are there for', () => {
  // A purpose of the police's ("beordras … för att", "är på plats … för att") is their reason, not the event's: it is
  // marked as a dispatch reason, which answers only a question about the police (at its full weight when it asks why
  // they came).
  it.each([
    ['640365', 'Polispatrull beordras till platsen för att bistå med trafikdirigering.', 'bistå med trafikdirigering', true],
    ['514960', 'Polis är på plats med flera resurser, däribland tekniker, för att bland annat undersöka platsen samt knacka dörr i området.', 'bland annat undersöka platsen samt knacka dörr i området', true],
    ['463161', 'Tågtrafiken måste tillfälligt stoppas för att undvika en olycka.', 'undvika en olycka', undefined],
    // What the police did first ("efter att ha" with the police as subject) is their course, not the event's reason.
    ['624914', 'Polis kan efter att ha sökt i området gripa tre personer misstänkta för brott.', 'ha sökt i området', true],
    // Someone calling the police in: what they call about is why the police came.
    ['617011', 'En man i övre tonåren kontaktar polisen med anledning av att en utpekad gärningsman stulit hans mobiltelefon samt slagit målsäganden i samband med detta.', 'att en utpekad gärningsman stulit hans mobiltelefon', true],
    ['578498', 'Allmänhet larmar polisen med anledning av att en bilist körde vårdslöst på riksväg 61, detta genom att bland annat ligga tätt bakom bilister.', 'att en bilist körde vårdslöst', true],
    // What someone saw the one they reported do ("uppmärksammar tre män som rotar runt …").
    ['533941', 'En förbipasserande uppmärksammar tre män som rotar runt i en container på Stenängsvägen i Arboga.', 'rotar runt i en container', true],
    ['612037', 'Morön, polisen får samtal om en bil som kör vingligt.', 'kör vingligt', true],
  ])('notice %s: %s → %s (dispatch %s)', (_id, sentence, text, dispatch) => {
    const got = RECOGNISERS.cause(sentence).find((s) => s.text.startsWith(text));
    expect(got?.dispatch).toBe(dispatch);
  });
});

describe('a count that does not say how many', () => {
  // "Hur många skott …?": "Flera" says there was more than one, not how many.
  it.each([
    ['551318', 'Flera skott avlossas mot en lägenhet i Brandbergen.', null],
    ['545032', 'Sedan fredag kväll har Eskilstuna drabbats av två skottlossningar, varav en med dödlig utgång.', 'två'],
  ])('notice %s: %s → %s', (_id, sentence, want) => {
    const got = typeEvidence(['count'], sentence, [], new Set(), {}).best;
    expect(got && got.weight >= 0.5 ? got.text : null).toBe(want);
  });
});

describe('a question that ends on choices', () => {
  // "… var det en man eller en kvinna?" (choices man, kvinna): one of them answers, or nothing does.
  it.each([
    ['559426', 'En man i 40-årsåldern har gripits misstänkt för misshandel.', [['man'], ['kvinna']], 'En man'],
    ['421808', 'En person har gripits.', [['man'], ['kvinna']], null],
    ['559426', 'En man i 40-årsåldern har gripits misstänkt för misshandel.', [['lastbilsför'], ['personbil']], null],
  ])('notice %s: %s %j → %s', (_id, sentence, choices, want) => {
    expect(typeEvidence(['person', 'role', 'organisation'], sentence, [], new Set(), { choices }).best?.text ?? null).toBe(want);
  });
});

describe('a direction asked for', () => {
  // "Åt vilket håll …?", "Which way …?": a point of the compass, or a place gone toward.
  it.each([
    ['471353', 'Männen körde iväg söderut med bilen.', true, 'söderut'],
    ['575980', 'De springer sedan i riktning mot Järntorget.', true, 'Järntorget'],
    ['596586', 'Polisen larmas om ett telefonbedrägeri, även kallat vishing, i en mindre ort utanför Norrköping.', true, null],
    ['596586', 'Polisen larmas om ett telefonbedrägeri, även kallat vishing, i en mindre ort utanför Norrköping.', false, 'Norrköping'],
    // What follows "mot", "via", "genom" is the way, whatever its noun.
    ['600258', 'Den misstänkte, en man, lämnar därefter adressen i riktning mot en parkering.', true, 'en parkering'],
    ['598779', 'Personalen tror att misstänkt, eller misstänkta, har tagit sig in via ett fönster.', true, 'ett fönster'],
  ])('notice %s: %s (direction %s) → %s', (_id, sentence, direction, want) => {
    expect(typeEvidence(['place', 'street'], sentence, [], new Set(), { direction }).best?.text ?? null).toBe(want);
  });
});

describe('what something turned out to be', () => {
  // "Vad visade sig föremålet vara?": the phrase after a definite noun's copula; not a person.
  it.each([
    ['513791', 'Föremålet är en burk med okänt innehåll och det sticker upp vad man kan misstänka är en stubintråd från burken.', ['en burk']],
    ['615839', 'Företaget är ett slakteri.', ['ett slakteri']],
    ['614156', 'Personbilen är en polisbil med tre personer.', ['en polisbil']],
    ['556737', 'Anmälaren är en man i 35-års åldern och det är i nuläget okänt om det finns några fysiska skador.', []],
    ['600535', 'Cyklisten är en ung flicka som skadade foten och axeln när hon blev påkörd.', []],
  ])('notice %s: %s → %j', (_id, sentence, want) => {
    expect(copulaObjects(sentence).map((s) => s.text)).toEqual(want);
  });
});

describe('the injury before where the hurt were taken', () => {
  it('notice 483544: "skrapsår" before "sjukhus"', () => {
    const sentence = 'Den påkörde mannen körs till sjukhus med skrapsår i ansiktet och ska undersökas.';
    expect(typeEvidence(['injury'], sentence, [], new Set(), {}).best?.text).toBe('skrapsår');
  });
});

describe('who someone claimed to be', () => {
  // "Vem utgav sig bedragaren för att vara?": the phrase after "utgav sig för att vara", "påstod sig komma".
  it.each([
    ['583574', 'En man kontaktade polisen och berättade att hans mamma blivit uppringd av en person som utgett sig för att vara polis.', ['polis']],
    ['627778', 'Personen dirigerades om till ett annat samtal, till en annan bedragare som påstod sig komma från banken.', ['banken']],
    // Calling from, working at or for: the body after the preposition; the main clause's verb and its particle end it.
    ['516601', 'En man som utgav sig för att ringa från kvinnans bank, hävdade att kvinnans bankkort blivit kapade och att hon behövde överlämna dessa tillsammans med sina koder.', ['kvinnans bank']],
    ['605010', 'Någon som sagt sig arbeta för ett inkassobolag ska ha påstått att kvinnans bankkort blivit skimmat och därefter förmått henne att överlämna kortet till en person som kommer till hennes bostad.', ['ett inkassobolag']],
    ['587232', '14:43, Tågagatan, Helsingborg: En man som utger sig för att komma från ett taxibolag knackar på hos en kvinna i 90-årsåldern.', ['ett taxibolag']],
    ['614825', 'En kvinna fick ett sms från en avsändare som uppgav sig vara ett dörrföretag.', ['ett dörrföretag']],
    ['594363', 'Person utgav sig för att vara polis.', ['polis']],
    ['598956', 'Bedragare har SMS:at till en kvinna i 75-årsåldern och låtsas vara en resebyrå och att det finns en resa beställd i kvinnans namn.', ['en resebyrå']],
    // A claim reported in a clause of its own: "uppger att de är från …", "säger att han kommer från …".
    ['484520', 'En kvinna i 90-årsåldern har blivit uppringd av en bedragare som uppger att de är från ett telefonbolag.', ['ett telefonbolag']],
    ['452097', 'Samtidigt ringer en annan man på hos kvinnan och säger att han kommer från ett säkerhetsbolag och ska hjälpa till.', ['ett säkerhetsbolag']],
    ['620358', 'Polisen har fått in samtal om att en man i 25-årsåldern som uppger sig vara från ett larmbolag går runt och knackar dörr i Hovsta.', ['ett larmbolag']],
  ])('notice %s: %s → %j', (_id, sentence, want) => {
    expect(claimedIdentities(sentence).map((s) => s.text)).toEqual(want);
  });  // A claim comes first.
  it.each([
    ['614825', 'En kvinna fick ett sms från en avsändare som uppgav sig vara ett dörrföretag.', 'ett dörrföretag'],
  ])('notice %s: %s → %s', (_id, sentence, want) => {
    expect(typeEvidence(['role', 'organisation', 'person'], sentence, [], new Set(), { claimed: true }).best?.text ?? null).toBe(want);
  });
});

describe('a manner is no thing', () => {
  // "Vad körde han på?": "på ett oönskat sätt" says how, not what.
  it('notice 421930: a manner', () => {
    const sentence = 'I samband med att det eldats har elden spridit sig på ett oönskat sätt och räddningstjänsten har varit på plats och släckt elden.';
    expect(typeEvidence([], sentence, [], new Set(), { stranded: ['på'] }).best?.text ?? null).toBeNull();
  });
});

describe('what the question asks beyond its types (AskedThing)', () => {
  it.each([
    // The care of the hurt ("med ambulans", "till sjukhus") answers a question about care, not "what weapon" or "where".
    ['600702', 'Kvinnan förs till sjukhus med ambulans.', ['object', 'vehicle'], { care: false }, null],
    ['600702', 'Kvinnan förs till sjukhus med ambulans.', ['object', 'vehicle'], { care: true }, 'ambulans'],
    ['429663', 'Föraren av motorcykeln, en man i 30-årsåldern, har förts med ambulans till sjukhus med skador i benet.', ['place', 'street'], { care: false }, null],
    ['429663', 'Föraren av motorcykeln, en man i 30-årsåldern, har förts med ambulans till sjukhus med skador i benet.', ['vehicle'], { care: false }, 'motorcykeln'],
    // "When will …?": a time in a sentence about what is to come, not the time something happened.
    ['640597', 'Mediecenter kommer att vara obemannat mellan klockan 14.00 och 15.00 idag.', ['time', 'date'], { future: true }, 'mellan klockan 14.00 och 15.00 idag'],
    ['513504', 'Strax efter klockan 10:00 fick polisen in ett larm om en pågående misshandel i Östra delarna av Eskilstuna.', ['time', 'date'], { future: true }, null],
    ['513504', 'Strax efter klockan 10:00 fick polisen in ett larm om en pågående misshandel i Östra delarna av Eskilstuna.', ['time', 'date'], { future: false }, 'Strax efter klockan 10:00'],
    // "Vart …?": what follows "till", whatever its noun; a place the recognisers know comes first.
    ['538046', 'Mannen vandrade i fjällen och gick till en stuga.', ['place', 'street'], { destination: true }, 'en stuga'],
    // … and "Var …?" by where he was ("i fjällen"), not where he went.
    ['538046', 'Mannen vandrade i fjällen och gick till en stuga.', ['place', 'street'], { destination: false }, 'fjällen'],
    ['608498', 'Tre män i 20-årsåldern har tagit sig till en bostad i Jakobsberg då de anser att de ska få pengar av en person.', ['place', 'street'], { destination: true }, 'Jakobsberg'],
    // "Hur gammal var kvinnan …?": not the age of "en man i 35-årsåldern" in the same sentence.
    ['600262', 'Senare kan en patrull få stopp på två personer på cykel, en man i 35-årsåldern samt en kvinna i 40-årsåldern, som båda blir misstänkta för stöld.', ['age'], { sex: 'female' }, '40-årsåldern'],
    ['600262', 'Senare kan en patrull få stopp på två personer på cykel, en man i 35-årsåldern samt en kvinna i 40-årsåldern, som båda blir misstänkta för stöld.', ['age'], { sex: 'male' }, '35-årsåldern'],
    ['646743', 'Föraren, en man i 30-årsåldern, visar tecken på narkotikapåverkan och tas med för kroppsbesiktning.', ['age'], { sex: 'female' }, null],
    ['426886', 'Polisen söker sedan 22.30 tiden på tisdagskvällen efter en 82-årig kvinna i Orsa.', ['age'], { sex: 'male' }, null],
  ] as const)('notice %s: %s %j %j → %s', (_id, sentence, types, asked, want) => {
    expect(typeEvidence(types, sentence, [], new Set(), asked).best?.text ?? null).toBe(want);
  });
});

describe('a clock time asked for', () => {
  // "Vilken tid …?" wants a clock time; "Under natten", "Under tisdagen" answer "När …?" only.
  it.each([
    ['601073', 'Under tisdagen har polisen kontrollerat trafiken i länet.', true, null],
    ['601073', 'Under tisdagen har polisen kontrollerat trafiken i länet.', false, 'Under tisdagen'],
    ['586027', 'Under natten har en man gripits misstänkt för brott mot en närstående kvinna.', true, null],
    ['586027', 'Under natten har en man gripits misstänkt för brott mot en närstående kvinna.', false, 'Under natten'],
    ['573990', 'Strax efter klockan 13:00 larmas polis om ett befarat inbrott som ägt rum vid ett företag i Västra Valla i Linköping.', true, 'Strax efter klockan 13:00'],
    // "At what time of day …?" ('day'): a part of the day answers, a day does not.
    ['527990', 'Kvinnan sågs senast på en vit cykel i Bomhus vid lunchtid.', 'day', 'vid lunchtid'],
    ['601073', 'Under tisdagen har polisen kontrollerat trafiken i länet.', 'day', null],
  ] as const)('notice %s: %s (clock %s) → %s', (_id, sentence, clock, want) => {
    expect(typeEvidence(['time', 'date'], sentence, [], new Set(), { clock }).best?.text ?? null).toBe(want);
  });
});

describe('the thing beside the verb a question asks about', () => {
  // "Vad körde bilen in i?" (stems of körde), "Vad var det som började brinna?" (började), "Vad åkte han?" (åkte):
  // as typeEvidence finds it, without the question's own words ("brinna"); it is evidence for its sentence (0.8).
  it.each([
    ['631246', 'En bilist körde in i en stolpe i Salems landsbygd.', ['körd', 'kör'], ['bil', 'körd'], 'en stolpe'],
    ['631227', 'Enligt uppgift är det ett batteri som börjat brinna och även orsakat en kraftig rökutveckling.', ['börj'], ['börj', 'brinn'], 'ett batteri'],
    ['506862', 'Lågor slår ut från fönstren till en lägenhet som börjat brinna på Borgågatan.', ['börj'], ['börj', 'brinn'], 'en lägenhet'],
    // An auxiliary between "som" and the verb: "en personbil som har börjat brinna".
    ['647254', 'Det inkommer flera samtal om en personbil som har börjat brinna under färd på motorvägen och räddningstjänst är på plats, polis på väg.', ['börj'], ['börj', 'brinn'], 'en personbil'],
    ['592416', 'Polis kontaktas gällande en man som uppges ha åkt taxi men inte betalat för två resor.', ['åkt'], ['åkt', 'man'], 'taxi'],
    ['425923', 'Tre personer har tagit en elsparkcykel från en man i 20-årsåldern på Tingvallavägen och försökt slå honom med ett tillhygge.', ['tag'], ['man'], 'en elsparkcykel'],
    // Nothing where the verb is not there.
    ['631246', 'En bilist körde in i en stolpe i Salems landsbygd.', ['brinn'], ['brinn'], null],
  ])('notice %s: %s %j → %s', (_id, sentence, verbStems, question, want) => {
    for (const s of verbObjects(sentence, verbStems)) expect(sentence.slice(s.start, s.end)).toBe(s.text);
    const ev = typeEvidence([], sentence, [], new Set(question), { verbStems });
    expect(ev.best?.text ?? null).toBe(want);
    expect([ev.first, ev.any]).toEqual(want ? [0.8, 0.8] : [0, 0]);
  });

  // "What did they use to break …?" asks for what was used ("use to" is no "brukar"), and "Vad var det misstänkta
  // föremålet …?" for what it turned out to be.
  it('notice 610108: the thing used, the thing a suspect object turned out to be', () => {
    const used = queryConcepts('What did the thieves use to break the window?', 'en', loadLexicon()).find((c) => c.surface === 'use');
    expect(used?.alternatives.map((a) => a.term)).toContain('använd');
    const a = analyzeQuestion('Vad var det misstänkta föremålet som hittades vid skolan?', 'sv', null);
    expect(a.identity).toBe(true);
    const sentence = 'NBS har undersökt föremålet vilket bedöms vara en skarp handgranat.';
    expect(typeEvidence(a.types, sentence, [], new Set(['misstänk', 'föremål', 'hitt', 'skol']), { identity: a.identity }).best?.text).toBe('en skarp handgranat');
  });

  // The question's verb in another tense than the sentence's: "Vad var det som brann?" beside "en bil som brunnit".
  it('notice 443206: the verb asked about counts in its other tenses', () => {
    const sentence = 'Polis har varit på plats i samband med en bil som brunnit på Emmabodavägen.';
    const concepts = queryConcepts('Vad var det som brann?', 'sv', loadLexicon());
    const verbStems = askedVerbTerms(concepts, 'brann');
    expect(verbStems.length).toBeGreaterThan(1);
    expect(typeEvidence([], sentence, [], new Set(), { verbStems }).best?.text).toBe('en bil');
    expect(typeEvidence([], sentence, [], new Set(), { verbStems: [stemSv('brann')] }).best ?? null).toBeNull();
  });
});

describe('the object of a preposition a question leaves standing', () => {
  // "Vad kolliderade bilen med?" asks for what follows "med".
  it.each([
    ['472899', 'En personbil har kolliderat med ett träd på Gyllevägen, Trelleborg.', ['med'], 'ett träd'],
    ['533781', 'I samband med dikeskörningen ska bilen ha kolliderat med en byggnad.', ['med'], 'en byggnad'],
    ['429317', 'Det är en personbil som har kört in i en husvägg.', ['in i', 'mot'], 'en husvägg'],
    // The phrase stops at a finite verb: not "plats kan polis konstatera …" from "På plats kan polis …".
    ['534275', 'På plats kan polis konstatera att det stulits gods ur två containrar tillhörande ett byggbolag.', ['på'], null],
    // A word of kind takes the noun after its "av"; a fixed phrase's "med" has no thing for object.
    ['619408', 'Räddningstjänsten meddelar att det rör sig om en singelolycka där personbilen har kört in i någon form av betongvägg.', ['in i'], 'någon form av betongvägg'],
    ['632978', 'Föraren, en kvinna i 75-årsåldern, blev inte skadad i samband med olyckan men åkte med ambulansen för kontroll.', ['med'], 'ambulansen'],
    // A clause after the preposition is no thing nor place: "Where was she found?" is not "till att kvinnan hittas".
    ['542773', 'Nu vill polisen ha allmänhetens hjälp med observationer som kan leda till att kvinnan hittas.', ['till'], null],
    // … nor another preposition's phrase: "hjälpa till med" has a particle "till".
    ['527950', 'Polis är på plats för att hjälpa till med eventuell trafikdirigering och utreda hur olyckan kunde inträffa.', ['till'], null],
  ])('notice %s: %s %j → %s', (_id, sentence, preps, want) => {
    const got = prepositionObjects(sentence, preps).map((s) => s.text);
    if (want === null) expect(got).toEqual([]);
    else expect(got).toContain(want);
    if (want === 'ambulansen') expect(got).not.toContain('olyckan');
  });
});

// novelStretch: the last resort for an open "what" question no recogniser answers. Sentences from notices of no
// eval set; the question's stems as the engine's concepts give them (here the words of the question, stemmed).
describe('the stretch an open question does not say', () => {
  const stems = (q: string) => new Set(q.split(' ').map((w) => stemSv(w.toLowerCase())));
  it.each([
    // 526296: the thing after the question's verb, as a noun phrase.
    ['Det började brinna i en sophög vid ett lägenhetshus i centrala Gävle.', 'började brinna lägenhetshuset Gävle', 'en sophög'],
    // 413420: the notice's words for its own reports ("Enligt initiala uppgifter") are no answer; a verb before the noun phrase is left out.
    ['Enligt initiala uppgifter har en persons fot blivit överkörd av en lastbil.', 'körde över personens fot', 'en lastbil'],
    // 572562: "Enligt larmet" likewise.
    ['Enligt larmet ska det ha börjat brinna i en parkerad husvagn ståendes i terrängen.', 'brann terrängen', 'en parkerad husvagn ståendes'],
    // 447692: what was taken, between the question's verb and its place.
    ['Mannen misstänks har stulit en större mängd klädesplagg från en butik vid Mariebergs köpcentrum i Örebro.', 'stal mannen butiken Mariebergs köpcentrum Örebro', 'en större mängd klädesplagg'],
    // 551600: a noun phrase first wins a tie with a later one.
    ['Ett föremål har exploderat i en port till ett flerbostadshus i Valsta.', 'exploderade flerbostadshus Valsta', 'Ett föremål'],
  ])('%s (%s) → %s', (sentence, question, want) => {
    const s = novelStretch(sentence, stems(question));
    expect(s?.text).toBe(want);
    expect(sentence.slice(s!.start, s!.end)).toBe(want);
  });

  it('finds nothing when the sentence says only what the question and the notice’s handling say', () => {
    // 466710, asked with its own words.
    expect(novelStretch('En gärningsperson har stulit en dator på ett hotell.', stems('gärningsperson stulit dator hotell'))).toBeNull();
    expect(novelStretch('Polisen är på plats.', stems('hände'))).toBeNull();
  });
});
