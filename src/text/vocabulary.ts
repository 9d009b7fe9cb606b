/**
 * The project's one vocabulary: calendar words, number words, units, question words, speech verbs, titles and
 * the nouns the answer types look for, in Swedish and English. Every pattern that needs such words
 * (dates, answer types, question analysis, speaker attribution) is built from these lists, so a word added here
 * reaches all of them. Only data and two tiny helpers live here.
 *
 * Extending it: add the word to the list it belongs to, then add a row to the table test of the recogniser or
 * parser that uses it (test/text/vocabulary.test.ts, test/answer/answer-types.test.ts), taken from a real
 * sentence of the corpus.
 */

/** Month names and abbreviations, Swedish and English, by month number (1-12). */
export const MONTHS: readonly (readonly string[])[] = [
  ['januari', 'january', 'jan'],
  ['februari', 'february', 'feb', 'febr'],
  ['mars', 'march', 'mar'],
  ['april', 'apr'],
  ['maj', 'may'],
  ['juni', 'june', 'jun'],
  ['juli', 'july', 'jul'],
  ['augusti', 'august', 'aug'],
  ['september', 'sept', 'sep'],
  ['oktober', 'october', 'okt', 'oct'],
  ['november', 'nov'],
  ['december', 'dec'],
];

/** Weekdays, Monday first (index 0 = Monday), with the Swedish "i lördags" form and English names. */
export const WEEKDAYS: readonly { sv: string; past: string; en: string; short: string }[] = [
  { sv: 'måndag', past: 'måndags', en: 'monday', short: 'mon' },
  { sv: 'tisdag', past: 'tisdags', en: 'tuesday', short: 'tue' },
  { sv: 'onsdag', past: 'onsdags', en: 'wednesday', short: 'wed' },
  { sv: 'torsdag', past: 'torsdags', en: 'thursday', short: 'thu' },
  { sv: 'fredag', past: 'fredags', en: 'friday', short: 'fri' },
  { sv: 'lördag', past: 'lördags', en: 'saturday', short: 'sat' },
  { sv: 'söndag', past: 'söndags', en: 'sunday', short: 'sun' },
];

/** Named days with a fixed date (month, day), Swedish and English. */
export const NAMED_DAYS: readonly { words: readonly string[]; month: number; day: number }[] = [
  { words: ['julafton', 'christmas eve'], month: 12, day: 24 },
  { words: ['juldagen', 'christmas day', 'christmas'], month: 12, day: 25 },
  { words: ['annandag jul', 'boxing day'], month: 12, day: 26 },
  { words: ['nyårsafton', "new year's eve", 'new years eve'], month: 12, day: 31 },
  { words: ['nyårsdagen', "new year's day", 'new years day'], month: 1, day: 1 },
  { words: ['trettondagen', 'epiphany'], month: 1, day: 6 },
  { words: ['valborg', 'valborgsmässoafton', 'walpurgis night'], month: 4, day: 30 },
  { words: ['första maj', 'may day'], month: 5, day: 1 },
  { words: ['nationaldagen', 'national day'], month: 6, day: 6 },
];

/** Relative day words: days before the time of asking. */
export const RELATIVE_DAYS: readonly { words: readonly string[]; daysAgo: number }[] = [
  { words: ['idag', 'i dag', 'today', 'tonight', 'ikväll', 'i kväll', 'i morse', 'this morning'], daysAgo: 0 },
  { words: ['igår', 'i går', 'yesterday', 'igårkväll', 'i går kväll', 'last night', 'i natt', 'inatt'], daysAgo: 1 },
  { words: ['i förrgår', 'förrgår', 'day before yesterday'], daysAgo: 2 },
];

/**
 * Words that make a named day or a date a stretch of days around it ("strax före jul", "just after Christmas",
 * "kring den 5 maj"): [first, last] day relative to the day named.
 */
export const DATE_HEDGES: readonly { words: readonly string[]; from: number; to: number }[] = [
  { words: ['strax före', 'strax innan', 'dagarna före', 'dagarna innan', 'veckan före', 'just before', 'shortly before', 'right before', 'the days before', 'the week before'], from: -7, to: 0 },
  { words: ['strax efter', 'dagarna efter', 'veckan efter', 'just after', 'shortly after', 'right after', 'the days after', 'the week after'], from: 0, to: 7 },
  { words: ['kring', 'runt', 'omkring', 'around'], from: -3, to: 3 },
];

/** Relative periods: [how many days back the period starts, how many days back it ends]. */
export const RELATIVE_PERIODS: readonly { words: readonly string[]; from: number; to: number }[] = [
  { words: ['förra veckan', 'last week'], from: 13, to: 7 },
  { words: ['i veckan', 'this week'], from: 6, to: 0 },
  { words: ['i helgen', 'this weekend', 'last weekend', 'förra helgen'], from: 6, to: 0 },
  { words: ['förra månaden', 'last month'], from: 60, to: 28 },
  { words: ['senaste veckan', 'past week', 'the last week'], from: 7, to: 0 },
];

/**
 * Number words with their values. Swedish and English, up to "hundra"/"hundred" and "tusen"/"thousand";
 * "en"/"ett"/"one" are numbers only where a count is expected (they are also articles).
 */
export const NUMBER_WORDS: ReadonlyMap<string, number> = new Map<string, number>([
  ['en', 1], ['ett', 1], ['två', 2], ['tre', 3], ['fyra', 4], ['fem', 5], ['sex', 6], ['sju', 7], ['åtta', 8], ['nio', 9],
  ['tio', 10], ['elva', 11], ['tolv', 12], ['tretton', 13], ['fjorton', 14], ['femton', 15], ['sexton', 16],
  ['sjutton', 17], ['arton', 18], ['aderton', 18], ['nitton', 19], ['tjugo', 20], ['tjugoen', 21], ['tjugoett', 21],
  ['tjugotvå', 22], ['tjugotre', 23], ['tjugofyra', 24], ['tjugofem', 25], ['trettio', 30], ['fyrtio', 40],
  ['femtio', 50], ['sextio', 60], ['sjuttio', 70], ['åttio', 80], ['nittio', 90], ['hundra', 100], ['etthundra', 100],
  ['tvåhundra', 200], ['trehundra', 300], ['tusen', 1000], ['ettusen', 1000],
  ['one', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6], ['seven', 7], ['eight', 8], ['nine', 9],
  ['ten', 10], ['eleven', 11], ['twelve', 12], ['thirteen', 13], ['fourteen', 14], ['fifteen', 15], ['sixteen', 16],
  ['seventeen', 17], ['eighteen', 18], ['nineteen', 19], ['twenty', 20], ['thirty', 30], ['forty', 40], ['fifty', 50],
  ['sixty', 60], ['seventy', 70], ['eighty', 80], ['ninety', 90], ['hundred', 100], ['thousand', 1000],
]);

/** Decades as words, for ages ("i tjugoårsåldern", "in his twenties"). */
export const DECADE_WORDS: ReadonlyMap<string, number> = new Map([
  ['tonår', 13], ['tjugo', 20], ['trettio', 30], ['fyrtio', 40], ['femtio', 50], ['sextio', 60], ['sjuttio', 70],
  ['åttio', 80], ['nittio', 90], ['teens', 13], ['twenties', 20], ['thirties', 30], ['forties', 40], ['fifties', 50],
  ['sixties', 60], ['seventies', 70], ['eighties', 80], ['nineties', 90],
]);

/** Vague quantities that still answer "how many" ("flera personer", "ett par bilar", "ett tiotal stölder"). */
export const VAGUE_COUNTS: readonly string[] = ['ett par', 'ett fåtal', 'ett flertal', 'flera', 'många', 'ett antal', 'några', 'several', 'a few', 'a couple of', 'dozens of', 'many'];

/** Approximation words that belong to a figure ("cirka 50 000 kronor", "minst tre bilar"). */
export const APPROX = ['cirka', 'ca', 'ca.', 'omkring', 'runt', 'ungefär', 'uppskattningsvis', 'drygt', 'knappt', 'nästan', 'över', 'minst', 'högst', 'upp till', 'strax under', 'strax över', 'närmare', 'about', 'around', 'approximately', 'at least', 'over', 'nearly', 'almost'];

/** Units of money: after a figure they make it an amount ("2 800 kronor", "4000 amerikanska dollar"). */
export const MONEY_UNITS = ['kronor', 'kr', 'sek', 'i kontanter', 'miljoner kronor', 'miljarder kronor', 'tkr', 'mkr', 'dollar', 'amerikanska dollar', 'euro', 'pund', 'norska kronor', 'danska kronor', 'usd', 'eur', 'nok', 'dkk', 'crowns', 'kronor', 'dollars', 'euros', 'pounds'];

/** How many digits an amount has, as the first part of "sexsiffrigt belopp" (an amount of six digits). */
export const DIGIT_COUNTS = ['två', 'tre', 'fyra', 'fem', 'sex', 'sju', 'åtta', 'nio', 'tio'];

/** Units of speed. */
export const SPEED_UNITS = ['km/h', 'km/tim', 'km/timmen', 'km/timme', 'km/t', 'kilometer i timmen', 'kilometer per timme', 'kilometer/timmen', 'mph', 'knop'];

/** Units of blood or breath alcohol. */
export const ALCOHOL_UNITS = ['promille', 'mg/l', 'milligram per liter'];

/** Units of time spans (durations). */
export const DURATION_UNITS = ['sekunder', 'sekund', 'minuter', 'minut', 'timmar', 'timme', 'dygn', 'dagar', 'dag', 'veckor', 'vecka', 'månader', 'månad', 'år', 'minutes', 'minute', 'hours', 'hour', 'days', 'day', 'weeks', 'week', 'months', 'month', 'years', 'seconds'];

/** Units of other measured quantities (volume, weight, length, share). */
export const QUANTITY_UNITS = ['liter', 'l', 'kilo', 'kg', 'kilogram', 'gram', 'g', 'ton', 'meter', 'm', 'kilometer', 'km', 'mil', 'centimeter', 'cm', 'millimeter', 'mm', 'procent', '%', 'kvadratmeter', 'kvm', 'hektar', 'plantor', 'tabletter', 'patroner', 'skott', 'litres', 'liters', 'kilos', 'grams', 'metres', 'meters', 'percent'];

/** Question words → the kind of fact asked for (see src/answer/answer-types.ts). The longest match wins. */
export const QUESTION_WORDS: readonly { words: readonly string[]; type: string }[] = [
  // counts
  { words: ['hur många', 'hur stort antal', 'vilket antal', 'antalet', 'how many', 'number of', 'what number of'], type: 'count' },
  // ages
  { words: ['hur gammal', 'hur gamla', 'vilken ålder', 'i vilken ålder', 'hur unga', 'hur ung', 'hur äldre', 'vilket år är', 'vilket år föddes', 'när föddes', 'född vilket år', 'how old', 'what age', 'at what age', 'aged how', 'how young', 'what year was', 'when was he born', 'when was she born', 'born in what year', 'which year was'], type: 'age' },
  // speed
  { words: ['hur fort', 'hur snabbt', 'vilken hastighet', 'i vilken hastighet', 'hur hög hastighet', 'hur mycket för fort', 'how fast', 'what speed', 'at what speed', 'how quickly was', 'how much over the limit', 'how far over the limit'], type: 'speed' },
  // alcohol
  { words: ['vilken promille', 'hur hög promille', 'hur mycket alkohol', 'hur berusad', 'hur full', 'what blood alcohol', 'what alcohol level', 'blood alcohol', 'how drunk', 'how much alcohol', 'what level of alcohol', 'alcohol level', 'what per mille'], type: 'alcohol' },
  // money
  { words: ['hur mycket pengar', 'hur mycket kontanter', 'hur mycket var', 'hur mycket är', 'vilket belopp', 'hur stort belopp', 'vilket värde', 'till vilket värde', 'värt', 'värd', 'vad kostade', 'vad kostar', 'hur stora böter', 'hur mycket böter', 'hur mycket blev boten', 'hur hög bot', 'hur stor bot', 'hur mycket fick', 'how much money', 'how much cash', 'how much was', 'how much were', 'how much is', 'how much did', 'what amount', 'what sum', 'what value', 'the value', 'worth', 'how big a fine', 'how large a fine', 'what fine', 'how much of a fine', 'how much did it cost', 'what did it cost', 'how much was the fine'], type: 'money' },
  // durations
  { words: ['hur länge', 'hur lång tid', 'under hur lång tid', 'hur många minuter', 'hur många timmar', 'hur många dagar', 'how long', 'for how long', 'how many minutes', 'how many hours', 'how many days', 'how soon', 'how quickly', 'how fast did'], type: 'duration' },
  // time of day
  { words: ['vilken tid', 'vid vilken tid', 'vilket klockslag', 'vilka klockslag', 'mellan vilka klockslag', 'hur dags', 'när på dagen', 'när på natten', 'vilken tidpunkt', 'ungefär när', 'what time', 'at what time', 'around what time', 'which time', 'what hour', 'between what times', 'between which hours'], type: 'time' },
  // dates
  { words: ['vilket datum', 'vilken dag', 'vilket år', 'vilken månad', 'what date', 'which date', 'what day', 'which day', 'what year', 'which year', 'what month', 'on what date'], type: 'date' },
  { words: ['när', 'sedan när', 'when', 'since when', 'vilken period', 'under vilken period', 'vilken tidsperiod', 'under vilken tidsperiod', 'what period', 'during what period', 'during which period', 'over what period', 'what time period', 'what time frame'], type: 'when' },
  // places
  { words: ['vilken gata', 'på vilken gata', 'vilken adress', 'vilken väg', 'på vilken väg', 'which street', 'what street', 'what road', 'which road', 'what address', 'which address', 'on what street', 'on which road', 'which motorway', 'what highway'], type: 'street' },
  { words: ['var', 'vart', 'varifrån', 'varåt', 'var någonstans', 'vilken plats', 'vilken ort', 'vilken stad', 'vilken kommun', 'vilken stadsdel', 'vilka stadsdelar', 'vilka områden', 'vilket område', 'vilka orter', 'vilka platser', 'vilken butik', 'vilken nattklubb', 'vilken restaurang', 'vilket sjukhus', 'vilken skola', 'where', 'from where', 'where to', 'which place', 'what place', 'which town', 'which city', 'which area', 'which areas', 'which district', 'which districts', 'what town', 'what area', 'which hospital', 'which shop', 'which store', 'which nightclub', 'which restaurant', 'which school', 'what location', 'i vilken riktning', 'åt vilket håll', 'vilket håll', 'which way', 'which direction', 'what direction', 'in which direction', 'in what direction'], type: 'place' },
  // people and bodies
  { words: ['vem', 'vilka', 'vems', 'vem är', 'vilka personer', 'vad heter', 'vilken person', 'who', 'whom', 'whose', "who's", 'which person', 'which people', 'what is the name', 'what was the name', 'what is the name of'], type: 'who' },
  { words: ['vilken myndighet', 'vilket företag', 'vilken organisation', 'vilket bolag', 'vilken enhet', 'vilken avdelning', 'vilken instans', 'which company', 'what company', 'which authority', 'what authority', 'which agency', 'what agency', 'which organisation', 'which organization', 'which unit', 'which department', 'what unit', 'which firm'], type: 'organisation' },
  { words: ['vilken titel', 'vilken roll', 'vilken befattning', 'what title', 'what role', 'what position', 'what is the title'], type: 'role' },
  // things
  { words: ['vilket fordon', 'vilken bil', 'vad för bil', 'vad för fordon', 'vilken bilmodell', 'vilket märke', 'vilken sorts bil', 'which vehicle', 'what vehicle', 'what car', 'which car', 'what kind of car', 'what kind of vehicle', 'what make', 'what type of vehicle', 'what model'], type: 'vehicle' },
  { words: ['vilken färg', 'vad för färg', 'what colour', 'what color', 'which colour', 'which color'], type: 'colour' },
  { words: ['vilket djur', 'vilka djur', 'vad för djur', 'vad för slags djur', 'vilken sorts djur', 'vilket slags djur', 'vilken djurart', 'what animal', 'which animal', 'what animals', 'which animals', 'what kind of animal', 'what sort of animal', 'what type of animal', 'what species'], type: 'animal' },
  { words: ['vad stals', 'vad stal', 'vad har stulits', 'vad stulits', 'vad tog', 'vad togs', 'vad snodde', 'vad tillgreps', 'vad hittades', 'vad hittade', 'vad påträffades', 'vad beslagtogs', 'vad beslagtog', 'vad hade', 'vad bar', 'vad lämnade', 'vad kastade', 'vad hängde', 'vilket föremål', 'vilka föremål', 'vilket vapen', 'vilket ämne', 'vilken substans', 'vilken drog', 'vilken sorts', 'vad för', 'what was stolen', 'what got stolen', 'what were stolen', 'what did', 'what was found', 'what was seized', 'what was taken', 'what had', 'what object', 'which object', 'what weapon', 'which weapon', 'what substance', 'which substance', 'which drug', 'what drug', 'what kind of', 'what type of', 'what items', 'what goods'], type: 'object' },
  { words: ['vad misstänks', 'misstänks för vad', 'misstänkt för vad', 'vad är han misstänkt', 'vad är hon misstänkt', 'vilket brott', 'vilka brott', 'vad för brott', 'vilken brottsrubricering', 'vad anmäldes', 'vad anmäls', 'vilken anmälan', 'vilka anmälningar', 'vad för anmälan', 'vad rubriceras', 'vilken rubricering', 'vad åtalas', 'vad döms', 'what report', 'which report', 'what kind of report', 'what was he reported for', 'what was she reported for', 'what is he suspected of', 'what is she suspected of', 'suspected of what', 'what crime', 'which crime', 'what crimes', 'which crimes', 'what offence', 'what offences', 'what offense', 'which offence', 'what charge', 'what charges', 'charged with what', 'what was reported', 'suspected of'], type: 'offence' },
  { words: ['varför', 'av vilken anledning', 'av vilket skäl', 'vad orsakade', 'vad var orsaken', 'vad är orsaken', 'vad beror', 'vad berodde', 'vad var anledningen', 'vad är anledningen', 'hur uppstod', 'hur började', 'vad ledde till', 'vad låg bakom', 'vad ligger bakom', 'vad som låg bakom', 'orsaken', 'anledningen', 'why', 'what caused', 'what was the cause', 'what is the cause', 'what was the reason', 'what is the reason', 'for what reason', 'how did the fire start', 'how did it start', 'what led to', 'what started', 'reason for', 'cause of', 'what is thought to have caused', 'what triggered', 'what made', 'what was behind', 'what turned out to be behind', 'vad orsakat', 'vad var motivet', 'vad är motivet', 'what was the motive', 'what is the motive'], type: 'cause' },
  { words: ['skadades någon', 'blev någon skadad', 'hur allvarligt', 'hur svårt skadad', 'vilka skador', 'hur gick det för', 'hur mår', 'överlevde', 'omkom någon', 'dog någon', 'was anyone hurt', 'was anyone injured', 'were any', 'was anybody hurt', 'anyone hurt', 'anyone injured', 'how badly', 'how seriously', 'what injuries', 'did anyone die', 'was anyone killed', 'how is the', 'what happened to the victim'], type: 'injury' },
  { words: ['vad hände', 'vad har hänt', 'vad händer', 'vad hade hänt', 'vad inträffade', 'vad gjorde', 'vad hade', 'vad skedde', 'what happened', 'what has happened', 'what had happened', 'what was going on', 'what went on', 'what did', 'what was', 'what were', 'what is', 'what are'], type: 'event' },
  // weights and sizes
  { words: ['hur tung', 'hur tungt', 'hur tunga', 'hur mycket vägde', 'hur mycket väger', 'vad vägde', 'vad väger', 'hur lång', 'hur långa', 'hur lång är', 'hur lång var', 'vilken längd', 'hur långt', 'hur djupt', 'hur djup', 'vilken höjd', 'how far', 'how deep', 'how tall', 'what height', 'how heavy', 'how much did it weigh', 'how much did they weigh', 'what did it weigh', 'how much does it weigh'], type: 'quantity' },
  { words: ['vad', 'vilken', 'vilket', 'what', 'which', 'how', 'hur'], type: 'what' },
];

/**
 * Nouns that name the kind of fact a bare question word asks for: "Hur högt alkoholvärde…", "How big was the
 * fine…", "Vad var hastigheten?", "What was the weight of…". Checked in this order, so the more specific kinds
 * come first ("alkoholvärde" is alcohol, not a value of money). Swedish words also match as a compound's head
 * ("bötesbelopp", "ordningsboten"); English ones by their stem.
 */
export const TYPE_NOUNS: readonly { type: string; sv: readonly string[]; en: readonly string[] }[] = [
  { type: 'alcohol', sv: ['promille', 'alkoholvärde', 'alkoholhalt', 'alkoholkoncentration', 'utandningsprov', 'alkoholutandning'], en: ['alcohol', 'breathalyser', 'breathalyzer', 'per mille', 'breath test'] },
  { type: 'speed', sv: ['hastighet', 'fart'], en: ['speed'] },
  { type: 'age', sv: ['ålder'], en: ['age'] },
  { type: 'money', sv: ['böter', 'bot', 'belopp', 'summa', 'värde', 'kostnad', 'pris', 'ersättning', 'skadestånd', 'penningsumma', 'avgift'], en: ['fine', 'fines', 'sum', 'value', 'cost', 'price', 'compensation', 'penalty', 'fee'] },
  { type: 'quantity', sv: ['vikt', 'längd', 'volym', 'mängd'], en: ['weight', 'length', 'volume', 'quantity'] },
];

/**
 * Words that ask for a kind of a thing: "vilket slags vapen", "vilken sorts bil", "what kind of weapon". The noun
 * after them (and "av"/"of") is what the question asks about; they say nothing about the content themselves.
 */
export const KIND_WORDS: readonly string[] = ['slags', 'sorts', 'sorters', 'typ', 'typer', 'kind', 'kinds', 'sort', 'type', 'types'];

/**
 * Words of asking that say nothing about the content: question words, auxiliaries, requests ("berätta om",
 * "tell me about"). They are not searched for.
 */
export const QUESTION_NOISE: readonly string[] = [
  'vad', 'vilken', 'vilket', 'vilka', 'hur', 'många', 'mycket', 'när', 'var', 'vart', 'varifrån', 'varför', 'vem', 'vems', 'heter',
  'hände', 'händer', 'hänt', 'gammal', 'gamla', 'kommer', 'fick', 'berätta', 'beskriv', 'förklara', 'veta', 'undrar', 'info',
  'what', 'which', 'who', 'whom', 'whose', 'when', 'where', 'why', 'how', 'many', 'much', 'old', 'did', 'does', 'do', 'is', 'are',
  'was', 'were', 'will', 'would', 'shall', 'should', 'can', 'could', 'must', 'might', 'happened', 'happen', 'tell', 'know',
  'describe', 'explain', 'please', 'me', 'about', 'anything', 'something', 'any', 'anyone', 'anybody', 's',
  ...KIND_WORDS,
];

/**
 * Words that open a subordinate clause of a question when they stand after its first two words: a relative
 * clause ("mannen som greps", "the man who was arrested") or an adverbial one ("… när han hoppade ut", "…
 * after the fire"). What such a clause says sets the scene (it finds the statement); the main clause says what
 * is asked ("What was the man carrying when …": carrying). Used in search/query.ts (`Concept.setting`).
 */
export const SUBORDINATORS: readonly string[] = [
  'som', 'när', 'efter', 'innan', 'medan', 'sedan', 'eftersom', 'där', 'vilken', 'vilket', 'vilka',
  'who', 'whom', 'whose', 'which', 'that', 'when', 'after', 'before', 'while', 'where', 'because', 'since',
];

/** Finite auxiliaries and common finite verbs that open a Swedish main clause after a fronted clause and its comma. */
export const FINITE_AUXILIARIES: readonly string[] = [
  'har', 'hade', 'är', 'var', 'kommer', 'kom', 'ska', 'skall', 'skulle', 'kan', 'kunde', 'måste', 'bör', 'borde', 'blir', 'blev', 'får', 'fick',
  'finns', 'fanns', 'gör', 'gjorde', 'vill', 'ville', 'tar', 'tog', 'går', 'gick',
];

/** Verbs of saying that attribute a quote ("…, säger Mats Löfving."), Swedish and English. */
export const SPEECH_VERBS: readonly string[] = [
  'sade', 'sa', 'säger', 'sägs', 'fortsätter', 'fortsatte', 'berättar', 'berättade', 'förklarar', 'förklarade', 'menar', 'menade',
  'konstaterar', 'konstaterade', 'framhåller', 'framhöll', 'avslutar', 'avslutade', 'understryker', 'underströk', 'betonar',
  'betonade', 'tillägger', 'tillade', 'uppger', 'uppgav', 'skriver', 'skrev', 'poängterar', 'poängterade', 'påpekar', 'påpekade',
  'kommenterar', 'kommenterade', 'summerar', 'summerade', 'hälsar', 'uppmanar', 'uppmanade', 'svarar', 'svarade', 'meddelar',
  'said', 'says', 'added', 'adds', 'continued', 'continues', 'explained', 'explains', 'told', 'stated', 'states', 'noted', 'notes',
  'according to',
];

/**
 * Titles and roles that stand before or after a name ("regionpolischef i Stockholm Mats Löfving", "Anna König
 * Jerlmyr, finansborgarråd", "säger yttre befäl Andreas Pehrson"). Matched as whole words or as the head of a
 * compound (`…chef`, `…råd`), definite forms included.
 */
export const TITLES: readonly string[] = [
  'chef', 'råd', 'inspektör', 'ordförande', 'talesperson', 'presstalesperson', 'talesman', 'direktör', 'minister', 'kommissarie',
  'mästare', 'åklagare', 'officer', 'befäl', 'yttre befäl', 'vakthavande befäl', 'inre befäl', 'insatschef', 'polisinsatschef',
  'utredare', 'förundersökningsledare', 'gruppchef', 'kommunpolis', 'polis', 'poliskommissarie', 'polisinspektör', 'kriminalinspektör',
  'kriminalkommissarie', 'presschef', 'informatör', 'kommunikatör', 'pressansvarig', 'samordnare', 'brottssamordnare', 'handläggare',
  'borgarråd', 'kommunalråd', 'regionråd', 'rikspolischef', 'regionpolischef', 'lokalpolisområdeschef', 'polisområdeschef',
  'biträdande', 'sektionschef', 'enhetschef', 'avdelningschef', 'räddningschef', 'stabschef', 'jurist', 'kammaråklagare',
  'chefsåklagare', 'överåklagare', 'vice', 'ställföreträdande', 'tf', 'spokesperson', 'spokesman', 'chief', 'mayor', 'director',
  'inspector', 'prosecutor', 'commissioner', 'superintendent', 'press officer',
];

/** Words that name a unit, place or organisation after a speaker's name ("säger NAME på/vid/i …"). */
export const ATTRIBUTION_PREPOSITIONS: readonly string[] = ['på', 'vid', 'i', 'inom', 'från', 'hos', 'för', 'at', 'of', 'from', 'in', 'with'];

/**
 * Nouns that name people by role rather than by name: answers to "who" ("En cyklist", "Bilägaren",
 * "Flera medborgare", "En ordningsvakt"). Stems: a word counts when it starts with one of these and is at most
 * a definite or plural ending longer (see answer-types.ts).
 */
export const PERSON_NOUNS: readonly string[] = [
  'man', 'män', 'kvinn', 'pojk', 'flick', 'kill', 'tjej', 'barn', 'person', 'ungdom', 'tonåring', 'yngling', 'förar', 'förare', 'bilist',
  'cyklist', 'fotgängar', 'motorcyklist', 'mopedist', 'mopedförar', 'passagerar', 'chaufför', 'lastbilschaufför', 'taxiförar', 'busschaufför',
  'ordningsvakt', 'väktar', 'vakt', 'personal', 'butikspersonal', 'anställd', 'kassörsk', 'kund', 'gäst', 'granne', 'grann', 'vittne',
  'anmälar', 'inringar', 'målsägand', 'brottsoffer', 'offer', 'ägar', 'bilägar', 'husägar', 'fastighetsägar', 'hundägar', 'medborgar', 'förbipasserand',
  'allmänhet', 'privatperson', 'misstänkt', 'gärningsman', 'gärningsmän', 'rånar', 'tjuv', 'inbrottstjuv', 'bedragar', 'förälder', 'föräldrar',
  'mamma', 'pappa', 'son', 'dotter', 'bror', 'syster', 'partner', 'sambo', 'make', 'maka', 'pensionär', 'äldre', 'elev', 'lärare',
  'student', 'turist', 'jägare', 'fiskare', 'skoteråkare', 'vandrare', 'skidåkare', 'arbetare', 'hantverkare', 'läkare', 'sjuksköterska',
  'ambulanspersonal', 'räddningspersonal', 'brandman', 'brandmän', 'polis', 'polisman', 'poliser', 'patrull', 'polispatrull',
  'tulltjänsteman', 'tjänsteman', 'befäl', 'dykare', 'hundförare', 'grupp', 'gäng', 'sällskap', 'familj', 'hushåll', 'boende',
  'dam', 'herre', 'individ', 'kamrat', 'vän', 'bekant', 'pojkvän', 'flickvän', 'fru',
  // Kin and trades ("En anhörig till barnen", "en tekniker"), and an age as a person ("En 5 åring").
  'anhörig', 'släkting', 'kollega', 'arbetskamrat', 'chef', 'tekniker', 'elektriker', 'mekaniker', 'montör', 'snickare', 'åring',
];

/**
 * Names of the whole country. A question about it ("Hur många omkom i trafiken i hela Sverige?") asks for national
 * figures, which a local notice that names Sweden in passing does not give.
 */
export const NATIONAL_SCOPES: readonly string[] = ['sverige', 'sweden', 'riket'];

/**
 * The police as the narrator of their own notices ("Polisen kontaktades av en väktare …"). A "who" question asks
 * about someone else unless it names the police itself, so these words answer it only when nothing else does.
 */
export const NARRATOR_WORDS: readonly string[] = [
  'polis', 'polisen', 'poliser', 'poliserna', 'polisman', 'polismannen', 'polismän', 'polismännen', 'patrull', 'patrullen', 'patruller',
  'patrullerna', 'polispatrull', 'polispatrullen', 'polispatruller', 'polispatrullerna', 'polisens',
];

/** Bodies that act in police notices: answers to "who" and "which authority". Matched as a word's stem. */
export const ORGANISATION_NOUNS: readonly string[] = [
  'räddningstjänst', 'avdelning', 'enhet', 'myndighet', 'förvaltning', 'nämnd', 'styrelse', 'ambulans', 'ambulanssjukvård', 'sjukvård', 'polis', 'polismyndighet', 'åklagar', 'åklagarmyndighet', 'tingsrätt',
  'hovrätt', 'domstol', 'kustbevakning', 'tullverk', 'tull', 'trafikverk', 'transportstyrels', 'länsstyrels', 'kommun', 'region',
  'socialtjänst', 'socialjour', 'jourhavand', 'bombskydd', 'nationella bombskyddet', 'insatsstyrka', 'piket', 'piketen', 'helikopter',
  'polishelikopter', 'sjöräddning', 'sjöräddningssällskap', 'fjällräddning', 'räddningsledar', 'jourhavande åklagare', 'migrationsverk',
  'kriminalvård', 'försvarsmakt', 'militär', 'hemvärn', 'sos alarm', 'regionledningscentral', 'ledningscentral', 'länskommunikationscentral',
  'särskilda utredningar', 'avdelningen för särskilda utredningar', 'sva', 'statens veterinärmedicinska anstalt', 'jaktvårdskonsulent',
  'viltvårdare', 'eftersöksjägare', 'elbolag', 'bolag', 'företag', 'larmbolag', 'vaktbolag', 'bevakningsbolag', 'försäkringsbolag',
  'skola', 'skolan', 'bank', 'banken', 'vårdnadshavare', 'kommunens', 'fastighetsbolag', 'energibolag', 'väghållar', 'bärgningsfirma',
  'bärgare', 'bärgningsbil', 'trafikverket', 'ica', 'coop', 'systembolaget', 'postnord', 'sj', 'sl',
];

/**
 * Animals, wild and kept: the police report collisions with game ("viltolycka": älg, rådjur, vildsvin, ren),
 * loose livestock and pets. Whole forms with their endings, and heads of compounds of four letters or more
 * ("kronhjorten"). Left out for the words they are far more often: "får" (a sheep; a verb), "ren" (a reindeer; an
 * adjective, but "renen", "renar" are in), "föl" (följer), "get" (nuläget).
 */
export const ANIMAL_NOUNS: readonly string[] = [
  'djur', 'älg', 'älgko', 'älgkalv', 'rådjur', 'vildsvin', 'hjort', 'dovhjort', 'kronhjort', 'renen', 'renar', 'renarna', 'björn',
  'varg', 'lodjur', 'räv', 'grävling', 'hare', 'bäver', 'utter', 'säl', 'fågel', 'fåglar', 'gås', 'örn', 'uggla', 'orm', 'huggorm',
  'häst', 'ponny', 'ko', 'kor', 'kalv', 'kviga', 'tjur', 'nötkreatur', 'gris', 'getter', 'lamm', 'höns',
  'höna', 'tupp', 'hund', 'valp', 'katt', 'kattunge', 'kanin', 'vilt', 'boskap',
];

/** Vehicles: heads of compounds included (`personbil`, `lastbil`); makes are names. */
/**
 * Verbs of getting away or getting somewhere: "Hur flydde rånarna?", "How did they get away?" ask by what means (a
 * vehicle, or "till fots").
 */
export const MEANS_VERBS: readonly string[] = [
  'flydde', 'flytt', 'försvann', 'försvunnit', 'avvek', 'avvikit', 'lämnade', 'lämnat', 'smet', 'smitit', 'tog sig', 'kom', 'kommit', 'åkte', 'tagit sig',
  'flee', 'fled', 'escape', 'escaped', 'get away', 'got away', 'getaway', 'leave', 'left', 'make off', 'made off', 'arrive', 'arrived', 'travel', 'travelled',
  'traveled', 'get there', 'got there',
];

/**
 * Verbs of coming about: a bare "how" before one asks why ("How did the fire in the flat start?", "Hur uppstod
 * branden?"), as "hur började" and "how did the fire start" do without words between.
 */
export const ORIGIN_VERBS: readonly string[] = [
  'start', 'started', 'begin', 'began', 'begun', 'arise', 'arose', 'break out', 'broke out', 'come about', 'came about', 'startade', 'startat',
  'började', 'börjat', 'uppstod', 'uppstått', 'uppkom', 'uppkommit', 'bröt ut', 'utbröt',
];

/** Verbs of driving or riding: "What was the boy driving?", "Vad körde han?" ask first for a vehicle. */
export const DRIVE_VERBS: readonly string[] = ['driving', 'riding', 'drive', 'ride', 'körde', 'kör', 'åkte', 'åker', 'framförde'];

export const VEHICLE_NOUNS: readonly string[] = [
  'bil', 'personbil', 'lastbil', 'buss', 'moped', 'epa', 'epatraktor', 'a-traktor', 'traktor', 'motorcykel', 'mc', 'cykel', 'cykl', 'elcykel',
  'elsparkcykel', 'sparkcykel', 'skoter', 'snöskoter', 'fyrhjuling', 'släpvagn', 'släp', 'husbil', 'husvagn', 'taxi', 'spårvagn',
  'tåg', 'pendeltåg', 'båt', 'motorbåt', 'fritidsbåt', 'jetski', 'vattenskoter', 'flygplan', 'helikopter', 'drönare', 'skåpbil',
  'minibuss', 'pickup', 'timmerbil', 'grävmaskin', 'hjullastare', 'truck', 'gaffeltruck', 'bandvagn', 'ambulans', 'polisbil',
  'radiobil', 'fordon', 'motorfordon', 'kombi', 'suv', 'volvo', 'saab', 'bmw', 'audi', 'mercedes', 'volkswagen', 'vw', 'toyota',
  'tesla', 'ford', 'opel', 'peugeot', 'renault', 'kia', 'hyundai', 'nissan', 'skoda', 'škoda', 'seat', 'porsche', 'scania', 'mazda',
  'honda', 'yamaha', 'suzuki', 'fiat', 'citroën', 'citroen', 'dacia', 'mitsubishi', 'subaru', 'jeep', 'land rover', 'range rover',
];

/** Colours, Swedish and English, base forms (inflected forms are matched by stem). */
export const COLOURS: readonly string[] = [
  'röd', 'blå', 'grön', 'gul', 'svart', 'vit', 'grå', 'brun', 'rosa', 'lila', 'orange', 'beige', 'silver', 'silverfärgad', 'guld',
  'guldfärgad', 'mörkblå', 'ljusblå', 'mörkgrå', 'ljusgrå', 'mörkgrön', 'ljusgrön', 'vinröd', 'turkos', 'marinblå', 'svartvit',
  'red', 'blue', 'green', 'yellow', 'black', 'white', 'grey', 'gray', 'brown', 'pink', 'purple', 'orange', 'silver', 'gold',
];

/** Nouns that make a phrase a place: "på en campingplats", "vid bensinmacken", "till sjukhuset". Stems. */
export const PLACE_NOUNS: readonly string[] = [
  'plats', 'campingplats', 'parkering', 'parkeringsplats', 'parkeringshus', 'garage', 'bostad', 'boende', 'lägenhet', 'hus', 'villa',
  'radhus', 'fastighet', 'trapphus', 'källar', 'vind', 'förråd', 'tomt', 'gård', 'innergård', 'bakgård', 'ladugård', 'lada', 'stall',
  'butik', 'affär', 'matbutik', 'livsmedelsbutik', 'köpcentrum', 'galleria', 'restaurang', 'krog', 'bar', 'pub', 'nattklubb', 'hotell',
  'kiosk', 'bensinmack', 'mack', 'bensinstation', 'station', 'tågstation', 'järnvägsstation', 'busstation', 'hållplats', 'busshållplats',
  'resecentrum', 'centralstation', 'perrong', 'flygplats', 'hamn', 'kaj', 'brygga', 'strand', 'badplats', 'sjö', 'älv', 'å', 'skog',
  'park', 'lekplats', 'skola', 'skolgård', 'förskola', 'gymnasium', 'universitet', 'bibliotek', 'sjukhus', 'vårdcentral', 'akutmottagning',
  'kyrka', 'kyrkogård', 'torg', 'gata', 'väg', 'gång', 'cykelbana', 'gångväg', 'korsning', 'rondell', 'cirkulationsplats', 'avfart',
  'påfart', 'motorväg', 'bro', 'tunnel', 'viadukt', 'centrum', 'område', 'bostadsområde', 'industriområde', 'stadsdel', 'by', 'ort',
  'arbetsplats', 'byggarbetsplats', 'kontor', 'lokal', 'industrilokal', 'lager', 'verkstad', 'idrottsplats', 'arena', 'stadion',
  'sporthall', 'simhall', 'gym', 'museum', 'fängelse', 'anstalt', 'häkte', 'arrest', 'polisstation', 'sjukvård', 'dike', 'diket', 'spår', 'åker', 'slänt',
  'hemifrån', 'hemma', 'hem', 'utomlands', 'sverige', 'norge', 'danmark', 'finland',
  // Out of doors and in the mountains: where the lost and the hurt are found.
  'tält', 'stuga', 'koja', 'fjäll', 'fjällsluttning', 'sluttning', 'klippa', 'klippkant', 'berg', 'bergvägg', 'ravin', 'grotta', 'dal',
  'myr', 'mosse', 'kärr', 'bäck', 'kanal', 'hav', 'holme', 'fält', 'äng', 'hage', 'glänta', 'vindskydd',
  // Rooms and spaces of a building, and where goods are offered online: where in it, or where it was put up for sale.
  'toalett', 'badrum', 'kök', 'sovrum', 'vardagsrum', 'tvättstuga', 'soprum', 'hiss', 'balkong', 'entré', 'uppgång', 'carport', 'brunn',
  'sajt', 'webbplats', 'annonssajt',
];

/** Street and road words: the head of a street name (`Storgatan`, `Kungsvägen`) or a road number (`E4`, `länsväg 250`). */
export const STREET_HEADS: readonly string[] = [
  'gatan', 'vägen', 'gränd', 'gränden', 'torget', 'torg', 'allén', 'allé', 'plan', 'planen', 'stigen', 'leden', 'backen', 'stråket',
  'promenaden', 'esplanaden', 'kajen', 'bron', 'tunneln', 'platsen', 'parken', 'slingan', 'gången', 'liden', 'höjden', 'vägs',
];
export const ROAD_WORDS: readonly string[] = ['länsväg', 'riksväg', 'väg', 'europaväg', 'motorväg', 'lv', 'rv', 'route', 'road', 'county road', 'highway', 'motorway'];

/** Words that open a reason: "på grund av", "eftersom", "då", "för att". */
export const CAUSE_MARKERS: readonly string[] = [
  'på grund av', 'p.g.a.', 'pga', 'pga.', 'eftersom', 'därför att', 'till följd av', 'med anledning av', 'orsakad av', 'orsakat av',
  'orsakades av', 'orsakats av', 'orsakas av', 'beror på', 'berodde på', 'berott på', 'i syfte att', 'för att', 'då', 'efter att', 'sedan',
  'tros ha startat', 'tros ha orsakats', 'misstänks ha orsakats', 'misstänks ha startat', 'ska ha startat', 'startade i', 'uppstod', 'orsaken',
  'anledningen', 'upprinnelsen', 'i och med att', 'med syfte att', 'med syftet att', 'i syftet att', 'bedömning är att', 'bedömningen är att', 'hypotes är att', 'hypotesen är att',
  'arbetshypoteserna är att', 'arbetshypotesen är att', 'teorin är att', 'misstanken är att', 'because', 'due to', 'caused by',
];

/** The points of the compass a direction is given by ("körde iväg söderut"): a place for "Åt vilket håll …?". */
export const COMPASS_WORDS: readonly string[] = ['norrut', 'söderut', 'österut', 'västerut', 'nordost', 'nordväst', 'sydost', 'sydväst'];

/**
 * Words that say a thing had a name, was not known, or its size, without saying which ("ett namngivet
 * betaltjänstföretag", "en okänd bil", "en mindre ort"): a phrase of them and the noun asked about does not answer
 * "Vilket …?" (a colour would: "en röd bil").
 */
export const NON_IDENTIFYING: readonly string[] = [
  'namngiven', 'namngivet', 'namngivna', 'okänd', 'okänt', 'okända', 'oidentifierad', 'oidentifierat', 'oidentifierade', 'viss', 'visst',
  'vissa', 'annan', 'annat', 'andra', 'oklar', 'oklart', 'oklara', 'mindre', 'större', 'liten', 'litet', 'lilla', 'små', 'stor', 'stort', 'stora',
  // Of what kind, not which: "en statlig myndighet", "ett privat företag".
  'statlig', 'statligt', 'statliga', 'kommunal', 'kommunalt', 'kommunala', 'privat', 'privata', 'utländsk', 'utländskt', 'utländska',
];

/**
 * Who suffered rather than did: the victim's words and the words of harm that make a person one ("två skadade män",
 * "Mannen … ska ha blivit skjuten"). A question about who did something is not answered by them.
 */
export const VICTIM_WORDS: readonly string[] = [
  'målsägande', 'målsäganden', 'målsägaren', 'målsägarna', 'brottsoffret', 'brottsoffer', 'offret', 'offren', 'drabbade', 'drabbad',
];
/**
 * What the police do: a question about who did something is answered by the police, who narrate the notices
 * (`NARRATOR_WORDS`), only when its verb is one of these ("Vem grep mannen?"), not when it is "Vem krossade rutan?".
 */
export const POLICE_ACTION_VERBS: readonly string[] = [
  'grep', 'griper', 'stoppade', 'stoppar', 'omhändertog', 'omhändertar', 'kontrollerade', 'kontrollerar', 'anhöll', 'anhåller', 'bötfällde',
  'rapporterade', 'visiterade', 'eftersökte', 'arrested', 'arrests', 'stopped', 'stops', 'detained', 'detains', 'checked',
  'searched', 'fined', 'apprehended',
];
export const HARM_WORDS: readonly string[] = [
  'skadad', 'skadade', 'skadat', 'avliden', 'avlidne', 'avlidna', 'påkörd', 'påkörda', 'påkörde', 'knivskadad', 'knivskadade', 'skottskadad',
  'skottskadade', 'död', 'döda', 'döde', 'misshandlad', 'misshandlade', 'rånad', 'rånade', 'skjuten', 'skjutna', 'knivhuggen', 'knivhuggna',
  'omkommen', 'omkomne', 'omkomna', 'nedslagen', 'hotad', 'hotade', 'bestulen', 'bestulna', 'slagen', 'sparkad', 'stucken', 'huggen',
  'överfallen', 'attackerad', 'beskjuten', 'nedknivad',
];

/**
 * What a driver or a worker did or met that is a reason in itself ("ska ha väjt för vilt", "har fått sladd",
 * "somnat vid ratten"): the phrase from these words on answers "why".
 */
export const CAUSE_PHRASES: readonly string[] = [
  'väjt för', 'väjde för', 'väjer för', 'väja för', 'somnat', 'somnade', 'tappat kontrollen', 'tappade kontrollen', 'fått sladd', 'fick sladd',
  'får sladd', 'blivit bländad', 'blev bländad', 'fått punktering', 'fick punktering', 'fått motorstopp', 'fick motorstopp', 'halt väglag',
  'halkat', 'halkade', 'fått gashäng', 'fick gashäng', 'fått vattenplaning', 'fick vattenplaning', 'får vattenplaning', 'bromsat för', 'bromsade för',
  // faults and mishaps that start a fire or stop a vehicle ("rört sig om en torrkokning på en spis", "uppstått genom ett tekniskt fel")
  'torrkokning', 'torrkokningen', 'elfel', 'elfelet', 'tekniskt fel', 'kortslutning', 'motorhaveri', 'blixtnedslag', 'åsknedslag', 'överhettning',
  'självantändning',
];

/** Words of seeing or reporting someone, after which "en X som …" says what they were seen doing ("noterar en bilist som kör märkligt"). */
export const REPORT_OBJECT_VERBS: readonly string[] = [
  'larm om', 'larmet om', 'samtal om', 'samtalet om', 'uppgifter om', 'noterar', 'noterade', 'uppmärksammar', 'uppmärksammade', 'observerar',
  'observerade', 'ser', 'såg', 'upptäcker', 'upptäckte',
];

/**
 * Verbs of the police being called out ("Polis larmas till … med anledning av …"): the reason that follows is why
 * they came, which answers a question about the police coming, not one about why the event happened.
 */
export const DISPATCH_VERBS: readonly string[] = [
  'larmas', 'larmades', 'larmats', 'kallas', 'kallades', 'kallats', 'skickas', 'skickades', 'skickats', 'kontaktas', 'kontaktades', 'kontaktats',
  'tillkallas', 'tillkallades', 'tillkallats', 'åker', 'åkte', 'rycker ut', 'ryckte ut', 'kommer till', 'kom till', 'inkommer', 'inkom',
  'beordras', 'beordrades', 'beordrats',
  // Someone calling the police in: what they call about is why the police came.
  'kontaktar polisen', 'kontaktade polisen', 'kontaktar polis', 'kontaktade polis', 'larmar polisen', 'larmade polisen', 'larmar polis',
  'larmade polis', 'ringer polisen', 'ringde polisen', 'ringer polis', 'ringde polis',
];

/**
 * The care of the hurt after an event: the ambulance, the health service and the hospital ("fördes med ambulans
 * till sjukhus", "Ambulanspersonal tog hand om mannen"). Nearly every notice of an injury ends on them, and they say
 * nothing of the event itself: they answer only a question about care (`CARE_QUESTION`), not "what weapon", "which
 * car", "who drove" or "where did it happen".
 */
export const CARE_WORDS: readonly string[] = [
  'ambulans', 'ambulansen', 'ambulanser', 'ambulanserna', 'ambulanspersonal', 'ambulanspersonalen', 'ambulanssjukvård', 'ambulanssjukvården',
  'ambulanshelikopter', 'ambulanshelikoptern', 'sjukvård', 'sjukvården', 'sjukvårdspersonal', 'sjukvårdspersonalen', 'vårdpersonal', 'vårdpersonalen',
  'sjukhus', 'sjukhuset', 'sjukhusvård', 'akuten', 'akutmottagning', 'akutmottagningen',
];
/** Word beginnings of a question about care: where the hurt were taken, who treated them, which hospital. */
export const CARE_QUESTION: readonly string[] = [
  'sjukhus', 'ambulans', 'vård', 'sjukvård', 'akut', 'behandl', 'fördes', 'förts', 'forsla', 'transporter', 'hospital', 'ambulance', 'paramedic',
  'medic', 'care', 'treat', 'taken', 'brought', 'transport', 'flown', 'a&e', 'emergency room',
];

/**
 * Nouns that name something that happened, not a thing ("någon form av dispyt", "det rör sig om en olycka"): the
 * phrases that say what a thing was ("rör sig om", "någon typ av") do not make them one.
 */
export const HAPPENING_NOUNS: readonly string[] = [
  'dispyt', 'konflikt', 'gräl', 'tvist', 'diskussion', 'bråk', 'olycka', 'händelse', 'incident', 'störning', 'ordningsstörning', 'oenighet',
  'uppgörelse', 'missförstånd', 'bedrägeri', 'brott', 'försök', 'larm', 'fest',
];

/**
 * Words for someone that say nothing of who: "en person", "gärningsmannen", and the definite "mannen", "kvinnan" that
 * point back at someone already named. Alone (with an article or a number) they do not answer "who".
 */
export const GENERIC_PERSON_WORDS: readonly string[] = [
  'person', 'personen', 'personer', 'personerna', 'någon', 'individ', 'individen', 'individer', 'gärningsperson', 'gärningspersonen',
  'gärningspersoner', 'gärningspersonerna', 'gärningsman', 'gärningsmannen', 'gärningsmän', 'gärningsmännen', 'förövare', 'förövaren',
  'misstänkt', 'misstänkta', 'misstänkte', 'den misstänkta', 'den misstänkte',
];

/**
 * Those who respond to an event or report it, besides the police: the rescue service, the command centres, the
 * public who call ("efter larm från allmänheten", "Ledningscentralen fick in ett samtal"). A question about who someone
 * in the event was ("Vem satt bakom ratten?", "Who was the person found dead?") is not answered by them unless it
 * names them.
 */
/**
 * Verbs of reporting, finding or helping after "vem/who" ("Vem larmade polisen?", "Who found the man?", "Vem släckte
 * branden?"): their doer may be one who reports or responds ("inringaren", "räddningstjänsten") or the one who
 * suffered it, unlike the doer of a deed.
 */
export const REPORT_VERBS: readonly string[] = [
  'larmade', 'larmat', 'larmar', 'ringde', 'ringt', 'ringer', 'kontaktade', 'kontaktat', 'kontaktar', 'tillkallade', 'tillkallat', 'upptäckte', 'upptäckt',
  'upptäcker', 'hittade', 'hittat', 'hittar', 'anmälde', 'anmält', 'anmäler', 'tipsade', 'tipsat', 'såg', 'sett', 'ser', 'observerade', 'uppmärksammade',
  'called', 'calls', 'alerted', 'alerts', 'reported', 'reports', 'discovered', 'discovers', 'found', 'finds', 'noticed', 'notices', 'saw', 'sees',
  'spotted', 'tipped', 'phoned', 'rang', 'contacted', 'raised', 'släckte', 'släckt', 'hjälpte', 'hjälpt', 'räddade', 'räddat', 'put', 'helped', 'rescued',
  'saved', 'assisted',
];

/**
 * Verbs of a deed done to someone or something (a crime, mostly) after "vem/who" ("Vem sköt …?", "Who knifed …?"; "bakom"
 * stands for "Vem låg bakom …?", "Who was behind …?"): one who only reported or responded ("inringaren",
 * "räddningstjänsten"), or a unit of the police ("bombskyddet"), did not do it.
 */
export const DEED_VERBS: readonly string[] = [
  'sköt', 'skjutit', 'knivhögg', 'knivskar', 'högg', 'stack', 'slog', 'sparkade', 'misshandlade', 'rånade', 'stal', 'knuffade', 'attackerade', 'överföll',
  'hotade', 'tände', 'anlade', 'krossade', 'mördade', 'dödade', 'våldtog', 'bakom', 'shot', 'stabbed', 'knifed', 'hit', 'beat', 'kicked', 'punched', 'assaulted',
  'attacked', 'robbed', 'mugged', 'stole', 'nicked', 'pushed', 'shoved', 'threatened', 'set', 'torched', 'smashed', 'killed', 'murdered',
];

/** Words for a thing that say nothing of what ("tvingat till sig gods"): no answer to "What did they take?". */
export const GENERIC_THING_WORDS: readonly string[] = [
  'gods', 'godset', 'stöldgods', 'stöldgodset', 'föremål', 'föremålet', 'föremålen', 'saker', 'sakerna', 'egendom', 'egendomen', 'tillhörigheter',
  'tillhörigheterna', 'ägodelar', 'ägodelarna', 'grejer', 'objekt', 'objektet',
  // and as English questions put them ("What was the suspicious object …?")
  'object', 'objects', 'item', 'items', 'thing', 'things', 'device', 'package', 'parcel',
];

/** Words of a place that say nothing of where: a place of only these and the question's own words answers no "where". */
export const GENERIC_PLACE_WORDS: readonly string[] = [
  'område', 'området', 'områden', 'områdena', 'adress', 'adressen', 'adresser', 'plats', 'platsen', 'platser', 'ort', 'orten', 'trakten', 'närheten',
  'kommun', 'kommunen', 'kommuns', 'stad', 'staden', 'stadsdel', 'stadsdelen',
  // … and words of size or nearness that say which no more ("en mindre ort", "ett närliggande område").
  'mindre', 'större', 'liten', 'litet', 'stor', 'stort', 'närliggande', 'närbelägen', 'närbeläget', 'annan', 'annat', 'samma',
];

/**
 * Whose age a question asks, by the words around its person: the one suspected or who did it ("the guy who robbed",
 * "de gripna"), or the one who suffered it ("the man who was robbed", "mannen som blev slagen"). Word starts; in a
 * sentence the same words tell whose an age is ("Gärningspersonen beskrivs som en man i 40-årsåldern").
 */
export const SUSPECT_WORDS: readonly string[] = [
  'misstänk', 'grip', 'grep', 'anhåll', 'anhöll', 'häkta', 'gärningsm', 'gärningsperson', 'förövare', 'rånare', 'tjuv', 'suspect', 'arrest', 'detain',
  'perpetrator', 'robber', 'thief', 'thieves', 'attacker', 'culprit', 'offender', 'remand', 'charged', 'åtal',
];
export const SUFFERER_WORDS: readonly string[] = [
  'målsägande', 'brottsoffer', 'offret', 'offren', 'drabbad', 'utsatt', 'victim', 'injured', 'hurt', 'killed', 'died', 'wounded',
];

/** Words of likelihood that offer a fact after saying it is not known ("… men troligen tre stycken", "men eventuellt en vit t-shirt"). */
export const GUESS_WORDS: readonly string[] = ['troligen', 'troligtvis', 'eventuellt', 'möjligen', 'sannolikt', 'förmodligen', 'kanske', 'rör det sig', 'kan det'];

/**
 * What a sentence says when the fact asked for is not known, by the kind asked: "Det är oklart vad som stulits", "Brandorsaken
 * är okänd". Patterns (case-insensitive): such a sentence answers by saying it is not known.
 */
export const UNKNOWN_FACT: Readonly<Record<'object' | 'cause' | 'person' | 'place' | 'time', string>> = {
  object: '(?:oklart|okänt|inte klart|inte känt)\\s(?:(?:i nuläget|ännu|fortfarande|inledningsvis)\\s)?(?:vad|vilken|vilket|vilka)',
  cause: '(?:oklart|okänt|inte klart|inte känt)\\s(?:(?:i nuläget|ännu|fortfarande|inledningsvis)\\s)?(?:varför|vad som orsakat|hur (?:branden|olyckan) (?:uppstått|startat|började))|(?:orsak|anledning|brandorsak|motiv)\\p{L}*\\s(?:till\\s(?:\\p{L}+\\s){1,2})?(?:är|var|ska vara)\\s(?:(?:i nuläget|ännu|fortfarande|än så länge)\\s)?(?:okänd|okänt|oklar)',
  person: '(?:oklart|okänt|inte klart|inte känt)\\s(?:(?:i nuläget|ännu|fortfarande|inledningsvis)\\s)?vem',
  place: '(?:oklart|okänt|inte klart|inte känt)\\s(?:(?:i nuläget|ännu|fortfarande|inledningsvis)\\s)?(?:var|vart|vilken väg)(?![\\p{L}])',
  time: '(?:oklart|okänt|inte klart|inte känt)\\s(?:(?:i nuläget|ännu|fortfarande|inledningsvis)\\s)?när',
};

export const RESPONDER_WORDS: readonly string[] = [
  'räddningstjänst', 'räddningstjänsten', 'räddningsledare', 'räddningsledaren', 'blåljuspersonal', 'blåljuspersonalen', 'ledningscentral',
  'ledningscentralen', 'regionledningscentral', 'regionledningscentralen', 'larmcentral', 'larmcentralen', 'SOS Alarm', 'allmänhet', 'allmänheten',
  'inringare', 'inringaren', 'inringarna', 'anmälare', 'anmälaren', 'anmälarna',
];

/** Units of the police that come to a scene ("nationella bombskyddet", "kriminaltekniker"): they did no deed there. */
export const POLICE_UNIT_WORDS: readonly string[] = [
  'bombskydd', 'bombskyddet', 'nationella bombskyddet', 'bombtekniker', 'bombteknikerna', 'kriminaltekniker', 'kriminalteknikerna', 'tekniker',
  'teknikerna', 'insatsstyrka', 'insatsstyrkan', 'nationella insatsstyrkan', 'piketen', 'piketenheten', 'hundförare', 'hundföraren',
];

/**
 * Words for a man or a woman, a boy or a girl, by sex: the age asked of "kvinnan" is not the age of "en man i
 * 40-årsåldern" in the same sentence. Swedish as word beginnings, English as words.
 */
export const SEX_WORDS = {
  male: { sv: ['man', 'mannen', 'män', 'männen', 'pojk', 'kill', 'herr', 'gubbe', 'gubben', 'snubb'], en: ['man', 'men', 'boy', 'boys', 'guy', 'guys', 'male', 'gentleman'] },
  female: { sv: ['kvinn', 'flick', 'tjej', 'dam', 'damen'], en: ['woman', 'women', 'girl', 'girls', 'lady', 'female'] },
} as const;

/** Words of a question that asks why the police came: the police and a verb of coming or calling. */
export const DISPATCH_QUESTION = {
  police: ['polis', 'polisen', 'polispatrull', 'polispatrullen', 'patrullen', 'police', 'cops', 'officers', 'patrol'],
  verbs: ['åkte', 'åker', 'kom', 'kommer', 'larmades', 'larmas', 'kallades', 'kallas', 'ryckte', 'rycker', 'skickades', 'tillkallades', 'kontaktades', 'went', 'go', 'come', 'came', 'called', 'sent', 'respond', 'responded', 'attend', 'attended', 'arrive', 'arrived', 'turn', 'turned', 'dispatched', 'alerted', 'contacted'],
};

/**
 * Verbs of stopping, checking and fining someone: what a "som" clause says of that someone is why ("stoppar en man
 * som ryckt sönder en registreringsskylt", "En ordningsbot utfärdades till en bilist som inte iakttagit stopplikt").
 */
/**
 * Word starts of a question about suspicion, arrest, charge or fine ("Varför greps …?", "Why was he fined?"): only
 * such a why-question is answered by an offence ("misstänkt för misshandel"). Any ending follows.
 */
export const ACCUSATION_WORDS: readonly string[] = [
  'misstänk', 'suspect', 'grip', 'grep', 'arrest', 'anhåll', 'anhöll', 'häkta', 'remand', 'detain', 'åtal', 'charge', 'döm', 'convict',
  'anmäl', 'polisanmäl', 'report', 'rubricer', 'utred', 'investigat', 'lagför', 'omhänderta', 'omhändertog', 'custody', 'brott', 'crime',
  'offen', 'böter', 'bötfäll', 'ordningsbot', 'fine',
];

export const SANCTION_VERBS: readonly string[] = [
  'stoppar', 'stoppade', 'stoppas', 'stoppades', 'stoppats', 'kontrollerar', 'kontrollerade', 'kontrolleras', 'kontrollerades', 'kontrollerats',
  'utfärdas till', 'utfärdades till', 'utfärdats till', 'bötfäller', 'bötfälls', 'bötfälldes', 'rapporterar', 'rapporteras', 'rapporterades',
  'lagförs', 'lagfördes', 'ordningsbot till', 'ordningsböter till', 'böter till',
];

/**
 * Words that follow a reason rather than lead to it: the reason is the clause before them ("bilen fått gashäng
 * vilket resulterat i kollisionen", "obehöriga har rört sig i byggnaden och därför skrivs en anmälan").
 */
export const CAUSE_BEFORE_MARKERS: readonly string[] = [
  'och därför', 'och har därför', 'vilket resulterat i', 'vilket resulterade i', 'vilket har resulterat i', 'vilket lett till', 'vilket ledde till',
  'vilket har lett till', 'vilket innebar att', 'vilket innebär att', 'vilket har inneburit att', 'vilket orsakat', 'vilket orsakade',
  'vilket medfört', 'vilket medförde', 'vilket gjorde att', 'vilket gör att', 'varpå',
];

/**
 * Swedish verb frames that take a thing as their object, as a "vad" question puts them: what was taken, lost, handed
 * over, thrown or found ("Vad fick tjuvarna med sig?", "Vad blev mannen av med?", "vad blev stulet?", "Vad var det
 * kvinnan slängde?"). Such a question asks for that thing.
 */
export const THING_FRAMES: readonly string[] = [
  'med sig', 'ifrån sig', 'från sig', 'av med', 'över sig', 'stulet', 'stulen', 'stulna', 'stulits', 'snott', 'tillgripet', 'tillgripits',
  'slängde', 'slängt', 'kastade', 'kastat', 'hittat', 'tagit', 'tappat', 'tappade', 'förlorat', 'förlorade', 'lämna över', 'lämnade över',
];

/** Words that open a question by setting one thing apart ("Apart from drugs, what else …?", "Förutom körkortet, vad …?"). */
export const SET_APART_WORDS: readonly string[] = ['apart from', 'aside from', 'besides', 'except for', 'in addition to', 'other than', 'förutom', 'utöver', 'bortsett från'];

/** Verbs of causing, whose subject is the cause ("en torrkokning som gett upphov till lukten"). */
export const CAUSING_VERBS: readonly string[] = [
  'orsakat', 'orsakade', 'orsakar', 'föranlett', 'föranledde', 'föranleder', 'gett upphov till', 'gav upphov till', 'ger upphov till',
];

/** Verbs after which the thing taken, found or seized follows ("stals en cykel", "hittades en kniv"). */
export const OBJECT_VERBS: readonly string[] = [
  'stals', 'stulits', 'stulit', 'stal', 'stjäl', 'stjäla', 'tillgrips', 'tillgreps', 'tillgripits', 'tillgripit', 'tillgripa', 'tog', 'tagit',
  'togs', 'tas', 'tar', 'snott', 'snodde', 'rånade', 'rånat', 'rånas på', 'rånades på', 'hittades', 'hittas', 'hittat', 'hittade', 'hittar',
  'påträffas', 'påträffades', 'påträffat', 'påträffade', 'anträffas', 'anträffades', 'anträffade', 'anträffat', 'är anträffade', 'är anträffad',
  'är anträffat', 'är påträffade', 'är påträffad', 'beslagtogs', 'beslagtas', 'beslagtagit', 'beslagtog', 'tas i beslag', 'togs i beslag',
  'i beslag', 'omhändertogs', 'omhändertas', 'med sig', 'bar på', 'bär på', 'innehav av', 'lämnat över', 'lämnar över', 'lämnade över', 'lämnar', 'lämnade', 'kastat', 'kastade', 'kastar', 'hängt', 'hängde', 'köpt', 'sålt', 'visat upp', 'viftat med',
  'hotat med', 'hotade med', 'beväpnad med', 'försedd med', 'innehöll', 'innehåller', 'bestod av', 'ersatt med',
  // taken by force ("ryckt till sig en guldkedja", "avtvingat honom en mobiltelefon")
  'ryckt till sig', 'ryckte till sig', 'ryckt åt sig', 'ryckte åt sig', 'slet åt sig', 'slet till sig', 'tvingat till sig', 'tvingade till sig',
  'tvingat av', 'tvingade av', 'avtvingat', 'avtvingade', 'avtvingades', 'avtvingats', 'roffade åt sig', 'roffat åt sig',
  'tilltvingat sig', 'tilltvingade sig', 'tilltvingar sig', 'tilltvinga sig', 'tilltvingades', 'tilltvingats',
  // robbed of ("blir bestulen på kontanter")
  'bestulen på', 'bestulna på', 'bestulits på', 'bestals på',
  // a theft named as a noun ("misstänks för stöld av en mobiltelefon"), and what was set on fire
  'stöld av', 'stölder av', 'stölden av', 'tillgrepp av', 'tänt eld på', 'tände eld på', 'satt eld på', 'satte eld på', 'eldat med', 'eldade med',
  // things used, seized, handed over or gathered ("använder elchockvapen", "beslag av ett vasst föremål")
  'använder', 'använde', 'använt', 'användes', 'har använts', 'beslag av', 'lämna ifrån sig', 'lämnade ifrån sig', 'lämnat ifrån sig',
  'lämnar ifrån sig', 'lämna över', 'samla ihop', 'samlade ihop', 'samlat ihop',
  // things fetched, dropped, loaded or worn ("hämta hennes kreditkort", "släpper då väskan", "klädd i sjukhuskläder")
  'hämta', 'hämtade', 'hämtat', 'hämtar', 'släpper', 'släppte', 'släppt', 'lastar in', 'lastade in', 'lastat in', 'klädd i', 'klädda i',
  'iklädd', 'iklädda',
  // things lost
  'saknar', 'saknade', 'saknas', 'saknades', 'tappat', 'tappade', 'förlorat', 'förlorade', 'blivit av med', 'blev av med',
];

/** Verbs and phrases after which the offence follows ("misstänks för ringa stöld", "anmälan om skadegörelse"). */
export const OFFENCE_MARKERS: readonly string[] = [
  'misstänks för', 'misstänkt för', 'misstänkta för', 'misstänkts för', 'skäligen misstänkt för', 'på sannolika skäl misstänkt för',
  'anhållen för', 'anhållna för', 'anhölls för', 'häktad för', 'häktades för', 'åtalad för', 'åtalas för', 'döms för', 'dömdes för',
  'anmälan om', 'anmälan gällande', 'anmäls för', 'anmäldes för', 'en anmälan avseende', 'anmälan avseende', 'förundersökning om',
  'förundersökning avseende', 'förundersökning gällande', 'utredning om', 'rubriceras som', 'rubricerats som', 'rubriceringen är',
  'rubriceringen', 'rubricering', 'gällande', 'avseende', 'för misstänkt', 'misstanke om', 'misstankar om', 'rättsläget är', 'rättsläget',
  'suspected of', 'charged with', 'arrested for', 'reported for',
];

/** Words of injury and outcome ("lindrigt skadad", "ingen person kom till skada", "avled"). Stems. */
export const INJURY_WORDS: readonly string[] = [
  'skad', 'personskad', 'oskadd', 'oskadda', 'lindrig', 'allvarlig', 'livshotand', 'kritisk', 'avled', 'avlidit', 'omkom', 'död', 'dödad',
  'sjukhus', 'ambulans', 'vård', 'sjukvård', 'brännskad', 'skärsår', 'benbrott', 'frakturer', 'medvetslös', 'chockad', 'skakad',
  'kom till skada', 'till skada', 'skadades', 'skadats', 'skrapsår', 'sår', 'blåmärk', 'hjärnskakning', 'näsblod', 'stickskad', 'skärskad',
  'skottskad', 'knivskad', 'stick- eller skärskad', 'huvudskad', 'brutit', 'bruten', 'brutna', 'blöder', 'blödde',
];

/** Roles and bodies after which a name follows in attributions ("polisens Sophia Jiglind", "talesperson X"). */
export const NAME_INTRODUCERS: readonly string[] = ['polisens', 'kommunens', 'åklagaren', 'presstalesperson', 'talesperson', 'kommunpolis', 'vakthavande befäl', 'förundersökningsledare'];

/** Words never part of a name although capitalised at a sentence's start. */
export const NOT_NAMES: readonly string[] = [
  'polisen', 'polis', 'en', 'ett', 'den', 'det', 'de', 'han', 'hon', 'hen', 'vi', 'man', 'mannen', 'kvinnan', 'föraren', 'vid', 'på', 'i',
  'under', 'efter', 'när', 'strax', 'kl', 'klockan', 'ingen', 'inga', 'flera', 'två', 'tre', 'även', 'också', 'enligt', 'därefter',
  'sedan', 'nu', 'just', 'totalt', 'samtliga', 'alla', 'båda', 'dessa', 'detta', 'denna', 'the', 'a', 'an', 'he', 'she', 'they',
  'it', 'this', 'uppdatering', 'uppdaterad',
];

/** Escapes a word for use inside a RegExp. */
export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** An alternation of `words`, longest first (so "ett par" is tried before "ett"), each escaped. */
export function alternation(words: Iterable<string>): string {
  return [...new Set(words)].sort((a, b) => b.length - a.length).map((w) => escapeRe(w).replace(/ /g, '\\s+')).join('|');
}

/**
 * Kinds of event, as police notice titles name them ("Rån", "Trafikolycka, singel") and as people ask about
 * them ("rånet", "the robbery", "skottlossningen", "the crash"). `sv` are stems: a question word or statement
 * word matches when it starts with one, or ends with one as a compound's head (`bilbrand`, `garageinbrottet`).
 * `en` are English words and phrases (inflected forms are matched by stem).
 */
export const EVENT_KINDS: readonly { kind: string; titles: readonly string[]; sv: readonly string[]; en: readonly string[] }[] = [
  { kind: 'robbery', titles: ['Rån', 'Rån, försök', 'Rån väpnat', 'Rån övrigt', 'Larm Överfall'], sv: ['rån', 'rånförsök', 'personrån', 'butiksrån', 'väskryckning'], en: ['robbery', 'robberies', 'robbed', 'rob', 'robber', 'robbers', 'mugging', 'mugged', 'hold-up', 'heist', 'stick-up'] },
  { kind: 'fire', titles: ['Brand', 'Brand automatlarm', 'Mordbrand'], sv: ['brand', 'brann', 'brinn', 'eldsvåda', 'mordbrand', 'anlagd brand', 'bilbrand', 'lägenhetsbrand', 'skogsbrand', 'gräsbrand', 'rökutveckling'], en: ['fire', 'fires', 'blaze', 'burning', 'burned', 'burnt', 'arson', 'caught fire', 'on fire', 'smoke'] },
  { kind: 'shooting', titles: ['Skottlossning', 'Skottlossning, misstänkt'], sv: ['skottlossning', 'skjutning', 'skottskad', 'beskjut', 'sköts', 'skjuten', 'skjut', 'sköt', 'skott'], en: ['shooting', 'shootings', 'shot', 'shots', 'gunfire', 'gunshot', 'shots fired'] },
  { kind: 'explosion', titles: ['Explosion', 'Detonation', 'Smällar', 'Bombhot'], sv: ['explosion', 'detonation', 'sprängning', 'sprängladdning', 'smäll', 'bomb'], en: ['explosion', 'blast', 'detonation', 'bomb', 'bang', 'explosive'] },
  { kind: 'traffic accident', titles: ['Trafikolycka', 'Trafikolycka, personskada', 'Trafikolycka, singel', 'Trafikolycka, vilt', 'Trafikolycka, smitning från'], sv: ['trafikolycka', 'olycka', 'singelolycka', 'viltolycka', 'krock', 'kollision', 'kollider', 'frontalkrock', 'påkörd', 'körde av vägen', 'voltade', 'dikeskörning', 'avåkning'], en: ['crash', 'crashes', 'crashed', 'collision', 'collided', 'accident', 'pile-up', 'run over', 'knocked down', 'hit by a car', 'head-on', 'rolled', 'overturned', 'ditch', 'went off the road'] },
  { kind: 'burglary', titles: ['Inbrott', 'Inbrott, försök', 'Stöld/inbrott', 'Larm Inbrott'], sv: ['inbrott', 'inbrottsförsök', 'bröt sig in', 'tagit sig in', 'inbrottstjuv'], en: ['burglary', 'burglaries', 'break-in', 'break in', 'broke in', 'broke into', 'burgled', 'burglar', 'burglars'] },
  { kind: 'theft', titles: ['Stöld', 'Stöld, försök', 'Stöld/inbrott', 'Motorfordon, stöld', 'Motorfordon, anträffat stulet', 'Häleri'], sv: ['stöld', 'stölder', 'stal', 'stul', 'tillgrepp', 'tillgrip', 'snatteri', 'dieselstöld', 'cykelstöld', 'bilstöld', 'ficktjuv'], en: ['theft', 'thefts', 'stole', 'stolen', 'steal', 'stealing', 'shoplifting', 'shoplifter', 'thief', 'thieves', 'pickpocket', 'nicked'] },
  { kind: 'assault', titles: ['Misshandel', 'Misshandel, grov', 'Bråk', 'Våld/hot mot tjänsteman'], sv: ['misshandel', 'misshandl', 'slagsmål', 'bråk', 'knivhug', 'knivhögg', 'knivskur', 'sparkade', 'knytnävsslag'], en: ['assault', 'assaulted', 'beaten', 'beat up', 'attacked', 'attack', 'punched', 'stabbed', 'stabbing', 'fight', 'brawl', 'kicked'] }, // not "slog": "slog larm", "slogs sönder", "slog i huvudet" are no assault
  { kind: 'homicide', titles: ['Mord/dråp', 'Mord/dråp, försök', 'Anträffad död'], sv: ['mord', 'dråp', 'mordförsök', 'dödsfall', 'dödad', 'avliden'], en: ['murder', 'murdered', 'homicide', 'manslaughter', 'killing', 'killed', 'attempted murder', 'found dead', 'dead body'] },
  { kind: 'drunk driving', titles: ['Rattfylleri'], sv: ['rattfylleri', 'drograttfylleri', 'rattonykter', 'onykter', 'påverkad förare'], en: ['drunk driving', 'drink driving', 'drunk driver', 'driving under the influence', 'dui', 'drugged driving', 'drink-driving'] },
  { kind: 'traffic offence', titles: ['Trafikbrott', 'Trafikkontroll', 'Olovlig körning', 'Kontroll person/fordon'], sv: ['hastighetsöverträdelse', 'fortkörning', 'olovlig körning', 'trafikkontroll', 'hastighetskontroll', 'ordningsbot', 'vårdslöshet i trafik'], en: ['speeding', 'speed check', 'traffic check', 'unlicensed driving', 'driving without a licence', 'reckless driving', 'traffic offence', 'sped'] },
  { kind: 'missing person', titles: ['Försvunnen person', 'Efterlyst person'], sv: ['försvunn', 'saknad', 'saknas', 'efterlys', 'eftersök'], en: ['missing', 'disappeared', 'vanished', 'went missing', 'search'] },
  { kind: 'fraud', titles: ['Bedrägeri', 'Åldringsbrott', 'Förfalskningsbrott', 'Missbruk av urkund'], sv: ['bedrägeri', 'bedrag', 'lurad', 'lurat', 'bluffsamtal', 'falsk polis', 'bedragare'], en: ['fraud', 'frauds', 'scam', 'scammed', 'scammer', 'scammers', 'con', 'conned', 'swindle', 'swindled', 'fake', 'fraudster'] },
  { kind: 'threat', titles: ['Olaga hot', 'Våld/hot mot tjänsteman'], sv: ['olaga hot', 'hotade', 'hotat', 'hotfull', 'hot mot'], en: ['threat', 'threats', 'threatened', 'threatening', 'unlawful threat'] },
  { kind: 'vandalism', titles: ['Skadegörelse', 'Sabotage mot blåljusverksamhet'], sv: ['skadegörelse', 'klotter', 'krossade', 'vandalis', 'sabotage'], en: ['vandalism', 'vandalised', 'vandalized', 'graffiti', 'criminal damage'] }, // not "smashed" nor "damaged": a car "smashed into a house" is a crash
  { kind: 'drugs', titles: ['Narkotikabrott'], sv: ['narkotika', 'narkotikabrott', 'cannabis', 'kokain', 'amfetamin'], en: ['drugs', 'drug', 'narcotics', 'drug offence', 'cannabis', 'cocaine'] },
  { kind: 'weapons', titles: ['Vapenlagen', 'Knivlagen'], sv: ['vapenbrott', 'vapenlagen', 'knivlagen', 'kniv', 'skjutvapen', 'vapen'], en: ['weapon', 'weapons', 'knife', 'gun', 'firearm', 'weapons offence'] },
  { kind: 'sexual offence', titles: ['Våldtäkt', 'Våldtäkt, försök', 'Sexualbrott', 'Sedlighetsbrott', 'Ofredande/förargelse'], sv: ['våldtäkt', 'sexuellt ofredande', 'sexualbrott', 'blottning', 'ofredande'], en: ['rape', 'raped', 'sexual assault', 'sexual harassment', 'indecent exposure', 'molested', 'groped'] },
  { kind: 'workplace accident', titles: ['Arbetsplatsolycka'], sv: ['arbetsplatsolycka', 'arbetsolycka'], en: ['workplace accident', 'accident at work', 'work accident', 'at work'] },
  { kind: 'animal', titles: ['Djur', 'Trafikolycka, vilt', 'Lagen om hundar och katter'], sv: ['djur', 'lösspringande', 'hund', 'häst', 'ko', 'kor', 'älg', 'rådjur', 'varg', 'björn', 'vildsvin'], en: ['animal', 'animals', 'dog', 'horse', 'cow', 'cattle', 'moose', 'elk', 'deer', 'wolf', 'bear', 'boar'] },
  { kind: 'drunkenness', titles: ['Fylleri/LOB', 'Fylleri', 'Alkohollagen'], sv: ['fylleri', 'berusad', 'omhändertagen', 'lob'], en: ['drunk', 'drunkenness', 'intoxicated', 'public drunkenness'] },
  { kind: 'trespass', titles: ['Olaga intrång', 'Hemfridsbrott'], sv: ['olaga intrång', 'hemfridsbrott', 'intrång'], en: ['trespass', 'trespassing', 'intrusion'] },
  { kind: 'rescue', titles: ['Fjällräddning', 'Räddningsinsats', 'Sjukdom/olycksfall'], sv: ['fjällräddning', 'räddningsinsats', 'drunkn', 'nödställd'], en: ['rescue', 'rescued', 'mountain rescue', 'drowned', 'drowning', 'stranded'] },
  { kind: 'suspicious object', titles: ['Farligt föremål, misstänkt', 'Anträffat gods', 'Upphittat föremål'], sv: ['misstänkt farligt föremål', 'farligt föremål', 'misstänkt föremål', 'föremål'], en: ['suspicious object', 'suspicious item', 'suspicious package', 'dangerous object', 'weird object', 'object found'] },
];

/**
 * Swedish verbs whose forms a stemmer cannot join (the vowel changes: "sköt", "skjuter", "skjutit"). A question
 * with one form finds the others: each row is one verb's forms.
 */
export const STRONG_VERBS: readonly (readonly string[])[] = [
  ['skjuta', 'skjuter', 'sköt', 'skjutit', 'skjuten', 'skjutna', 'skjuts', 'sköts'],
  ['beskjuta', 'beskjuter', 'besköt', 'beskjutit', 'beskjuten', 'beskjutna', 'beskjutet', 'beskjuts', 'besköts', 'beskjutits'],
  ['stjäla', 'stjäl', 'stal', 'stulit', 'stulen', 'stulna', 'stulet', 'stjäls', 'stals', 'stulits'],
  ['ta', 'tar', 'tog', 'tagit', 'tagen', 'tagna', 'taget', 'tas', 'togs', 'tagits'],
  ['slå', 'slår', 'slog', 'slagit', 'slagen', 'slagna', 'slås', 'slogs'],
  ['dra', 'drar', 'drog', 'dragit', 'dragen', 'dras', 'drogs'],
  ['gå', 'går', 'gick', 'gått'],
  ['komma', 'kommer', 'kom', 'kommit'],
  ['springa', 'springer', 'sprang', 'sprungit', 'sprungen'],
  ['finna', 'finner', 'fann', 'funnit', 'funnen', 'funna', 'finns', 'fanns'],
  ['bryta', 'bryter', 'bröt', 'brutit', 'bruten', 'brutna', 'bryts', 'bröts'],
  ['binda', 'binder', 'band', 'bundit', 'bunden', 'bundna'],
  ['hålla', 'håller', 'höll', 'hållit', 'hållen', 'hålls', 'hölls'],
  ['ge', 'ger', 'gav', 'gett', 'givit', 'given', 'ges', 'gavs'],
  ['ligga', 'ligger', 'låg', 'legat'],
  ['sitta', 'sitter', 'satt', 'suttit'],
  ['se', 'ser', 'såg', 'sett', 'sedd', 'sågs', 'setts', 'syns', 'synts'],
  ['bli', 'blir', 'blev', 'blivit'],
  ['dricka', 'dricker', 'drack', 'druckit', 'druckna'],
  ['sticka', 'sticker', 'stack', 'stuckit', 'stucken'],
  ['hugga', 'hugger', 'högg', 'huggit', 'huggen', 'knivhögg', 'knivhuggit', 'knivhuggen', 'knivhuggits'],
  ['bita', 'biter', 'bet', 'bitit', 'biten', 'bets'],
  ['gripa', 'griper', 'grep', 'gripit', 'gripen', 'gripna', 'grips', 'greps', 'gripits'],
  ['tillgripa', 'tillgriper', 'tillgrep', 'tillgripit', 'tillgripen', 'tillgripna', 'tillgripet', 'tillgrips', 'tillgreps', 'tillgripits'],
  ['flyga', 'flyger', 'flög', 'flugit'],
  ['fara', 'far', 'for', 'farit'],
  ['försvinna', 'försvinner', 'försvann', 'försvunnit', 'försvunnen', 'försvunna'],
  ['falla', 'faller', 'föll', 'fallit', 'fallen', 'fallna'],
  ['dö', 'dör', 'dog', 'dött', 'död', 'döda', 'avled', 'avlidit', 'avliden'],
  ['skära', 'skär', 'skar', 'skurit', 'skuren', 'skurna'],
  ['sätta', 'sätter', 'satte', 'satt', 'satts'],
  ['lägga', 'lägger', 'lade', 'la', 'lagt', 'lagd', 'lagda'],
  ['säga', 'säger', 'sa', 'sade', 'sagt', 'sägs'],
  ['göra', 'gör', 'gjorde', 'gjort', 'gjord', 'gjorda', 'görs', 'gjordes'],
  ['hinna', 'hinner', 'hann', 'hunnit'],
  ['sprida', 'sprider', 'spred', 'spridit', 'spridd', 'spreds'],
  ['stiga', 'stiger', 'steg', 'stigit'],
  ['smita', 'smiter', 'smet', 'smitit'],
  ['glida', 'glider', 'gled', 'glidit'],
  ['bära', 'bär', 'bar', 'burit', 'buren', 'bars'],
  ['skriva', 'skriver', 'skrev', 'skrivit', 'skriven', 'skrivs', 'skrevs'],
  ['riva', 'river', 'rev', 'rivit', 'riven'],
  ['slita', 'sliter', 'slet', 'slitit', 'sliten'],
  ['frysa', 'fryser', 'frös', 'frusit', 'frusen'],
  ['brinna', 'brinner', 'brann', 'brunnit', 'brunnen'],
  ['sjunka', 'sjunker', 'sjönk', 'sjunkit'],
  ['vrida', 'vrider', 'vred', 'vridit'],
  ['stå', 'står', 'stod', 'stått'],
  ['kliva', 'kliver', 'klev', 'klivit'],
  ['välta', 'välter', 'vält', 'voltade', 'voltat'],
  ['sova', 'sover', 'sov', 'sovit'],
  ['gråta', 'gråter', 'grät', 'gråtit'],
  ['låta', 'låter', 'lät', 'låtit'],
  ['veta', 'vet', 'visste', 'vetat'],
  ['ljuga', 'ljuger', 'ljög', 'ljugit'],
  ['skrika', 'skriker', 'skrek', 'skrikit'],
  ['kasta', 'kastar', 'kastade', 'kastat', 'slängde', 'slängt'],
  ['rinna', 'rinner', 'rann', 'runnit'],
  ['vinna', 'vinner', 'vann', 'vunnit'],
  ['tvinga', 'tvingar', 'tvingade', 'tvingat'],
];

/**
 * Everyday Swedish that the statements say otherwise ("tjejen" – "flickan", "snodde" – "stal", "macken" –
 * "bensinstationen"): each casual word with the words the statements use.
 */
export const SWEDISH_SYNONYMS: readonly (readonly [string, readonly string[]])[] = [
  ['tjej', ['flicka', 'kvinna']],
  ['tjejen', ['flickan', 'kvinnan']],
  ['tjejer', ['flickor', 'kvinnor']],
  ['kille', ['pojke', 'man']],
  ['killen', ['pojken', 'mannen']],
  ['killar', ['pojkar', 'män']],
  ['killarna', ['pojkarna', 'männen']],
  ['snut', ['polis']],
  ['snuten', ['polisen']],
  ['snutarna', ['poliserna']],
  ['aina', ['polis', 'polisen']],
  ['snodde', ['stal', 'tillgrep']],
  ['snott', ['stulit', 'tillgripit']],
  ['sno', ['stjäla', 'tillgripa']],
  ['mack', ['bensinstation', 'bensinmack']],
  ['macken', ['bensinstationen', 'bensinmacken']],
  ['krocken', ['kollisionen', 'trafikolyckan', 'olyckan']],
  ['krockade', ['kolliderade', 'krockat']],
  ['smällen', ['explosionen', 'detonationen', 'smällen']],
  ['full', ['berusad', 'påverkad']],
  ['packad', ['berusad', 'påverkad']],
  ['fyllo', ['berusad']],
  ['bråkade', ['bråk', 'slagsmål', 'misshandel']],
  ['slogs', ['misshandel', 'slagsmål']],
  ['käk', ['mat']],
  ['kåken', ['huset', 'bostaden']],
  ['plugget', ['skolan']],
  ['jobbet', ['arbetsplatsen', 'arbetet']],
  ['bilen', ['personbilen', 'fordonet']],
  ['kniven', ['kniven', 'vapnet']],
  ['pistol', ['skjutvapen', 'vapen']],
  ['gubbe', ['man']],
  ['gubben', ['mannen']],
  ['tant', ['kvinna']],
  ['tanten', ['kvinnan']],
  ['ungar', ['barn', 'ungdomar']],
  ['ungdomarna', ['ungdomarna', 'tonåringarna']],
  ['tonåringar', ['ungdomar']],
  ['tonåringarna', ['ungdomarna']],
  ['boten', ['böterna', 'ordningsboten']],
  ['böter', ['ordningsbot', 'böter']],
  ['fortkörning', ['hastighetsöverträdelse']],
  ['fortkörningen', ['hastighetsöverträdelsen']],
  ['olyckan', ['trafikolyckan', 'olyckan']],
  ['inbrottet', ['inbrottet', 'stöld']],
  ['rånarna', ['rånarna', 'gärningsmännen']],
  ['tjuvarna', ['gärningsmännen', 'gärningspersonerna']],
  ['tjuven', ['gärningsmannen', 'gärningspersonen']],
];

/**
 * Forms of verbs a question's grammar turns on (src/answer/question.ts): the English participles that are not
 * regular -ed forms ("What was stolen?"), the Swedish strong passives ("Vad stals?") beside the regular -ades/-ats
 * ones, the passives of doing that ask what was done rather than for a thing, and the Swedish finite verbs
 * that show "vilka" opens a who-question ("Vilka greps?", "Vilka tog ner mannen?").
 */
export const ENGLISH_IRREGULAR_PARTICIPLES: readonly string[] = [
  'stolen', 'taken', 'found', 'seized', 'broken', 'hidden', 'left', 'lost', 'thrown', 'given', 'hit', 'shot', 'set', 'burnt', 'sold', 'kept',
  'brought', 'bought', 'held', 'stuck', 'torn', 'cut',
];
/** English past tenses that are not participles too: after a bare "what" ("What caught fire?") they are its verb. */
export const ENGLISH_IRREGULAR_PASTS: readonly string[] = [
  'got', 'caught', 'broke', 'fell', 'blew', 'went', 'came', 'ran', 'took', 'stole', 'began', 'burnt', 'hit', 'struck', 'drove', 'rode', 'flew',
  'threw', 'knocked', 'set', 'made', 'led', 'spread', 'sank', 'tore', 'froze',
];
/** English words in -ed that are no past tense ("What speed …?", "What red car …?"). */
export const NOT_ENGLISH_PASTS: readonly string[] = ['need', 'red', 'bed', 'shed', 'speed'];
export const SWEDISH_STRONG_PASSIVES: readonly string[] = ['stals', 'togs', 'sågs', 'gavs', 'slogs', 'drogs', 'revs', 'sköts', 'bars', 'höggs'];
export const DOING_PASSIVES: readonly string[] = ['gjordes', 'görs', 'gjorts', 'skedde', 'inträffades'];
export const SWEDISH_FINITE_VERBS: readonly string[] = [
  'tog', 'slog', 'sköt', 'stal', 'högg', 'drog', 'bar', 'gav', 'såg', 'fann', 'sprang', 'grep', 'bröt', 'smet', 'höll', 'satt', 'låg', 'stod',
  'sa', 'sade', 'dog', 'omkom', 'har', 'hade', 'var', 'är', 'blev', 'blir', 'kom', 'gick', 'fick', 'ska', 'kan', 'skulle', 'kunde', 'finns',
  'fanns', 'vill', 'ville',
];
/** English words for people, as the noun after "which" ("Which officers …?" asks who). */
export const ENGLISH_PERSON_WORDS: readonly string[] = [
  'people', 'persons', 'person', 'men', 'women', 'man', 'woman', 'officers', 'police', 'suspects', 'suspect', 'victims', 'victim', 'children',
  'kids', 'boys', 'girls', 'youths', 'guys', 'witnesses', 'drivers', 'driver', 'passengers', 'staff',
];

/**
 * Prepositions a question may leave standing ("Vad krockade elsparkcykeln med?", "what did he threaten them
 * with?"), each with the Swedish prepositions that may say it in a statement.
 */
export const STRANDED_PREPOSITIONS: Readonly<Record<string, readonly string[]>> = {
  med: ['med'], på: ['på'], mot: ['mot', 'in i'], över: ['över'], av: ['av'], om: ['om'], till: ['till'], från: ['från'], för: ['för'], i: ['i', 'in i'],
  with: ['med'], into: ['in i', 'mot', 'med', 'på'], on: ['på'], at: ['på', 'mot'], from: ['från'], about: ['om'], for: ['för'], against: ['mot'], over: ['över'],
};

/**
 * Stems of the words a notice tells its own handling with (the police, the call, the scene, the first reports,
 * the investigation): never what happened, so a stretch of them is no answer to "what" ("Enligt initiala
 * uppgifter …", "På plats …", "Samtal inkom till Ledningscentralen om …"). Matched as a word's start.
 */
export const NARRATION_STEMS: readonly string[] = [
  'polis', 'patrull', 'räddningstjänst', 'larm', 'inring', 'anmäl', 'plats', 'uppgift', 'initial', 'samband', 'samtal', 'beordr', 'anländ',
  'inkom', 'ledningscentral', 'oklar', 'okänd', 'uppge', 'uppga', 'uppgav', 'enligt', 'bedöm', 'konstater', 'utredning', 'förundersökning',
  'händelse', 'ärende', 'tidig',
];

/** Articles and small numbers that open an indefinite noun phrase ("en man i 50-årsåldern", "två mobiltelefoner"). */
export const INDEFINITE_DETERMINERS: readonly string[] = ['en', 'ett', 'två', 'tre', 'fyra', 'fem', 'flera', 'några'];
/** Words that open a noun phrase: a stretch that starts with one names a thing ("en handgranat", "sina nycklar"). */
export const PHRASE_DETERMINERS: readonly string[] = [...INDEFINITE_DETERMINERS, 'sin', 'sitt', 'sina', 'hans', 'hennes', 'deras'];
